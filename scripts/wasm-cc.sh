#!/usr/bin/env bash
# The C compiler of the browser build: zig's clang (PyPI package ziglang,
# scripts/install-zig.sh). scripts/build-web.sh and scripts/check-wasm.sh
# set PLAN_LINT_ZIG and name this script CC_wasm32_unknown_unknown for cc-rs.
#
# Why not Debian's clang: the grammar's lexer (ts_lex in the generated
# grammar/src/parser.c) is one function of ~33,000 basic blocks and ~1,700
# nested loops. LLVM's WebAssembly pass "Fix Irreducible Control Flow"
# rebuilds its reachability graph for every nested loop and runs out of
# memory on it (clang 14 and zig's clang 22 alike, above 8 GB after 12
# minutes at -Os). That pass only changes a function whose control flow is
# irreducible (loops with several entries), and a tree-sitter lexer is
# reducible: one loop around a switch on the state. So, for a
# tree-sitter parser.c only, this script
#   1. checks that the optimised IR of the file is reducible
#      (scripts/wasm_reducible.py; the build stops if it is not),
#   2. turns off the machine passes that could make it irreducible again
#      (tail duplication, branch folding), and
#   3. turns off the fix pass, which then has nothing to do.
# Every other C file (tree-sitter's runtime, the external scanner) is
# compiled as usual, the pass on. cc-rs passes --target=wasm32-unknown-unknown,
# which zig spells -target wasm32-freestanding.
set -euo pipefail

zig="${PLAN_LINT_ZIG:?PLAN_LINT_ZIG must name the zig binary (scripts/build-web.sh and scripts/check-wasm.sh set it)}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

args=()
source_file=""
for arg in "$@"; do
    case "$arg" in
        --target=wasm32-unknown-unknown | --target=wasm32-unknown-unknown-unknown)
            args+=(-target wasm32-freestanding) ;;
        *.c)
            source_file="$arg"
            args+=("$arg") ;;
        *) args+=("$arg") ;;
    esac
done

if [[ -n "$source_file" && "$(basename "$source_file")" == parser.c ]] \
    && grep -q '^static bool ts_lex(' "$source_file"; then
    # The IR the code generator gets: the same command with -S -emit-llvm
    # instead of the object file.
    ir="$(mktemp --suffix=.ll)"
    trap 'rm -f "$ir"' EXIT
    ir_args=()
    skip_next=0
    for arg in "${args[@]}"; do
        if ((skip_next)); then skip_next=0; continue; fi
        case "$arg" in
            -o) skip_next=1 ;;
            -o*) ;;
            -c) ;;
            *) ir_args+=("$arg") ;;
        esac
    done
    "$zig" cc "${ir_args[@]}" -Wno-unused-command-line-argument -S -emit-llvm -o "$ir"
    python3 "$here/wasm_reducible.py" "$ir" >&2
    rm -f "$ir"
    args+=(-mllvm -wasm-disable-fix-irreducible-control-flow-pass
        -mllvm -disable-tail-duplicate -mllvm -disable-early-taildup
        -mllvm -disable-branch-fold)
fi

exec "$zig" cc "${args[@]}"
