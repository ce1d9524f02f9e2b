// Models from the editor: the codetune.models / codetune.space.url settings sent to the daemon (at each
// start and on change), Select Model (sets codetune.model), Set API Key (SecretStorage → daemon) and
// Configure Models (settings or the daemon's config file).
import * as vscode from 'vscode';
import { ModelsConfigureRequest, ModelsListRequest, type ModelSettings, type ModelsList } from '../../../shared/src/protocol/models.js';
import type { Ctx } from '../ctx.js';
import { keyTargets, sendStoredKeys, storeKey } from '../secrets.js';
import type { CommandFactory } from './index.js';

/** The run-time models of the settings: codetune.models plus the GPU Space of codetune.space.url. */
export function settingsModels(): ModelSettings[] {
  const c = vscode.workspace.getConfiguration('codetune');
  const models = (c.get<ModelSettings[]>('models', []) ?? []).filter((m) => m && typeof m.id === 'string');
  const space = c.get<string>('space.url', '').trim().replace(/\/+$/, '');
  if (space && !models.some((m) => m.id === 'space')) {
    // the Space serves WhiteRabbitNeo as "whiterabbitneo" behind its root URL (space/README.md); the hf
    // provider appends the /v1 routes itself
    models.push({ id: 'space', provider: 'hf', model: 'whiterabbitneo', baseUrl: space.replace(/\/v1$/, ''), apiKeyEnv: 'HF_TOKEN', limits: { loadingWaitMs: 600_000 } });
  }
  return models;
}

async function configure(ctx: Ctx): Promise<ModelsList | undefined> {
  const models = settingsModels();
  const defaultModel = vscode.workspace.getConfiguration('codetune').get<string>('model', '').trim();
  try {
    return await ctx.api.send(ModelsConfigureRequest.type, { models, ...(defaultModel ? { defaultModel } : {}) });
  } catch (e) {
    const msg = `The models in your settings were not accepted: ${(e as Error).message}`;
    ctx.log.error(msg);
    void vscode.window.showErrorMessage(msg, 'Open Settings').then((p) => p && vscode.commands.executeCommand('workbench.action.openSettings', 'codetune.models'));
    return undefined;
  }
}

/** Keeps the daemon's run-time models and keys in step with the settings and SecretStorage. */
export function watchModels(ctx: Ctx): void {
  ctx.subscriptions.push(
    ctx.daemon.onDidChangeClient((client) => {
      if (!client) return;
      void configure(ctx).then(() => sendStoredKeys(ctx));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('codetune.models') || e.affectsConfiguration('codetune.space.url') || e.affectsConfiguration('codetune.model')) void configure(ctx);
    }),
  );
}

const PROVIDER_KEYS: { target: string; label: string; detail: string }[] = [
  { target: 'hf', label: 'Hugging Face', detail: 'GPU Space or Inference Endpoint (HF_TOKEN)' },
  { target: 'openai', label: 'OpenAI', detail: 'OPENAI_API_KEY' },
  { target: 'anthropic', label: 'Anthropic', detail: 'ANTHROPIC_API_KEY' },
];

export function modelCommands(): Record<string, CommandFactory> {
  return {
    'codetune.selectModel': {
      enabled: (ctx) => async (...args: unknown[]) => {
        const list = await ctx.api.send0(ModelsListRequest.type);
        const given = args.find((a): a is string => typeof a === 'string');
        let id = given;
        if (!id) {
          if (!list.models.length) {
            const pick = await vscode.window.showWarningMessage('No model is configured yet. Add one to codetune.models, set a GPU Space URL, or edit the daemon\'s config file.', 'Configure Models');
            if (pick) await vscode.commands.executeCommand('codetune.configureModels');
            return undefined;
          }
          const items = list.models.map((m) => ({
            label: m.id,
            description: `${m.provider} · ${m.model}${m.isDefault ? ' · daemon default' : ''}`,
            detail: `key: ${m.keySource === 'none' ? 'not set' : m.keySource === 'env' ? 'from the environment' : 'from VS Code'}${m.circuit !== 'closed' ? ` · circuit ${m.circuit}` : ''}${m.baseUrl ? ` · ${m.baseUrl}` : ''}`,
          }));
          id = (await vscode.window.showQuickPick(items, { title: 'CodeTune: model for the commands and the workbench', placeHolder: vscode.workspace.getConfiguration('codetune').get<string>('model') || list.defaultModel || '' }))?.label;
        }
        if (!id) return undefined;
        if (!list.models.some((m) => m.id === id)) throw new Error(`No model "${id}" is configured (configured: ${list.models.map((m) => m.id).join(', ') || 'none'}).`);
        await vscode.workspace.getConfiguration('codetune').update('model', id, vscode.ConfigurationTarget.Global);
        void vscode.window.showInformationMessage(`CodeTune will use ${id}.`);
        return id;
      },
    },
    'codetune.setApiKey': {
      enabled: (ctx) => async (...args: unknown[]) => {
        let target = typeof args[0] === 'string' ? args[0] : undefined;
        let key = typeof args[1] === 'string' ? args[1] : undefined;
        if (!target) {
          let models: ModelsList | undefined;
          try {
            models = await ctx.api.send0(ModelsListRequest.type);
          } catch {
            // the provider choices still work
          }
          const stored = new Set(keyTargets(ctx));
          const items: (vscode.QuickPickItem & { target: string })[] = [
            ...PROVIDER_KEYS.map((p) => ({ label: p.label, description: stored.has(p.target) ? 'key stored' : '', detail: p.detail, target: p.target })),
            ...(models?.models ?? []).filter((m) => m.provider === 'openai-compatible' || m.apiKeyEnv).map((m) => ({ label: `Model ${m.id}`, description: stored.has(m.id) ? 'key stored' : '', detail: `${m.provider} · ${m.model}`, target: m.id })),
          ];
          target = (await vscode.window.showQuickPick(items, { title: 'CodeTune: whose API key?' }))?.target;
          if (!target) return undefined;
        }
        if (key === undefined) {
          key = await vscode.window.showInputBox({ title: `CodeTune: API key for ${target}`, prompt: 'Stored in VS Code\'s secret storage and handed to the daemon in memory. Leave empty to remove the stored key.', password: true, ignoreFocusOut: true });
          if (key === undefined) return undefined;
        }
        await storeKey(ctx, target, key.trim() || null);
        void vscode.window.showInformationMessage(key.trim() ? `API key for ${target} stored.` : `API key for ${target} removed.`);
        return target;
      },
    },
    'codetune.configureModels': {
      standalone: true,
      enabled: (ctx) => async () => {
        const pick = await vscode.window.showQuickPick(
          [
            { label: 'Edit codetune.models in the settings', id: 'settings' },
            { label: 'Set the GPU Space URL', id: 'space' },
            { label: 'Open the daemon\'s config file', id: 'file' },
            { label: 'Set an API key', id: 'key' },
          ],
          { title: 'CodeTune: configure models' },
        );
        if (!pick) return undefined;
        if (pick.id === 'settings') await vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key: 'codetune.models', edit: true } });
        if (pick.id === 'space') await vscode.commands.executeCommand('workbench.action.openSettings', 'codetune.space.url');
        if (pick.id === 'key') await vscode.commands.executeCommand('codetune.setApiKey');
        if (pick.id === 'file') {
          const info = await ctx.daemon.info();
          const file = vscode.workspace.getConfiguration('codetune.daemon').get<string>('configFile', '').trim() || vscode.Uri.joinPath(vscode.Uri.file(info.dataDir), 'config.json').fsPath;
          const uri = vscode.Uri.file(file);
          try {
            await vscode.workspace.fs.stat(uri);
          } catch {
            await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify({ models: [], defaultModel: '' }, null, 2) + '\n'));
          }
          await vscode.window.showTextDocument(uri);
          void vscode.window.showInformationMessage('The daemon reads its config file at start: run "CodeTune: Restart Daemon" after editing it.');
        }
        return pick.id;
      },
    },
  };
}
