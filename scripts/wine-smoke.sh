#!/usr/bin/env bash
# Smoke test of the Windows program under Wine, against the Linux build:
#   scripts/wine-smoke.sh [WINDOWS_DIR] [LINUX_BINARY] [SCREENSHOT]
# WINDOWS_DIR holds scim-preflight.exe and scim-preflight-cli.exe (default: the release build of
# scripts/build-windows.sh); LINUX_BINARY defaults to target/debug/scim-preflight. Checks:
# - scim-preflight.exe is a window program (no console when double-clicked), the CLI a console
#   one, and both carry the icon and version information;
# - `token` with the key and secret on standard input prints the right token;
# - `eval`, `import` of a UTF-16 PowerShell export, `preview --format json` of the same users and
#   `preview --schema` of a UTF-16 schema print byte for byte what the Linux build prints (line
#   endings aside), from a folder whose name has spaces and non-ASCII letters;
# - the window program, given a command, prints to the console it was started from;
# - the window opens under Xvfb (when Xvfb is installed) and is not blank; with SCREENSHOT, the
#   screenshot is kept there.
# Installs Wine (Debian's wine and wine64) and mingw-w64 when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
win_dir=${1:-target/x86_64-pc-windows-gnu/release}
linux=${2:-target/debug/scim-preflight}
screenshot=${3:-}
win_dir=$(cd "$win_dir" && pwd)
linux=$(cd "$(dirname "$linux")" && pwd)/$(basename "$linux")

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
[ -x /usr/lib/wine/wine64 ] || missing+=(wine wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

fail() { echo "wine smoke FAILED: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# The programs, in a folder whose name has spaces and non-ASCII letters.
work=$(mktemp -d)
app="$work/Programmer med mellomrom æøå"
data="$work/Eksport fra Entra – Ærlig talt"
mkdir -p "$app" "$data"
cp "$win_dir/scim-preflight.exe" "$win_dir/scim-preflight-cli.exe" "$app/"
# Test harness only (see the file): Wine 8.0 lacks bcryptprimitives.dll.
x86_64-w64-mingw32-gcc -shared -O2 -o "$app/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c -ladvapi32

export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine=/usr/lib/wine/wine64
"$wine" wineboot --init >/dev/null 2>&1 || true
cli() { "$wine" "$app/scim-preflight-cli.exe" "$@"; }
unix() { tr -d '\r'; }

# 1. The kinds of program, and their resources.
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^Subsystem[[:space:]]*//p'; }
[[ $(subsystem "$app/scim-preflight.exe") == *"Windows GUI"* ]] || fail "scim-preflight.exe is not a window program"
[[ $(subsystem "$app/scim-preflight-cli.exe") == *"Windows CUI"* ]] || fail "scim-preflight-cli.exe is not a console program"
for exe in scim-preflight.exe scim-preflight-cli.exe; do
  x86_64-w64-mingw32-objdump -h "$app/$exe" | grep -q '\.rsrc' || fail "$exe has no resources (icon, version)"
  strings -el "$app/$exe" | grep -q "SCIM Preflight" || fail "$exe has no version information"
done
pass "window and console programs, with icon and version information"

# 2. The token from standard input.
token=$(printf 'my-key\nmy-secret\n' | cli token | unix)
[ "$token" = "$(printf 'my-key:my-secret' | base64)" ] || fail "token printed '$token'"
pass "token from standard input"

# 3. The same output as the Linux build, for files in a folder with spaces and æøå.
cp tests/data/import/valid/mggraph-ps51-utf16.json "$data/brukere æøå.json"
cp tests/data/schema/schema.json "$data/schema.json"
# As Windows PowerShell 5.1 and Notepad save it: UTF-16 little-endian with a BOM, CRLF.
sed 's/$/\r/' "$data/schema.json" | iconv -f UTF-8 -t UTF-16 > "$data/skjema utf16.json"
same() {
  local what=$1; shift
  local windows linux_out
  windows=$(cd "$data" && cli "$@" 2>&1 | unix) || fail "$what: the Windows program failed: $windows"
  linux_out=$(cd "$data" && "$linux" "$@" 2>&1) || fail "$what: the Linux program failed: $linux_out"
  [ "$windows" = "$linux_out" ] || {
    diff <(echo "$linux_out") <(echo "$windows") | head -20 >&2
    fail "$what differs from the Linux build"
  }
  pass "$what: identical to the Linux build ($(echo "$windows" | wc -c) bytes)"
}
same "eval" eval 'Item(Split([department], " > "), 2)' --attr 'department=Contoso > Sales > EMEA' --json
same "eval of a regex" eval 'Replace([mobile], , "[()\\s-]+", , "", , )' --attr 'mobile=+47 (22) 00-00 00'
same "import of a UTF-16 PowerShell export" import --json "brukere æøå.json"
same "preview --format json" preview "brukere æøå.json" --format json
same "preview --schema of a UTF-16 schema" preview "brukere æøå.json" --schema "skjema utf16.json" --format json

# 4. The window program prints to the console it was started from, given a command.
printed=$(cd "$data" && "$wine" "$app/scim-preflight.exe" --version 2>&1 | unix)
[[ $printed == scim-preflight* ]] || fail "scim-preflight.exe --version printed '$printed'"
pass "the window program prints a command's output ($printed)"

# 5. The window, under Xvfb.
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
  # shellcheck source=scripts/xvfb-lib.sh
  . scripts/xvfb-lib.sh
  trap 'stop_all; wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
  # The Wine session started above has no display: end it, so the window gets Xvfb's.
  wineserver -k 2>/dev/null || true
  wineserver -w 2>/dev/null || true
  start_xvfb 1280x800
  launch_app "$wine" "$app/scim-preflight.exe"
  wid=$(wait_for_window 120)
  # Under Wine the Direct3D 12 window fails and the program starts again with OpenGL: wait
  # for that one (the log says so), then for it to draw.
  for _ in $(seq 1 60); do
    grep -q "trying the gl renderer" target/app-under-xvfb.log 2>/dev/null || break
    sleep 1
    wid=$(xdotool search --onlyvisible --name '^SCIM Preflight$' 2>/dev/null | tail -1)
    [ -n "$wid" ] && break
  done
  sleep 5
  shot "$wid" "$work/window.png"
  check_not_blank "$work/window.png"
  [ -n "$screenshot" ] && cp "$work/window.png" "$root/$screenshot"
  grep -i "renderer" target/app-under-xvfb.log || true
  pass "the window opened under Wine${screenshot:+ (screenshot: $screenshot)}"
else
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
  echo "skipped: the window (no Xvfb)"
fi
echo "wine smoke passed"
