#!/usr/bin/env bash
# Installs zig (the PyPI package ziglang, pinned here) once under
# $PLAN_LINT_TOOLS (default ~/.cache/plan-lint-tools) and prints the path of
# its binary. The browser build compiles C with zig's clang
# (scripts/wasm-cc.sh says why not Debian's). Needs pip (apt installs it if
# missing; root or sudo), no terminal and no stdin.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version=0.17.1
dir="${PLAN_LINT_TOOLS:-$HOME/.cache/plan-lint-tools}/ziglang-$version"
zig="$dir/ziglang/zig"
if [[ ! -x "$zig" ]]; then
    echo "install-zig: installing zig $version (PyPI ziglang) into $dir (once)" >&2
    python3 -m pip --version >/dev/null 2>&1 || scripts/apt-install.sh install-zig python3-pip >&2
    python3 -m pip install --quiet --disable-pip-version-check --no-deps \
        --target "$dir" "ziglang==$version" >&2
fi
[[ "$("$zig" version)" == "$version" ]] || { echo "install-zig: $zig is not zig $version" >&2; exit 1; }
echo "$zig"
