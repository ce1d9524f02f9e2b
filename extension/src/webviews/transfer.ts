// Import and export of the prompt library as files (one readable file per prompt, for git review). The
// daemon's CLI does it (`codetune prompts export DIR` / `import DIR`), run on the same Node, data folder,
// database and config file as the spawned daemon, so the panel and the command line give the same files.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { TransferReport } from '../../../shared/src/webview/library.js';
import { daemonSettings } from '../config.js';
import type { Ctx } from '../ctx.js';
import { findNode } from '../lsp/node.js';

/** Lines of the CLI's report that name a file it could not import ("path: reason"). */
export function problemsOf(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(error|warning|skipped|✘)|\.(ya?ml|md|json):\d*/i.test(l));
}

/** The number the CLI reports ("exported 12 prompts", "imported 3 prompts…"). */
export function countOf(output: string): number {
  const m = /(\d+)\s+prompts?/i.exec(output);
  return m ? Number(m[1]) : 0;
}

export async function transfer(ctx: Ctx, direction: 'import' | 'export'): Promise<TransferReport | null> {
  const s = daemonSettings();
  if (s.address) throw new Error(`Import and export run on this machine's database; with a shared daemon (${s.address}) run "codetune prompts ${direction} DIR" where it runs.`);
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: direction === 'import' ? 'Import prompts from this folder' : 'Export prompts to this folder',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  const folder = picked?.[0]?.fsPath;
  if (!folder) return null;
  const node = await findNode(s.nodePath);
  const script = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'server.mjs').fsPath;
  const args = [script, 'prompts', direction, folder];
  if (s.dataDir) args.push('--data-dir', s.dataDir);
  if (s.database) args.push('--database', s.database);
  if (s.configFile) args.push('--config', s.configFile);
  ctx.log.info(`Running codetune prompts ${direction} ${folder}`);
  const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
    execFile(node.path, args, { timeout: 120_000, maxBuffer: 8 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, out: `${stdout}\n${stderr}`.trim() });
    });
  });
  ctx.log.info(out);
  const problems = problemsOf(out);
  if (code !== 0 && !problems.length) throw new Error(`codetune prompts ${direction} failed (exit ${code}): ${out.split('\n').at(-1) ?? ''}`);
  return { folder, count: countOf(out), problems };
}
