// The daemon's services as a plugin sees them (PluginHostApi), each method checked against the
// capabilities the plugin's manifest declares: a plugin that did not ask for `models` cannot spend the
// user's tokens, one that did not ask for `analysis` cannot run the engine.
import { UserError } from '../util/errors.js';
import type { PluginHostApi } from './sdk/kinds.js';
import type { PluginCapability, ResolvedManifest } from './sdk/manifest.js';

const NEEDS: Record<keyof PluginHostApi, PluginCapability> = {
  runPrompt: 'prompts',
  complete: 'models',
  analyze: 'analysis',
  embed: 'embeddings',
};

export function guardedHostApi(base: PluginHostApi, manifest: Pick<ResolvedManifest, 'id' | 'capabilities'>): PluginHostApi {
  const guard =
    <K extends keyof PluginHostApi>(method: K): PluginHostApi[K] =>
    ((...args: unknown[]) => {
      const cap = NEEDS[method];
      if (!manifest.capabilities.includes(cap)) {
        return Promise.reject(
          new UserError('bad_request', `Plugin ${manifest.id} called host.${method} without declaring the "${cap}" capability.`, {
            hint: `Add "${cap}" to "capabilities" in the plugin's manifest.`,
          }),
        );
      }
      return (base[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    }) as PluginHostApi[K];
  return { runPrompt: guard('runPrompt'), complete: guard('complete'), analyze: guard('analyze'), embed: guard('embed') };
}

/** Host API of a daemon whose services are not there (tests of the registry alone, or a capability missing). */
export function unavailableHostApi(): PluginHostApi {
  const no = (what: string) => () => Promise.reject(new UserError('upstream_unavailable', `${what} is not available in this daemon.`));
  return { runPrompt: no('Running library prompts'), complete: no('Model dispatch'), analyze: no('Static analysis'), embed: no('Embedding') };
}
