#!/usr/bin/env bash
# Checks that the core and the rules build for the browser:
#   cargo check -p plan-lint-core -p plan-lint-rules --target wasm32-unknown-unknown
# (no files, no threads, no allocator of their own in those crates).
#
#   scripts/check-wasm.sh
#
# Installs what is missing: the Rust target (rustup) and Debian's clang,
# which compiles tree-sitter's and the grammar's C files for wasm32 (the
# grammar's build script adds the libc headers tree-sitter-language ships
# for that target). apt needs root or sudo. Needs no terminal and no stdin.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

target=wasm32-unknown-unknown

if ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target"
fi

if ! command -v clang >/dev/null 2>&1; then
    scripts/apt-install.sh check-wasm clang
fi

CC_wasm32_unknown_unknown=clang \
    cargo check -p plan-lint-core -p plan-lint-rules --target "$target"
echo "check-wasm: plan-lint-core and plan-lint-rules build for $target"
