#!/usr/bin/env bash
# THE test command of plan-lint: what CI runs (.ci/run) and what the README
# names. Run it from anywhere; it runs from the repository root.
#
#   scripts/test.sh
#
# Extra arguments go to `cargo test` (e.g. `scripts/test.sh -- --nocapture`).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# The corpus tests read $PLAN_LINT_CORPUS (a relative path is taken from the
# repository root); unset, they use ../shared/corpus when it exists and skip
# otherwise. .ci/run sets it, so that in CI a missing corpus is an error.

step() { printf '\n=== test: %s ===\n' "$*"; }

# ── Rust: unit, integration, snapshot and fuzz-regression tests ─────────
# (fuzz/ is its own workspace, not a member: its regression inputs are
# replayed by rules/tests/fuzz_regressions.rs here, on stable.)
# --no-fail-fast: report every failing test binary, not just the first.
# ── Tools the end-to-end tests drive (installed only when missing) ──────
step "Neovim, for the language-server test (scripts/install-neovim.sh)"
scripts/install-neovim.sh
step "LibreOffice, poppler and python-docx, for the Word tests (scripts/install-libreoffice.sh)"
scripts/install-libreoffice.sh

step "cargo test --workspace --no-fail-fast"
cargo test --workspace --no-fail-fast "$@"

# The Neovim end-to-end test of the language server (tests/lsp_neovim.rs)
# and the Word tests (tests/docx_*.rs) run inside `cargo test` above.

# ── VS Code: the packaged extension in real VS Code (code-server) ───────
# tests/vscode-e2e.sh installs what it drives when missing (apt needs root),
# opens corpus document 000 ($PLAN_LINT_CORPUS when set: missing there is a
# failure) and stops code-server and chromium on exit. Its screenshots go
# under target/ here, so that a test run leaves docs/screenshots alone; run
# tests/vscode-e2e.sh by hand to refresh those. PLAN_LINT_SKIP_VSCODE_E2E=1
# skips it (e.g. without root on a machine that lacks chromium).
if [[ "${PLAN_LINT_SKIP_VSCODE_E2E:-0}" != 0 ]]; then
    step "VS Code end-to-end test: SKIPPED (PLAN_LINT_SKIP_VSCODE_E2E=$PLAN_LINT_SKIP_VSCODE_E2E)"
else
    step "VS Code end-to-end test (tests/vscode-e2e.sh)"
    e2e_start=$SECONDS
    PLAN_LINT_SCREENSHOT="${PLAN_LINT_SCREENSHOT:-$repo_root/target/vscode-e2e/vscode-e2e.png}" \
        tests/vscode-e2e.sh
    echo "VS Code end-to-end test passed in $((SECONDS - e2e_start))s"
fi

step "all tests passed"
