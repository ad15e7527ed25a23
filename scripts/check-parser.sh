#!/usr/bin/env bash
# Checks that the committed generated parser (grammar/src) is what the
# pinned tree-sitter CLI generates from grammar/grammar.js, then runs the
# grammar's corpus tests (grammar/test/corpus).
#
# It regenerates grammar/src IN THE WORKING TREE. On a mismatch it fails and
# LEAVES the regenerated files in place: in CI the clone is thrown away, and
# locally the regenerated files are exactly what should be committed (review
# them with `git diff -- grammar/src`, or drop them with
# `git checkout -- grammar/src && git clean -fd -- grammar/src`).
#
# Locally, an uncommitted grammar.js is compared too: the check passes only
# when grammar/src is committed and matches the grammar.js on disk.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

ts="$(scripts/install-tree-sitter-cli.sh)"

# Generate exactly as the committed parser was generated: the default ABI
# of the pinned CLI, and the built-in JavaScript runtime (no node needed).
unset TREE_SITTER_ABI_VERSION TREE_SITTER_JS_RUNTIME

echo "check-parser: $("$ts" --version): generate in grammar/" >&2
(cd grammar && "$ts" generate --js-runtime native)

changed=0
if ! git diff --quiet --exit-code -- grammar/src; then
    changed=1
fi
untracked="$(git ls-files --others --exclude-standard -- grammar/src)"
if [[ -n "$untracked" ]]; then
    changed=1
fi

if [[ "$changed" -ne 0 ]]; then
    {
        echo
        echo "check-parser: FAILED: grammar/src is not what \`tree-sitter generate\` makes from grammar/grammar.js."
        echo "Regenerate it (cd grammar && $ts generate --js-runtime native) and commit grammar/src together with grammar.js."
        echo
        echo "Changed files (git diff --stat -- grammar/src):"
        git --no-pager diff --stat -- grammar/src
        if [[ -n "$untracked" ]]; then
            echo "Untracked files under grammar/src:"
            printf '%s\n' "$untracked" | sed 's/^/  /'
        fi
        echo
        echo "The regenerated files are left in the working tree."
    } >&2
    exit 1
fi
echo "check-parser: grammar/src is up to date" >&2

echo "check-parser: tree-sitter test" >&2
(cd grammar && "$ts" test)
