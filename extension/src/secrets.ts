// API keys in VS Code's SecretStorage, sent to the daemon (kept in its memory only) at every daemon start
// and whenever the user sets one. Never written to settings, files or logs.
import * as vscode from 'vscode';
import { ModelsSetApiKeyRequest } from '../../shared/src/protocol/models.js';
import type { Ctx } from './ctx.js';

const INDEX_KEY = 'codetune.apiKeyTargets';
const secretName = (target: string) => `codetune.apiKey.${target}`;

/** Targets (provider names or model ids) that have a stored key. */
export function keyTargets(ctx: Ctx): string[] {
  return ctx.extension.globalState.get<string[]>(INDEX_KEY, []);
}

export async function storeKey(ctx: Ctx, target: string, key: string | null): Promise<void> {
  const targets = new Set(keyTargets(ctx));
  if (key) {
    await ctx.extension.secrets.store(secretName(target), key);
    targets.add(target);
  } else {
    await ctx.extension.secrets.delete(secretName(target));
    targets.delete(target);
  }
  await ctx.extension.globalState.update(INDEX_KEY, [...targets]);
  await ctx.api.send(ModelsSetApiKeyRequest.type, { target, apiKey: key });
}

/** Sends every stored key to a (re)started daemon. */
export async function sendStoredKeys(ctx: Ctx): Promise<void> {
  for (const target of keyTargets(ctx)) {
    const key = await ctx.extension.secrets.get(secretName(target));
    if (!key) continue;
    try {
      await ctx.api.send(ModelsSetApiKeyRequest.type, { target, apiKey: key });
    } catch (e) {
      ctx.log.warn(`Could not hand the stored key for ${target} to the daemon: ${(e as Error).message}`);
    }
  }
}
