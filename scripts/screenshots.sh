#!/usr/bin/env bash
# Makes the README's screenshots from the real window under Xvfb (software rendering), into
# assets/screenshots/. Needs Xvfb, xdotool and ImageMagick:
#   apt-get install xvfb xdotool imagemagick
#   scripts/screenshots.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/scim-preflight}
[ -x "$bin" ] || cargo build
out=assets/screenshots
mkdir -p "$out"
# shellcheck source=scripts/xvfb-lib.sh
. scripts/xvfb-lib.sh
trap stop_all EXIT

start_xvfb 1200x1000
launch_app "$bin"
wid=$(wait_for_window 60)
xdotool windowsize --sync "$wid" 1100 720
xdotool windowfocus --sync "$wid" # without a window manager, keys are dropped otherwise
sleep 2

# The window is 1100x720, so the fields are where the layout puts them.
click() { xdotool mousemove --window "$wid" "$1" "$2" click 1; sleep 1; }
key() { xdotool key --window "$wid" --delay 60 "$@"; sleep 0.3; }
click 440 158 # API key
xdotool type --delay 120 'sp_live_8f3a21c9e7'
click 385 209 # API secret
xdotool type --delay 120 'Q2hhbmdlTWUtUGxlYXNl'
click 900 600 # away from the fields, so no text cursor shows
sleep 1
shot "$wid" "$out/step1-token.png"
check_not_blank "$out/step1-token.png"

# Settings.
key Escape
xdotool mousemove --window "$wid" 110 663 click 1
sleep 1
shot "$wid" "$out/settings.png"
check_not_blank "$out/settings.png"
# Step 2: the app opened with an export named on the command line (page 1 of 2: a warning),
# then a user selected in the table.
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
launch_app "$bin" tests/data/import/valid/graph-page-1-of-2.json
wid=$(wait_for_window 60)
xdotool windowsize --sync "$wid" 1100 900
xdotool windowfocus --sync "$wid"
sleep 3
shot "$wid" "$out/step2-users.png"
check_not_blank "$out/step2-users.png"
# Scroll to the table, click a user, scroll to the inspector.
xdotool mousemove --window "$wid" 600 600
for _ in $(seq 1 15); do xdotool click 5; sleep 0.05; done
sleep 1
xdotool mousemove --window "$wid" 300 790 click 1
sleep 1
for _ in $(seq 1 15); do xdotool click 5; sleep 0.05; done
sleep 1
shot "$wid" "$out/step2-inspector.png"
check_not_blank "$out/step2-inspector.png"
# Steps 3 and 4 with 500 users of sample data.
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
sample=$(mktemp --suffix=.json)
"$bin" sample --users 500 >"$sample"
launch_app "$bin" "$sample"
wid=$(wait_for_window 60)
xdotool windowsize --sync "$wid" 1100 900
xdotool windowfocus --sync "$wid"
sleep 3
click 67 193 # 3 Mappings
shot "$wid" "$out/step3-mappings.png"
check_not_blank "$out/step3-mappings.png"
click 921 410 # Edit the mapping to name.formatted
sleep 2
shot "$wid" "$out/step3-edit.png"
check_not_blank "$out/step3-edit.png"
key Escape
click 67 232 # 4 Preview
sleep 2
shot "$wid" "$out/step4-preview.png"
check_not_blank "$out/step4-preview.png"
click 308 213 # a division: its users on the right
click 720 170 # the first of them: the requests below the tree
xdotool mousemove --window "$wid" 600 500
for _ in $(seq 1 6); do xdotool click 5; sleep 0.05; done
sleep 1
shot "$wid" "$out/step4-user.png"
check_not_blank "$out/step4-user.png"
rm -f "$sample"
echo "screenshots written to $out/"
