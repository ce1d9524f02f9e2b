// The `codetune` command line. Usage errors exit 2, run failures 1; every failure is one readable line.
import { Command, CommanderError } from 'commander';
import { version } from '../util/paths.js';
import { reportFailure } from './common.js';
import { lspCommand, serveCommand } from './daemon.js';
import { extraCommands } from './commands.js';

export function buildCli(): Command {
  const program = new Command('codetune')
    .description('CodeTune Studio daemon and tools')
    .version(version(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride();
  program.addCommand(serveCommand());
  program.addCommand(lspCommand());
  for (const c of extraCommands()) program.addCommand(c);
  for (const c of program.commands) c.exitOverride().showHelpAfterError(`(run "codetune ${c.name()} --help" for usage)`);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are "errors" to commander; usage mistakes were already printed by it
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    return reportFailure(e);
  }
}
