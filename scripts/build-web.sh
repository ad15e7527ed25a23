#!/usr/bin/env bash
# Builds plan-lint for the browser into a folder that can be copied as is
# (an intranet server, a shared drive, a USB stick): web/dist/.
#
#   scripts/build-web.sh            # then open web/dist/index.html
#
# Steps: the plan-lint-web crate for wasm32-unknown-unknown (profile
# `web`: size-optimised, LTO), wasm-bindgen (the CLI pinned to the version
# of the wasm-bindgen crate in Cargo.lock, installed once under
# $PLAN_LINT_TOOLS, default ~/.cache/plan-lint-tools), then the page
# (web/page/) with web/dist/engine.js: the worker's code and the .wasm as
# base64. The engine is a script rather than a fetched file because the
# page forbids every connection (its Content-Security-Policy has
# `connect-src 'none'`), and because Chromium fetches nothing from file://.
#
# Installs what is missing: the Rust target (rustup), zig (the PyPI package
# ziglang, scripts/install-zig.sh, for its clang: the C code of tree-sitter
# and of the grammar; scripts/wasm-cc.sh says why not Debian's clang) and
# wasm-bindgen-cli (cargo install), both under $PLAN_LINT_TOOLS, and node
# (apt; root or sudo). Needs no terminal and no stdin. Prints the sizes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target=wasm32-unknown-unknown
target_dir="${CARGO_TARGET_DIR:-$root/target}"
dist="$root/web/dist"
log() { echo "build-web: $*" >&2; }

if ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target"
fi

# zig's clang for the C code (scripts/wasm-cc.sh, scripts/wasm-ar.sh).
PLAN_LINT_ZIG="$(scripts/install-zig.sh)"
export PLAN_LINT_ZIG
# node assembles the page (web/page/assemble.js).
command -v node >/dev/null 2>&1 || scripts/apt-install.sh build-web nodejs

# wasm-bindgen-cli must be the crate's version exactly.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[[ -n "$version" ]] || { log "no wasm-bindgen in Cargo.lock"; exit 1; }
tools="${PLAN_LINT_TOOLS:-$HOME/.cache/plan-lint-tools}/wasm-bindgen-$version"
bindgen="$tools/bin/wasm-bindgen"
if [[ ! -x "$bindgen" ]] || [[ "$("$bindgen" --version)" != "wasm-bindgen $version" ]]; then
    log "installing wasm-bindgen-cli $version into $tools (once; a few minutes)"
    # --locked first; a registry mirror that lacks one of the CLI's locked
    # dependencies gets the newest compatible versions instead.
    cargo install wasm-bindgen-cli --version "$version" --locked --root "$tools" \
        || cargo install wasm-bindgen-cli --version "$version" --root "$tools"
fi

log "cargo build -p plan-lint-web --target $target --profile web"
CC_wasm32_unknown_unknown="$root/scripts/wasm-cc.sh" AR_wasm32_unknown_unknown="$root/scripts/wasm-ar.sh" \
    cargo build -p plan-lint-web --target "$target" --profile web
wasm="$target_dir/$target/web/plan_lint_web.wasm"

out="$target_dir/web-bindgen"
rm -rf "$out"
"$bindgen" --target no-modules --no-typescript --out-dir "$out" "$wasm"

rm -rf "$dist"
mkdir -p "$dist"
cp web/page/index.html web/page/style.css web/page/app.js "$dist/"
node web/page/assemble.js "$out/plan_lint_web.js" web/page/worker.js \
    "$out/plan_lint_web_bg.wasm" "$dist/engine.js"

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1048576 }'; }
wasm_out="$out/plan_lint_web_bg.wasm"
log "wrote $dist ($(ls "$dist" | tr '\n' ' '))"
log "the .wasm: $(mb "$(size "$wasm_out")"), gzipped $(mb "$(gz "$wasm_out")"); engine.js (the .wasm as base64 and the worker): $(mb "$(size "$dist/engine.js")"), gzipped $(mb "$(gz "$dist/engine.js")")"
log "open web/dist/index.html in a browser, or serve the folder: python3 -m http.server -d web/dist"
