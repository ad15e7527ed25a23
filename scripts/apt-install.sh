#!/usr/bin/env bash
# Installs Debian packages with apt, as root or through sudo: what the
# install-* scripts and check-wasm.sh share.
#
#   scripts/apt-install.sh NAME PACKAGE...
#
# NAME prefixes the error printed when neither root nor sudo is available
# (exit 1). Needs no terminal and no stdin.
set -euo pipefail

name="$1"
shift

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        echo "$name: not root and no sudo: install $* by hand" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "$@" </dev/null
