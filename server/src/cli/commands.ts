// Subcommands of the capabilities (scan, prompts…). One line each.
import type { Command } from 'commander';

export function extraCommands(): Command[] {
  return [];
}
