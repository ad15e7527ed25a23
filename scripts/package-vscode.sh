#!/usr/bin/env bash
# Build the VS Code extension into editors/vscode/plan-lint-<version>.vsix,
# with the release plan-lint binary bundled under bin/<platform>-<arch>/.
#
#   scripts/package-vscode.sh            # builds the release binary if needed
#   PLAN_LINT_SKIP_CARGO=1 scripts/...   # use target/release/plan-lint as is
#
# Prints the path of the .vsix on its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ext="$root/editors/vscode"

if [[ -z "${PLAN_LINT_SKIP_CARGO:-}" ]]; then
  (cd "$root" && cargo build --release --quiet --bin plan-lint)
fi
binary="$root/target/release/plan-lint"
[[ -x "$binary" ]] || { echo "no $binary: run cargo build --release" >&2; exit 1; }

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) arch="$(uname -m)" ;;
esac
case "$(uname -s)" in
  Linux) platform=linux ;;
  Darwin) platform=darwin ;;
  *) platform="$(uname -s | tr '[:upper:]' '[:lower:]')" ;;
esac

cd "$ext"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
rm -rf bin
mkdir -p "bin/$platform-$arch"
cp "$binary" "bin/$platform-$arch/plan-lint"
chmod 755 "bin/$platform-$arch/plan-lint"
# Debug info is half the size of the binary; drop it when strip is there.
command -v strip >/dev/null && strip "bin/$platform-$arch/plan-lint" || true
version="$(node -p 'require("./package.json").version')"
out="$ext/plan-lint-$version.vsix"
rm -f "$out"
# vsce keeps the production dependencies (vscode-languageclient) in the package.
npx --no-install vsce package -o "$out" >&2
echo "$out"
