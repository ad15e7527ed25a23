#!/usr/bin/env bash
# Checks that the core and the rules build for the browser:
#   cargo check -p plan-lint-core -p plan-lint-rules --target wasm32-unknown-unknown
# (no files, no threads, no allocator of their own in those crates), the
# C code of tree-sitter and of the grammar compiled for wasm32 as
# scripts/build-web.sh compiles it: with zig's clang through
# scripts/wasm-cc.sh (which says why not Debian's clang).
#
#   scripts/check-wasm.sh
#
# Installs what is missing: the Rust target (rustup) and zig
# (scripts/install-zig.sh). Needs no terminal and no stdin.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

target=wasm32-unknown-unknown

if ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target"
fi

PLAN_LINT_ZIG="$(scripts/install-zig.sh)"
export PLAN_LINT_ZIG
CC_wasm32_unknown_unknown="$root/scripts/wasm-cc.sh" AR_wasm32_unknown_unknown="$root/scripts/wasm-ar.sh" \
    cargo check -p plan-lint-core -p plan-lint-rules --target "$target"
echo "check-wasm: plan-lint-core and plan-lint-rules build for $target (the grammar's C compiled by zig's clang)"
