// `codetune prompts export DIR` and `codetune prompts import DIR`: the prompt library as reviewable files.
// Both open the database named by the common flags directly (no daemon needed). Import exits 1 when a
// file was refused (the others are imported) and prints each problem as FILE:LINE: message.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { reportFailure, withCommonOptions } from '../../cli/common.js';
import { resolveConfig, type CommonOptions } from '../../config/load.js';
import { openRepositories } from '../../db/open.js';
import type { Repositories } from '../../db/repositories/types.js';
import { PromptService } from '../service.js';
import { exportPrompts, importPrompts, type ImportReport } from './io.js';

interface Flags extends CommonOptions {
  json?: boolean;
}

async function withRepos<T>(flags: Flags, fn: (repos: Repositories) => Promise<T>): Promise<T> {
  const repos = await openRepositories(resolveConfig(flags).database);
  try {
    return await fn(repos);
  } finally {
    await repos.close();
  }
}

export function formatImportReport(r: ImportReport): string {
  const lines: string[] = [];
  for (const name of r.created) lines.push(`created   ${name}`);
  for (const u of r.updated) lines.push(`updated   ${u.name}${u.new_versions.length ? ` (new version ${u.new_versions.join(', ')})` : ' (metadata)'}`);
  for (const p of r.problems) lines.push(`${p.file}:${p.line}: ${p.message}`);
  lines.push(`${r.created.length} created, ${r.updated.length} updated, ${r.unchanged.length} unchanged, ${new Set(r.problems.map((p) => p.file)).size} files refused`);
  return lines.join('\n') + '\n';
}

export function promptsCommand(): Command {
  const cmd = new Command('prompts').description('the prompt library as files: export it, import it (for review in git)');
  cmd.addCommand(
    withCommonOptions(new Command('export'))
      .description('write one YAML file per prompt, with all its versions, into DIR')
      .argument('<dir>', 'folder to write (created if missing)')
      .option('--json', 'print the report as JSON')
      .action(async (dir: string, flags: Flags) => {
        try {
          const r = await withRepos(flags, (repos) => exportPrompts(repos, resolve(dir)));
          process.stdout.write(flags.json ? `${JSON.stringify(r)}\n` : `${r.files.length} prompts written to ${r.dir}\n`);
        } catch (e) {
          process.exitCode = reportFailure(e);
        }
      }),
  );
  cmd.addCommand(
    withCommonOptions(new Command('import'))
      .description('import the *.prompt.yaml files of DIR: new prompts are created, changed content becomes a new version')
      .argument('<dir>', 'folder of prompt files')
      .option('--json', 'print the report as JSON')
      .action(async (dir: string, flags: Flags) => {
        try {
          const r = await withRepos(flags, (repos) => importPrompts(new PromptService(repos), resolve(dir)));
          process.stdout.write(flags.json ? `${JSON.stringify(r)}\n` : formatImportReport(r));
          process.exitCode = r.problems.length ? 1 : 0;
        } catch (e) {
          process.exitCode = reportFailure(e);
        }
      }),
  );
  return cmd;
}
