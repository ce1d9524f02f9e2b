#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs to run CodeTune inside a REAL VS Code, headless, from the npm
# registry and Debian apt only (no downloads from vscode.dev or nodejs.org; CI machines cannot reach them):
#   - Debian chromium + a font: the browser half of the workbench, driven by the project's playwright-core
#   - build deps of code-server's native modules (kerberos needs krb5, keytar needs libsecret, …)
#   - Node 24 from the npm `node` package: code-server 4.139 refuses other Node majors; the package ships
#     include/node headers too, so node-gyp builds against them instead of ~/.npmrc's nodedir (Node 20)
#   - code-server 4.139.1 (= VS Code 1.139.1 server + web workbench) in its own folder
# Everything lands in test/e2e/tools/ (git-ignored). Idempotent: what is there is skipped.
set -euo pipefail
E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
TOOLS="${CODETUNE_E2E_TOOLS:-$E2E/tools}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR=24
mkdir -p "$TOOLS"
T0=$SECONDS
# Under `npm run test:e2e` the outer npm (system Node) exports npm_config_* / npm_* variables; the npm
# that installs code-server would take them as its own config — npm_config_user_agent says "node/v20" and
# code-server's postinstall refuses to build. Start from none of them.
for v in $(compgen -e); do case "$v" in npm_*) unset "$v" ;; esac; done
step() { local s=$SECONDS; "$@"; echo "  ($((SECONDS - s)) s) $*" | cut -c1-140; }

# 1. system packages -------------------------------------------------------------------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
for p in fonts-dejavu-core pkg-config libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || need+=(build-essential)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup.sh: need root (or sudo) to apt-get install ${need[*]}" >&2; exit 1; }
    SUDO="sudo -n"
  fi
  echo "apt-get install ${need[*]}"
  apt() { "$@" >> "$TOOLS/apt.log" 2>&1 < /dev/null || { tail -30 "$TOOLS/apt.log"; echo "setup.sh: $* failed (log: $TOOLS/apt.log)" >&2; exit 1; }; }
  step apt $SUDO apt-get update -qq
  step apt $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
echo "chromium: $(chromium --version 2>/dev/null || echo missing)"

# 2. Node 24 from the npm registry ------------------------------------------------------------------
NODE24="$TOOLS/node24/node_modules/.bin/node"
if [ ! -x "$NODE24" ]; then
  rm -rf "$TOOLS/node24"; mkdir -p "$TOOLS/node24"
  echo '{"name":"codetune-e2e-node24","private":true}' > "$TOOLS/node24/package.json"
  (cd "$TOOLS/node24" && step npm i --no-audit --no-fund --no-save "node@$NODE_MAJOR" < /dev/null)
fi
echo "node for code-server: $("$NODE24" -v)"

# 3. code-server, built with Node 24 first on PATH and node-gyp pointed at its headers ---------------
CS_BIN="$TOOLS/code-server/node_modules/.bin/code-server"
if [ ! -x "$CS_BIN" ] || [ ! -f "$TOOLS/code-server/.complete" ]; then
  # shellcheck source=env.sh
  . "$E2E/env.sh"
  rm -rf "$TOOLS/code-server"; mkdir -p "$TOOLS/code-server"
  echo '{"name":"codetune-e2e-code-server","private":true}' > "$TOOLS/code-server/package.json"
  s=$SECONDS
  if ! (cd "$TOOLS/code-server" && npm i --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" \
        > install.log 2>&1 < /dev/null); then
    tail -40 "$TOOLS/code-server/install.log"
    echo "setup.sh: code-server install FAILED (full log: $TOOLS/code-server/install.log)" >&2
    exit 1
  fi
  touch "$TOOLS/code-server/.complete"   # a half-finished install is redone, not trusted
  echo "  ($((SECONDS - s)) s) npm i code-server@$CODE_SERVER_VERSION"
fi
CS_PKG="$TOOLS/code-server/node_modules/code-server"
# (not `code-server --version`: without run.sh's confined HOME it writes ~/.config/code-server/config.yaml)
echo "code-server $("$NODE24" -p "require('$CS_PKG/package.json').version" ), VS Code $("$NODE24" -p "require('$CS_PKG/lib/vscode/package.json').version")"

# 4. the driver uses the project's own playwright-core (a devDependency) --------------------------
if [ ! -f "$ROOT/node_modules/playwright-core/package.json" ]; then
  echo "setup.sh: node_modules/playwright-core is missing; run 'npm ci' (or npm install) in $ROOT first" >&2
  exit 1
fi
echo "playwright-core $(node -p "require('$ROOT/node_modules/playwright-core/package.json').version")"
echo "setup done in $((SECONDS - T0)) s; sizes:"
du -sh "$TOOLS"/* 2>/dev/null | sed 's/^/  /'
