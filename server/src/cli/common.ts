// Pieces every subcommand shares: the common flags, integer parsing, and how failures are printed.
import { Command, InvalidArgumentError, Option } from 'commander';
import { isUserError, errorMessage } from '../util/errors.js';

export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('--data-dir <dir>', 'folder for the SQLite file, logs and daemon.token (default: the user data folder)')
    .option('--database <url>', 'postgres://… for PostgreSQL, a file path or sqlite:PATH for SQLite (env DATABASE_URL)')
    .option('--config <file>', 'JSON config file (default: <data-dir>/config.json)')
    .addOption(new Option('--log-level <level>', 'log level').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']));
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number between 0 and 65535.');
  return n;
}

/** Prints a failure as one clear line (what happened, what to do) and returns the exit code. */
export function reportFailure(e: unknown): number {
  if (isUserError(e)) {
    process.stderr.write(`codetune: ${e.describe()}\n`);
    return 1;
  }
  process.stderr.write(`codetune: unexpected error: ${errorMessage(e)}\n`);
  if (process.env.CODETUNE_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  else process.stderr.write('codetune: set CODETUNE_DEBUG=1 for the stack trace, and please report it.\n');
  return 1;
}
