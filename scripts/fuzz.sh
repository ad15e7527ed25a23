#!/usr/bin/env bash
# Fuzzes decoding, position conversions, parsing and the document model
# (fuzz target `decode_parse_model`, harness in fuzz/src/lib.rs).
#
#   scripts/fuzz.sh [SECONDS] [LIBFUZZER_ARGS...]
#
# SECONDS defaults to 60. Further arguments go to libFuzzer, e.g.
# `scripts/fuzz.sh 600 -max_len=65536`. The first run builds for several
# minutes (the fuzz project has its own target dir, fuzz/target).
#
# The corpus lives in fuzz/corpus/decode_parse_model (git-ignored). It is
# seeded with the files in fuzz/regressions/ and with the documents in
# $PLAN_LINT_CORPUS (default ../shared/corpus, relative to the repository
# root) cut into pieces of 40 lines, plus GB18030 and UTF-16 copies of a few
# pieces so that the decoder's other branches are reached early.
#
# A crash stops the run; libFuzzer writes the input to
# fuzz/artifacts/decode_parse_model/. This script then copies it into
# fuzz/regressions/ (commit it: rules/core/tests/fuzz_regressions.rs replays
# every file there) and exits non-zero.
#
# Only the stable toolchain exists on our machines, and `cargo fuzz`
# passes nightly-only flags (-Zsanitizer, ...): RUSTC_BOOTSTRAP=1 lets the
# stable compiler accept them. This is for the fuzz build only.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

seconds="${1:-60}"
if [[ $# -gt 0 ]]; then
    shift
fi
if [[ ! "$seconds" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh [SECONDS] [LIBFUZZER_ARGS...]" >&2
    exit 2
fi
target=decode_parse_model

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz (a few minutes)" >&2
    cargo install cargo-fuzz --locked
fi

# ── Seed corpus ──────────────────────────────────────────────────────────
corpus_dir="fuzz/corpus/$target"
mkdir -p "$corpus_dir" fuzz/regressions
for f in fuzz/regressions/*; do
    [[ -f "$f" && "$(basename "$f")" != README.md ]] || continue
    cp -f "$f" "$corpus_dir/regression-$(basename "$f")"
done
docs="${PLAN_LINT_CORPUS:-../shared/corpus}"
if [[ -d "$docs" ]]; then
    n=0
    for doc in "$docs"/*.txt; do
        [[ -f "$doc" ]] || continue
        name="$(basename "$doc" .txt)"
        # Whole lines only, so every piece is still valid UTF-8.
        split -l 40 -d -a 3 "$doc" "$corpus_dir/seed-$name-"
        n=$((n + 1))
    done
    if command -v iconv >/dev/null 2>&1; then
        for piece in "$corpus_dir"/seed-*-000; do
            [[ -f "$piece" ]] || continue
            base="$(basename "$piece")"
            iconv -f UTF-8 -t GB18030 "$piece" >"$corpus_dir/enc-gb18030-$base" 2>/dev/null || rm -f "$corpus_dir/enc-gb18030-$base"
            { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$piece"; } >"$corpus_dir/enc-utf16le-$base" 2>/dev/null || rm -f "$corpus_dir/enc-utf16le-$base"
            { printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$piece"; } >"$corpus_dir/enc-utf16be-$base" 2>/dev/null || rm -f "$corpus_dir/enc-utf16be-$base"
            { printf '\xef\xbb\xbf'; cat "$piece"; } >"$corpus_dir/enc-utf8bom-$base"
        done
    fi
    echo "fuzz: seeded $corpus_dir from $n documents in $docs" >&2
else
    echo "fuzz: no corpus at $docs; starting from $corpus_dir as it is" >&2
fi

# ── Run ──────────────────────────────────────────────────────────────────
artifacts="fuzz/artifacts/$target"
mkdir -p "$artifacts"
before="$(mktemp)"
trap 'rm -f "$before"' EXIT
find "$artifacts" -maxdepth 1 -type f -printf '%f\n' | sort >"$before"

echo "fuzz: $target for ${seconds}s" >&2
status=0
# -max_len: pieces of real documents are a few KB; longer inputs mostly
# slow the search down. -timeout: a parse taking seconds is a bug too.
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "$corpus_dir" -- \
    -max_total_time="$seconds" -max_len=8192 -timeout=20 -print_final_stats=1 "$@" ||
    status=$?

# ── Keep what it found ──────────────────────────────────────────────────
found=0
while IFS= read -r file; do
    [[ -n "$file" ]] || continue
    case "$file" in
    crash-* | leak-* | timeout-* | oom-*)
        cp -f "$artifacts/$file" "fuzz/regressions/$file"
        echo "fuzz: kept $artifacts/$file as fuzz/regressions/$file" >&2
        found=1
        ;;
    esac
done < <(find "$artifacts" -maxdepth 1 -type f -printf '%f\n' | sort | comm -13 "$before" -)

if [[ "$found" -ne 0 ]]; then
    echo "fuzz: FAILED: the fuzzer found inputs that fail (kept in fuzz/regressions/, see above)." >&2
    echo "Reproduce with: RUSTC_BOOTSTRAP=1 cargo fuzz run $target fuzz/regressions/FILE" >&2
    echo "or: cargo test -p plan-lint-core --test fuzz_regressions" >&2
    exit 1
fi
if [[ "$status" -ne 0 ]]; then
    echo "fuzz: FAILED: cargo fuzz exited with status $status and no failing input was saved" >&2
    echo "(a build error, or libFuzzer stopped for another reason: see above)." >&2
    exit 1
fi
echo "fuzz: no crash in ${seconds}s" >&2
