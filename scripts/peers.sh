#!/usr/bin/env bash
# The whole-process comparison of the README's Measured section: `scim-preflight preview
# --format tree` (Secure Practice preset) against Python's json.load plus a Counter of the three
# levels and jq grouping by the three levels, on the same Graph export, side by side in one run,
# warm page cache. Each is run RUNS times (default 5); the median wall time and the peak memory
# (/usr/bin/time -f %M) of each are printed, and our speed-up over each peer.
#
#   scripts/peers.sh [users.json]      (default: a 100 000-user sample made with --seed 7)
#
# Needs a release build (cargo build --release), python3, jq and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/release/scim-preflight}
RUNS=${RUNS:-5}
FILE=${1:-}
if [ -z "$FILE" ]; then
    FILE=${TMPDIR:-/tmp}/scim-preflight-peers-100k.json
    [ -s "$FILE" ] || "$BIN" sample --users 100000 --seed 7 >"$FILE"
fi
cat "$FILE" >/dev/null # into the page cache

PY='import json, sys, collections
d = json.load(open(sys.argv[1], encoding="utf-8"))
c = collections.Counter((u.get("companyName"), (u.get("employeeOrgData") or {}).get("division"), u.get("department")) for u in d["value"])
print(len(c))'
JQ='.value | group_by([.companyName, .employeeOrgData.division, .department]) | map({key: [.[0].companyName, .[0].employeeOrgData.division, .[0].department], users: length}) | length'

# median wall seconds and peak KB of RUNS runs of "$@"
measure() {
    local times=() peak=0 out log
    log=$(mktemp)
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -o "$log" -f '%e %M' "$@" >/dev/null 2>&1
        out=$(tail -1 "$log")
        times+=("${out% *}")
        [ "${out#* }" -gt "$peak" ] && peak=${out#* }
    done
    rm -f "$log"
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$median $peak"
}

printf '%-42s %10s %12s\n' "command ($(du -m "$FILE" | cut -f1) MB)" "median s" "peak MB"
ours=$(measure "$BIN" preview --format tree --preset securepractice "$FILE")
python=$(measure python3 -c "$PY" "$FILE")
jqs=$(measure jq "$JQ" "$FILE")
row() { printf '%-42s %10s %12d\n' "$1" "${2% *}" $(( ${2#* } / 1024 )); }
row "scim-preflight preview --format tree" "$ours"
row "python3 json.load + Counter" "$python"
row "jq group_by" "$jqs"
awk -v o="${ours% *}" -v p="${python% *}" -v j="${jqs% *}" \
    'BEGIN { printf "faster than python: %.1fx, than jq: %.1fx\n", p / o, j / o }'
