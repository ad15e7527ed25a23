#!/usr/bin/env bash
# THE test command of plan-lint: what CI runs (.ci/run) and what the README
# names. Run it from anywhere; it runs from the repository root.
#
#   scripts/test.sh
#
# Extra arguments go to `cargo test` (e.g. `scripts/test.sh -- --nocapture`).
#
# Needs: root (or sudo) for apt the first time (Neovim, LibreOffice Writer,
# chromium: installed only when missing), the network to crates.io, npm,
# PyPI and Debian the first time, and a few GB of disk (see the README).
#
# Its last lines say what was skipped and why ("Skipped: nothing" when
# everything ran), also when a step failed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

step() { printf '\n=== test: %s ===\n' "$*"; }

# ── What was skipped ─────────────────────────────────────────────────────
# A test that skips for a missing external input (the corpus, …) appends
# one line "<what> skipped: <why>" to $PLAN_LINT_SKIP_LOG
# (tests/common/mod.rs: record_skip); so do the steps below. The summary
# is printed on exit, whatever the outcome, as the run's last lines.
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
mkdir -p "$target_dir"
export PLAN_LINT_SKIP_LOG="$target_dir/test-skips.log"
: > "$PLAN_LINT_SKIP_LOG"
skip() { printf '%s skipped: %s\n' "$1" "$2" >> "$PLAN_LINT_SKIP_LOG"; }

summary() {
    local rc=$?
    printf '\n'
    if [[ $rc -eq 0 ]]; then
        echo "scripts/test.sh: all tests passed"
    else
        echo "scripts/test.sh: FAILED (exit $rc; the first failure is above)"
    fi
    if [[ -s "$PLAN_LINT_SKIP_LOG" ]]; then
        echo "Skipped:"
        # One line per reason; the count is how many tests gave it.
        sort "$PLAN_LINT_SKIP_LOG" | uniq -c | while read -r n line; do
            if [[ $n -gt 1 ]]; then echo "  $line ($n tests)"; else echo "  $line"; fi
        done
    else
        echo "Skipped: nothing"
    fi
    exit $rc
}
trap summary EXIT

# ── The corpus ───────────────────────────────────────────────────────────
# The corpus tests read $PLAN_LINT_CORPUS (a relative path is taken from
# the repository root); unset, they use ../shared/corpus when it exists and
# skip (saying so in the summary) otherwise. Set and missing is an error:
# .ci/run sets it, so that in CI a missing corpus fails. Checked here
# first, so that it fails now rather than after the build.
for var in PLAN_LINT_CORPUS PLAN_LINT_CORPUS_DEV; do
    if [[ -n "${!var:-}" ]]; then
        corpus="${!var}"
        [[ "$corpus" == /* ]] || corpus="$repo_root/$corpus"
        if [[ ! -d "$corpus" ]]; then
            echo "scripts/test.sh: $var is set to ${!var}, which is not a directory" >&2
            echo "  (unset it to run without it: the tests that read it are then skipped)" >&2
            exit 1
        fi
    fi
done

# ── Tools the end-to-end tests drive (installed only when missing) ──────
step "Neovim, for the language-server test (scripts/install-neovim.sh)"
scripts/install-neovim.sh
step "LibreOffice (Writer, Calc), poppler and python-docx, for the Word and xlsx tests (scripts/install-libreoffice.sh)"
scripts/install-libreoffice.sh

# ── Rust: unit, integration, snapshot and fuzz-regression tests ─────────
# (fuzz/ is its own workspace, not a member: its regression inputs are
# replayed by rules/tests/fuzz_regressions.rs here, on stable.)
# --no-fail-fast: report every failing test binary, not just the first.
# The Neovim end-to-end test of the language server (tests/lsp_neovim.rs)
# and the Word tests (tests/docx_*.rs) run inside it.
step "cargo test --workspace --no-fail-fast"
cargo test --workspace --no-fail-fast "$@" -- --skip mutation_recall

# ── The mutation test: defects injected into every corpus document ──────
# tests/mutation.rs: one defect at a time (a unit repeated, a marker lost,
# a target restated with another number …), recall per kind against its
# threshold; the table is printed and written to target/mutation/report.md.
# Reads $PLAN_LINT_CORPUS and $PLAN_LINT_CORPUS_DEV (../shared/corpus-dev);
# skipped (and said so below) when neither is there.
step "mutation test (cargo test --test mutation)"
cargo test --test mutation -- --nocapture mutation_recall

# ── VS Code: the packaged extension in real VS Code (code-server) ───────
# tests/vscode-e2e.sh installs what it drives when missing (apt needs root),
# opens the repository's examples/sample-plan.txt (a plain .txt) and stops
# code-server and chromium on exit. Its screenshots go under target/ here,
# so that a test run leaves docs/screenshots alone; run tests/vscode-e2e.sh
# by hand to refresh those. PLAN_LINT_SKIP_VSCODE_E2E=1 skips it (e.g.
# without root on a machine that lacks chromium); the summary says so.
if [[ "${PLAN_LINT_SKIP_VSCODE_E2E:-0}" != 0 ]]; then
    step "VS Code end-to-end test: SKIPPED (PLAN_LINT_SKIP_VSCODE_E2E=$PLAN_LINT_SKIP_VSCODE_E2E)"
    skip "VS Code end-to-end test" "PLAN_LINT_SKIP_VSCODE_E2E=$PLAN_LINT_SKIP_VSCODE_E2E"
else
    step "VS Code end-to-end test (tests/vscode-e2e.sh)"
    e2e_start=$SECONDS
    PLAN_LINT_SCREENSHOT="${PLAN_LINT_SCREENSHOT:-$target_dir/vscode-e2e/vscode-e2e.png}" \
        tests/vscode-e2e.sh
    echo "VS Code end-to-end test passed in $((SECONDS - e2e_start))s"
fi

# ── The browser page: plan-lint as WebAssembly in real Chromium ─────────
# tests/web-e2e.sh builds the page (scripts/build-web.sh: zig, the wasm32
# target and wasm-bindgen-cli installed on first use) and drives it from
# file:// with Playwright; it installs chromium, a CJK font and npm when
# missing (apt needs root). Without the corpus, its corpus part is skipped
# and said below. Screenshot and summary in target/web-e2e/.
# PLAN_LINT_SKIP_WEB_E2E=1 skips it; the summary says so.
if [[ "${PLAN_LINT_SKIP_WEB_E2E:-0}" != 0 ]]; then
    step "browser page end-to-end test: SKIPPED (PLAN_LINT_SKIP_WEB_E2E=$PLAN_LINT_SKIP_WEB_E2E)"
    skip "browser page end-to-end test" "PLAN_LINT_SKIP_WEB_E2E=$PLAN_LINT_SKIP_WEB_E2E"
else
    step "browser page end-to-end test (tests/web-e2e.sh)"
    web_start=$SECONDS
    tests/web-e2e.sh
    echo "browser page end-to-end test passed in $((SECONDS - web_start))s"
fi
