#!/usr/bin/env bash
# The archiver of the browser build (AR_wasm32_unknown_unknown for cc-rs):
# zig's llvm-ar, which writes the symbol index wasm-ld needs. PLAN_LINT_ZIG
# is set by scripts/build-web.sh.
set -euo pipefail
exec "${PLAN_LINT_ZIG:?PLAN_LINT_ZIG must name the zig binary (scripts/build-web.sh and scripts/check-wasm.sh set it)}" ar "$@"
