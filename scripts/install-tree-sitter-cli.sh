#!/usr/bin/env bash
# Installs the tree-sitter CLI at the version pinned in
# grammar/TREE_SITTER_CLI_VERSION into a cache directory, and prints the
# path of the binary on stdout (and nothing else there, so callers can do
# `TS=$(scripts/install-tree-sitter-cli.sh)`). Progress goes to stderr.
#
# The cache directory is $PLAN_LINT_TOOLS, default ~/.cache/plan-lint-tools;
# the binary lands in its bin/. When that binary already reports the pinned
# version, nothing is built.
#
# Why cargo and not npm: the npm package downloads its binary from GitHub at
# install time, which is not reachable from CI (see shared/docs/toolchain.md).
# A build from crates.io takes about 4.5 minutes.
#
# Keep the version in step with the `tree-sitter` runtime crate in the root
# Cargo.toml (same 0.27.x): the CLI decides the ABI of the generated parser.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version_file="$repo_root/grammar/TREE_SITTER_CLI_VERSION"
if [[ ! -f "$version_file" ]]; then
    echo "install-tree-sitter-cli: $version_file is missing" >&2
    exit 1
fi
# The first non-empty line, without surrounding whitespace.
version="$(grep -m1 -v '^[[:space:]]*$' "$version_file" | tr -d '[:space:]')"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "install-tree-sitter-cli: $version_file holds '$version', not a version like 0.27.1" >&2
    exit 1
fi

tools="${PLAN_LINT_TOOLS:-$HOME/.cache/plan-lint-tools}"
bin="$tools/bin/tree-sitter"

installed_version() {
    # `tree-sitter --version` prints e.g. "tree-sitter 0.27.1" (possibly
    # followed by a commit hash); print the second word, or nothing.
    if [[ -x "$bin" ]]; then
        "$bin" --version 2>/dev/null | awk 'NR == 1 { print $2 }' || true
    fi
}

current="$(installed_version)"
if [[ "$current" == "$version" ]]; then
    echo "install-tree-sitter-cli: $bin is already $version" >&2
else
    if [[ -n "$current" ]]; then
        echo "install-tree-sitter-cli: $bin is $current, want $version; rebuilding" >&2
    else
        echo "install-tree-sitter-cli: building tree-sitter-cli $version into $tools (a few minutes)" >&2
    fi
    mkdir -p "$tools"
    # --force: replace a binary of another version that cargo installed
    # into the same root. Cargo's own output goes to stderr.
    cargo install tree-sitter-cli --locked --version "=$version" --root "$tools" --force >&2
    current="$(installed_version)"
    if [[ "$current" != "$version" ]]; then
        echo "install-tree-sitter-cli: after installing, $bin reports '$current', not $version" >&2
        exit 1
    fi
fi

echo "$bin"
