#!/usr/bin/env bash
# End-to-end test of the browser page in real Chromium, driven by
# Playwright (tests/web/driver.js): opens web/dist/index.html from file://,
# pastes examples/sample-plan.txt and (with the corpus) corpus documents
# 000 and 004, and asserts that the diagnostics listed equal `plan-lint
# check --format json` on the same text (codes, messages, positions,
# related places), with the national and the hunan pack; clicks a quick fix
# and 全部修复; drops a .docx (written here with python-docx from the
# sample), downloads its annotated copy and reads the comments back with
# python-docx; asserts that no request left the page's own files.
#
#   tests/web-e2e.sh
#
# scripts/test.sh runs it. Builds the page (scripts/build-web.sh) unless
# PLAN_LINT_WEB_DIST names a built one. Installs what is missing: chromium
# and a CJK font (apt, root), playwright-core (npm ci in tests/web,
# pinned in its package-lock.json). Without the corpus ($PLAN_LINT_CORPUS,
# default ../shared/corpus) its part is skipped and recorded in
# $PLAN_LINT_SKIP_LOG. Writes the screenshot to target/web-e2e/web.png
# (override: PLAN_LINT_WEB_SCREENSHOT) and ends with a JSON summary, which
# has the check time of corpus 004 in the page.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
out="$target_dir/web-e2e"
log() { echo "web-e2e: $*" >&2; }
skip() {
    log "$1 skipped: $2"
    if [[ -n "${PLAN_LINT_SKIP_LOG:-}" ]]; then printf '%s skipped: %s\n' "$1" "$2" >> "$PLAN_LINT_SKIP_LOG"; fi
}

# --- tools -----------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-wqy-microhei)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt)"
    scripts/apt-install.sh web-e2e "${missing[@]}"
fi
if [[ ! -f tests/web/node_modules/playwright-core/package.json ]] \
    || ! cmp -s tests/web/package-lock.json tests/web/node_modules/.package-lock.json 2>/dev/null; then
    (cd tests/web && timeout 600 npm ci --no-audit --no-fund)
fi

# --- the page, the reference binary, a .docx ---------------------------------
if [[ -n "${PLAN_LINT_WEB_DIST:-}" ]]; then
    dist="$PLAN_LINT_WEB_DIST"
else
    scripts/build-web.sh
    dist="$root/web/dist"
fi
cargo build --bin plan-lint
bin="$target_dir/debug/plan-lint"
rm -rf "$out"
mkdir -p "$out"
docx="$out/sample-plan.docx"
# One paragraph per line of the sample, as a drafter's Word file has them.
python3 -c 'import docx' 2>/dev/null || scripts/install-libreoffice.sh
python3 - "$root/examples/sample-plan.txt" "$docx" <<'PY'
import sys
import docx
document = docx.Document()
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    document.add_paragraph(line)
document.save(sys.argv[2])
PY

corpus="${PLAN_LINT_CORPUS:-../shared/corpus}"
[[ "$corpus" == /* ]] || corpus="$root/$corpus"
if [[ -d "$corpus" ]] && ls "$corpus"/000_*.txt "$corpus"/004_*.txt >/dev/null 2>&1; then
    corpus="$(cd "$corpus" && pwd)"
else
    skip "web end-to-end test on corpus 000 and 004" "$corpus not found (put the corpus there or set PLAN_LINT_CORPUS)"
    corpus=""
fi

# --- the test ----------------------------------------------------------------
PAGE_URL="file://$(cd "$dist" && pwd)/index.html" \
DIST_DIR="$dist" \
PLAN_LINT_BIN="$bin" \
SAMPLE="$root/examples/sample-plan.txt" \
CORPUS="$corpus" \
DOCX="$docx" \
READ_COMMENTS="$root/tests/docx_support/read_comments.py" \
OUT_DIR="$out" \
SCREENSHOT="${PLAN_LINT_WEB_SCREENSHOT:-$out/web.png}" \
CHROMIUM="$(command -v chromium)" \
NODE_PATH="$root/tests/web/node_modules" \
    timeout 600 node tests/web/driver.js
