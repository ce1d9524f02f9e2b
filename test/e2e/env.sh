# Source me (setup.sh, run.sh): puts the npm-provided Node 24 first on PATH and points node-gyp at its
# headers (~/.npmrc may say nodedir=/usr, which holds the system Node's headers). Sets CODE_SERVER.
_E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
_TOOLS="${CODETUNE_E2E_TOOLS:-$_E2E/tools}"
export PATH="$_TOOLS/node24/node_modules/.bin:$PATH"
_h="$(find "$_TOOLS/node24/node_modules" -path '*/include/node/node.h' -print -quit 2>/dev/null || true)"
if [ -n "$_h" ]; then export npm_config_nodedir="$(dirname "$(dirname "$(dirname "$_h")")")"; fi
export CODE_SERVER="$_TOOLS/code-server/node_modules/.bin/code-server"
unset _h _E2E _TOOLS
