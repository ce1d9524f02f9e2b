// Subcommands of the capabilities (scan, prompts…). One line each.
import type { Command } from 'commander';
import { scanCommand } from '../analysis/scan/command.js';
import { promptsCommand } from '../prompts/files/command.js';
import { pluginsCommand } from '../plugins/cli.js';

export function extraCommands(): Command[] {
  return [scanCommand(), promptsCommand(), pluginsCommand()];
}
