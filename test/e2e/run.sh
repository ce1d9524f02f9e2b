#!/usr/bin/env bash
# npm run test:e2e — CodeTune inside a real VS Code (code-server 4.139.1 = VS Code 1.139.1), headless.
#   1. installs the tools if missing (setup.sh), builds (node esbuild.mjs)
#   2. starts code-server confined to test/e2e/state/ (HOME, XDG, user data, extensions, gallery on a dead
#      loopback port, auth none, 127.0.0.1 only) with the smoke-test driver enabled
#   3. test pass: dist/test/extension/index.cjs (mocha) inside the extension host, the repository loaded
#      as the development extension
#   4. ui pass: test/e2e/scenarios.ts (commands, webviews, axe-core, light/dark screenshots in state/out/)
#   5. stops the server's whole process group (extension hosts and daemons included)
# The last line is `N passed, N failed, N skipped` (extension tests + UI scenarios); the exit code is 0
# only when nothing failed.
# Environment: E2E_UI=0 skips the ui pass · E2E_TESTS=0 skips the test pass · E2E_ONLY=a,b ui scenarios
# · CODETUNE_TEST_GREP / CODETUNE_TEST_FILES select extension tests · CODETUNE_E2E_ENV='{"K":"V"}' more
# extension host env · CODETUNE_E2E_SETTINGS='{"codetune.x": 1}' more user + machine settings
# · E2E_TEST_TIMEOUT / E2E_UI_TIMEOUT seconds (default 300 / 240) · E2E_PORT.
set -euo pipefail
E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
STATE="$E2E/state"
TOOLS="${CODETUNE_E2E_TOOLS:-$E2E/tools}"
cd "$ROOT"
T0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
say() { echo "[e2e $(( $(ms "$T0") / 1000 ))s] $*"; }

stop_model() {
  [ -n "${MODEL_PID:-}" ] || return 0
  kill -TERM "$MODEL_PID" 2>/dev/null || true
  wait "$MODEL_PID" 2>/dev/null || true
  MODEL_PID=""
}
stop_server() {
  [ -f "$STATE/server.pid" ] || return 0
  local pg; pg="$(cat "$STATE/server.pid")"
  kill -TERM -- "-$pg" 2>/dev/null || true
  for _ in $(seq 1 50); do pgrep -g "$pg" >/dev/null || break; sleep 0.1; done
  if pgrep -g "$pg" >/dev/null; then kill -KILL -- "-$pg" 2>/dev/null || true; fi
  rm -f "$STATE/server.pid"
}
# Whatever stops the run early (setup, build, server start), stop the server and still end with the
# verdict line CI scans for.
VERDICT_PRINTED=0
on_exit() {
  local rc=$?
  stop_server
  stop_model
  if [ "$VERDICT_PRINTED" = 0 ]; then
    echo "run.sh: stopped before the tests could run (exit code $rc; see above)"
    echo "0 passed, 1 failed, 0 skipped"
    [ "$rc" != 0 ] || rc=1
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# One run at a time per checkout: a second run would wipe the first one's state/ under it.
mkdir -p "$TOOLS"
exec 9> "$TOOLS/.run.lock"
if ! flock -n 9; then
  say "another test:e2e run is using $STATE; waiting for it (up to 15 min)"
  flock -w 900 9 || { echo "run.sh: the other run did not finish within 15 min" >&2; exit 1; }
fi

# The daemon needs native modules built for the system Node (better-sqlite3), so find it BEFORE Node 24
# (code-server's) goes first on PATH.
SYSTEM_NODE="$(command -v node || true)"
[ -n "$SYSTEM_NODE" ] || { echo "run.sh: no node on PATH; the daemon needs Node.js 20 or newer" >&2; exit 1; }
SYSTEM_NODE="$(readlink -f "$SYSTEM_NODE")"
major="$("$SYSTEM_NODE" -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "run.sh: $SYSTEM_NODE is Node $major; CodeTune's daemon needs 20 or newer" >&2; exit 1; }

if [ ! -x "$TOOLS/code-server/node_modules/.bin/code-server" ] || [ ! -f "$TOOLS/code-server/.complete" ] \
   || [ ! -x "$TOOLS/node24/node_modules/.bin/node" ] || ! command -v chromium >/dev/null 2>&1; then
  say "tools missing: running test/e2e/setup.sh"
  bash "$E2E/setup.sh" < /dev/null
fi
[ -f node_modules/playwright-core/package.json ] || { echo "run.sh: node_modules is missing; run npm ci first" >&2; exit 1; }

say "build"
s=$(date +%s%N); "$SYSTEM_NODE" esbuild.mjs < /dev/null; say "built in $(ms "$s") ms"
[ -f dist/test/extension/index.cjs ] || { echo "run.sh: dist/test/extension/index.cjs was not built" >&2; exit 1; }

# ---- fresh state --------------------------------------------------------------------------------------
rm -rf "$STATE"
mkdir -p "$STATE"/{home,tmp,user-data/User,extensions,out,daemon-data}
OUT="$STATE/out"; WS="$STATE/workspace"; SETTINGS="$STATE/user-data/User/settings.json"
cp -R "$E2E/workspace" "$WS"
printf 'auth: none\ncert: false\n' > "$STATE/config.yaml"

# The model of both passes: test/fakes' OpenAI-compatible server on 127.0.0.1 (the UI scenarios run prompts
# with it; the extension tests replace codetune.models with their own fake).
"$SYSTEM_NODE" --import tsx "$E2E/lib/model-server.ts" "$STATE/model-url" > "$STATE/model-server.log" 2>&1 < /dev/null &
MODEL_PID=$!
s=$(date +%s%N)
until [ -s "$STATE/model-url" ]; do
  kill -0 "$MODEL_PID" 2>/dev/null || { echo "run.sh: the fake model server exited; log:" >&2; cat "$STATE/model-server.log" >&2; exit 1; }
  if [ "$(ms "$s")" -gt 20000 ]; then echo "run.sh: the fake model server did not start in 20 s" >&2; exit 1; fi
  sleep 0.1
done
say "fake model server at $(cat "$STATE/model-url")"
mkdir -p "$STATE/user-data/Machine"
# Written again before the ui pass: the extension tests change codetune.models (to a fake of their own they
# stop when done), and the ui pass must start from these settings.
write_settings() {
"$SYSTEM_NODE" -e '
  const fs = require("fs");
  const [user, machine, nodePath, dataDir, modelUrl] = process.argv.slice(1);
  let extra = {};
  try { extra = JSON.parse(process.env.CODETUNE_E2E_SETTINGS || "{}"); } catch (e) {
    console.error("run.sh: CODETUNE_E2E_SETTINGS is not a JSON object: " + e.message); process.exit(2);
  }
  const codetune = { "codetune.daemon.nodePath": nodePath, "codetune.daemon.dataDir": dataDir, "codetune.daemon.logLevel": "debug",
    "codetune.models": [{ id: "fake-local", provider: "openai-compatible", model: "fake-coder", baseUrl: modelUrl,
      pricing: { input_per_million_usd: 1, output_per_million_usd: 2 } }],
    "codetune.model": "fake-local", ...extra };
  fs.writeFileSync(user, JSON.stringify({
    "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": "off", "workbench.enableExperiments": false, "workbench.startupEditor": "none",
    "workbench.tips.enabled": false, "workbench.secondarySideBar.defaultVisibility": "hidden",
    "security.workspace.trust.enabled": false, "chat.disableAIFeatures": true, "git.enabled": false,
    "workbench.colorTheme": "Light Modern", ...codetune,
  }, null, 2));
  // The extension host runs on the "remote" side, where machine-scoped settings (all of codetune.daemon.*)
  // come from the server machine settings; a window with extensionTestsPath does not read User/ at all.
  fs.writeFileSync(machine, JSON.stringify(codetune, null, 2));
' "$SETTINGS" "$STATE/user-data/Machine/settings.json" "$SYSTEM_NODE" "$STATE/daemon-data" "$(cat "$STATE/model-url")"
}
write_settings

PORT="${E2E_PORT:-$("$SYSTEM_NODE" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"

# ---- code-server in its own process group -------------------------------------------------------------
say "code-server on 127.0.0.1:$PORT"
(
  # shellcheck source=env.sh
  . "$E2E/env.sh"
  export HOME="$STATE/home" XDG_CONFIG_HOME="$STATE/home/.config" XDG_DATA_HOME="$STATE/home/.local/share" \
         XDG_CACHE_HOME="$STATE/home/.cache" TMPDIR="$STATE/tmp"
  # no extension gallery: point it at the discard port so nothing leaves 127.0.0.1
  export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/items","resourceUrlTemplate":"http://127.0.0.1:9/res/{publisher}/{name}/{version}/{path}"}'
  # setsid: a new session whose id (= the pid bash writes before exec) is the process group stop_server ends
  exec setsid bash -c 'echo $$ > "$0/server.pid"; exec "$@"' "$STATE" \
    "$CODE_SERVER" --config "$STATE/config.yaml" --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions" \
    --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override --disable-proxy --reconnection-grace-time 10 \
    --vscode-option enable-smoke-test-driver "$WS"
) > "$STATE/server.log" 2>&1 < /dev/null &
s=$(date +%s%N)
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; do
  if [ "$(ms "$s")" -gt 60000 ]; then echo "run.sh: code-server did not answer /healthz in 60 s; log:" >&2; tail -30 "$STATE/server.log" >&2; exit 1; fi
  sleep 0.1
done
say "code-server up in $(ms "$s") ms (pgid $(cat "$STATE/server.pid"))"

# ---- the passes ---------------------------------------------------------------------------------------
export TMPDIR="$STATE/tmp"   # chromium's and playwright's temp files stay in the state folder too
EXT_ENV="$("$SYSTEM_NODE" -e '
  const extra = process.env.CODETUNE_E2E_ENV ? JSON.parse(process.env.CODETUNE_E2E_ENV) : {};
  const env = { CODETUNE_E2E: "1", CODETUNE_E2E_OUT: process.argv[1], CODETUNE_TEST_RESULT: process.argv[1] + "/test-result.json", ...extra };
  for (const k of ["CODETUNE_TEST_GREP", "CODETUNE_TEST_FILES"]) if (process.env[k]) env[k] = process.env[k];
  console.log(JSON.stringify(env));' "$OUT")"
DRIVER=("$SYSTEM_NODE" --import tsx "$E2E/driver.ts")
COMMON=(--url "http://127.0.0.1:$PORT" --folder "$WS" --dev "$ROOT" --out "$OUT" --env "$EXT_ENV")

test_rc=0
if [ "${E2E_TESTS:-1}" != 0 ]; then
  say "test pass: dist/test/extension/*.test.cjs in the extension host"
  s=$(date +%s%N)
  set +e
  timeout -k 10 "$(( ${E2E_TEST_TIMEOUT:-300} + 30 ))" "${DRIVER[@]}" test "${COMMON[@]}" \
    --tests "$ROOT/dist/test/extension/index.cjs" --timeout "$(( ${E2E_TEST_TIMEOUT:-300} * 1000 ))" < /dev/null
  test_rc=$?
  set -e
  say "test pass: exit code $test_rc in $(ms "$s") ms"
fi

ui_rc=0
if [ "${E2E_UI:-1}" != 0 ]; then
  say "ui pass: test/e2e/scenarios.ts"
  [ "${E2E_TESTS:-1}" = 0 ] || write_settings
  s=$(date +%s%N)
  set +e
  timeout -k 10 "${E2E_UI_TIMEOUT:-240}" "${DRIVER[@]}" ui "${COMMON[@]}" \
    --result "$OUT/ui-result.json" ${E2E_ONLY:+--only "$E2E_ONLY"} < /dev/null
  ui_rc=$?
  set -e
  say "ui pass: exit code $ui_rc in $(ms "$s") ms; screenshots in $OUT"
fi

stop_server
stop_model
leftover="$(pgrep -f "$ROOT/dist/server.mjs lsp" || true)"
[ -z "$leftover" ] || say "WARNING: daemon processes still running after the stop: $leftover"
say "done in $(ms "$T0") ms"

# ---- the verdict, counted from the result files --------------------------------------------------------
VERDICT_PRINTED=1
"$SYSTEM_NODE" --import tsx "$E2E/summary.ts" "$OUT" "${E2E_TESTS:-1}" "$test_rc" "${E2E_UI:-1}" "$ui_rc"
