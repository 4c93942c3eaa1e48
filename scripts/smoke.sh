#!/usr/bin/env bash
# Smoke test of the real binary: opens the window under Xvfb, takes a screenshot, and fails if the
# window never appeared or the screenshot is blank.
#   scripts/smoke.sh [BINARY] [SCREENSHOT]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/scim-preflight}
out=${2:-target/smoke.png}
# shellcheck source=scripts/xvfb-lib.sh
. scripts/xvfb-lib.sh
trap stop_all EXIT

start_xvfb 1280x800
launch_app "$bin"
wid=$(wait_for_window 60)
echo "window $wid appeared on $DISPLAY"
sleep 3 # let it render a few frames
shot "$wid" "$out"
check_not_blank "$out"
echo "smoke test passed: $out"
