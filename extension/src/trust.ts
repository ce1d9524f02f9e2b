// Workspace trust: in an untrusted workspace the daemon runs no external plugin and no custom rule folder
// (codetune.plugins.paths, codetune.analysis.rulePaths). The extension tells the daemon at every (re)start
// and whenever trust is granted, and tells the user once why some features are off.
import * as vscode from 'vscode';
import { PluginsSetTrustRequest } from '../../shared/src/protocol/plugins.js';
import type { Ctx } from './ctx.js';

export const RESTRICTED_MESSAGE =
  'CodeTune runs in restricted mode because this workspace is not trusted: external plugins and custom analysis rules are off. The built-in analysis and prompts still work.';

async function sendTrust(ctx: Ctx): Promise<void> {
  try {
    await ctx.api.send(PluginsSetTrustRequest.type, { trusted: vscode.workspace.isTrusted });
  } catch (e) {
    ctx.log.warn(`Could not tell the daemon whether the workspace is trusted: ${(e as Error).message}`);
  }
}

export function watchTrust(ctx: Ctx): void {
  let told = false;
  const tell = () => {
    if (vscode.workspace.isTrusted || told) return;
    told = true;
    ctx.log.warn(RESTRICTED_MESSAGE);
    void vscode.window.showInformationMessage(RESTRICTED_MESSAGE, 'Manage Workspace Trust').then((p) => {
      if (p) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  };
  ctx.subscriptions.push(
    ctx.daemon.onDidChangeClient((client) => {
      if (!client) return;
      void sendTrust(ctx);
      tell();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      ctx.log.info('Workspace trusted: external plugins and custom rules may run');
      void sendTrust(ctx);
    }),
  );
}
