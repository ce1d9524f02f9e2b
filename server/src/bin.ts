// Entry point of dist/server.mjs: `codetune <command>`.
import { runCli } from './cli/main.js';
import { reportFailure } from './cli/common.js';

let code: number;
try {
  code = await runCli(process.argv.slice(2));
} catch (e) {
  code = reportFailure(e);
}
// serve / lsp return once the daemon has stopped; every command ends here
process.exit(code);
