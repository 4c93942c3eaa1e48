#!/usr/bin/env bash
# Builds the Windows program from a fresh Linux (Debian or Ubuntu) machine:
#   scripts/build-windows.sh [--debug]
# Installs what it needs (the x86_64-pc-windows-gnu Rust target, Debian's mingw-w64), then
# writes target/x86_64-pc-windows-gnu/release/scim-preflight.exe (the window, and the commands
# from a console) and scim-preflight-cli.exe (the commands, for scripts), each with a .sha256
# file beside it. --debug builds the debug profile instead (faster; what CI smoke-tests).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=release
[ "${1:-}" = "--debug" ] && profile=debug
target=x86_64-pc-windows-gnu

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v x86_64-w64-mingw32-gcc >/dev/null || ! command -v x86_64-w64-mingw32-windres >/dev/null; then
  echo "installing mingw-w64 (the Windows linker and resource compiler)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 >/dev/null
fi
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

flags=()
[ "$profile" = release ] && flags+=(--release)
cargo build "${flags[@]}" --target "$target" --bins

out="target/$target/$profile"
for exe in scim-preflight.exe scim-preflight-cli.exe; do
  (cd "$out" && sha256sum "$exe" > "$exe.sha256")
  echo "$out/$exe ($(du -h "$out/$exe" | cut -f1)), SHA-256 $(cut -d' ' -f1 "$out/$exe.sha256")"
done
