# Helpers for running the real window under Xvfb: sourced by scripts/smoke.sh and
# scripts/screenshots.sh. Needs: Xvfb, xdotool, ImageMagick (import, convert).

XVFB_PID=""
APP_PID=""

# start_xvfb WIDTHxHEIGHT: starts Xvfb on a free display and exports DISPLAY.
start_xvfb() {
  local size=$1 n
  for n in $(seq 90 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -nolisten tcp -screen 0 "${size}x24" >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 1 100); do
      [ -e "/tmp/.X11-unix/X$n" ] && { export DISPLAY=":$n"; return 0; }
      sleep 0.1
    done
    kill "$XVFB_PID" 2>/dev/null || true
  done
  echo "could not start Xvfb" >&2
  return 1
}

# launch_app BINARY [ARGS...]: starts the app with its own empty settings folder and a
# software renderer; its log goes to target/app-under-xvfb.log.
launch_app() {
  local bin=$1; shift
  XDG_DATA_HOME=$(mktemp -d)
  XDG_RUNTIME_DIR=$(mktemp -d)
  chmod 700 "$XDG_RUNTIME_DIR"
  export XDG_DATA_HOME XDG_RUNTIME_DIR
  mkdir -p target
  LIBGL_ALWAYS_SOFTWARE=1 "$bin" "$@" >target/app-under-xvfb.log 2>&1 &
  APP_PID=$!
}

# wait_for_window SECONDS: prints the window id of "SCIM Preflight" once it is mapped.
wait_for_window() {
  local limit=$1 wid
  for _ in $(seq 1 $((limit * 10))); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      echo "the app exited before its window appeared; its log:" >&2
      cat target/app-under-xvfb.log >&2
      return 1
    fi
    wid=$(xdotool search --onlyvisible --name '^SCIM Preflight$' 2>/dev/null | head -1 || true)
    if [ -n "$wid" ]; then echo "$wid"; return 0; fi
    sleep 0.1
  done
  echo "no window appeared within $limit s; the app's log:" >&2
  cat target/app-under-xvfb.log >&2
  return 1
}

# shot WINDOW FILE: a screenshot of the window.
shot() {
  import -window "$1" "$2"
}

# check_not_blank FILE: fails if the image has (nearly) one colour.
check_not_blank() {
  local colors
  colors=$(convert "$1" -format %k info:)
  echo "$1: $(identify -format '%wx%h' "$1"), $colors colours"
  if [ "$colors" -lt 16 ]; then
    echo "the screenshot $1 is blank ($colors colours)" >&2
    return 1
  fi
}

stop_all() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$APP_PID" ] && wait "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  return 0
}
