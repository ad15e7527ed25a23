#!/usr/bin/env bash
# Installs Neovim (Debian's package; 0.7.2 on Debian 12) when `nvim` is not
# on PATH. The Neovim end-to-end test of the language server
# (lsp/tests/lsp_neovim.rs, driving lsp/tests/nvim/harness.lua) needs it.
#
#   scripts/install-neovim.sh
#
# Needs no terminal and no stdin. Does nothing when nvim is already there.
set -euo pipefail

if command -v nvim >/dev/null 2>&1; then
    echo "install-neovim: $(nvim --version | head -n 1) already installed"
    exit 0
fi

"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" install-neovim neovim

echo "install-neovim: $(nvim --version | head -n 1) installed"
