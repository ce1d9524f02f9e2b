// Built-in plugins run in the daemon's own thread: they are our code, they call the daemon's services
// directly, and a worker hop would only add latency. They still go through the same lifecycle and
// failure reporting as isolated plugins.
import type { JsonObject } from '../../../../shared/src/model/index.js';
import type { Logger } from '../../logger.js';
import { isUserError, errorMessage, UserError } from '../../util/errors.js';
import type { PluginContext, PluginDefinition, PluginHostApi } from '../sdk/kinds.js';
import { PluginFailure, type HostCallOptions, type PluginHost } from './types.js';

export class InProcessHost implements PluginHost {
  readonly isolated = false;
  private impl: Record<string, unknown> | null = null;

  constructor(
    private readonly def: PluginDefinition,
    private readonly info: { pluginId: string; kind: string; methods: readonly string[]; engineVersion: string },
    private readonly hostApi: PluginHostApi,
    private readonly log: Logger,
  ) {}

  onDied(): void {
    // an in-process plugin cannot die separately from the daemon
  }

  async start(settings: JsonObject): Promise<void> {
    const log = this.log;
    const ctx: PluginContext = {
      pluginId: this.info.pluginId,
      settings,
      engineVersion: this.info.engineVersion,
      host: this.hostApi,
      log: {
        debug: (msg, data) => log.debug(data ?? {}, msg),
        info: (msg, data) => log.info(data ?? {}, msg),
        warn: (msg, data) => log.warn(data ?? {}, msg),
        error: (msg, data) => log.error(data ?? {}, msg),
      },
    };
    let result: Record<string, unknown>;
    try {
      result = (await this.def.activate(ctx)) as unknown as Record<string, unknown>;
    } catch (e) {
      throw new PluginFailure(`activation failed: ${isUserError(e) ? e.describe() : errorMessage(e)}`, true);
    }
    const missing = this.info.methods.filter((m) => typeof result?.[m] !== 'function');
    if (missing.length) throw new PluginFailure(`activation failed: activate() must return the ${this.info.kind} interface; missing: ${missing.join(', ')}`, true);
    this.impl = result;
  }

  async call(method: string, args: unknown[], opts: HostCallOptions = {}): Promise<unknown> {
    const fn = this.impl?.[method];
    if (typeof fn !== 'function') throw new PluginFailure('the plugin is not running', true);
    if (opts.signal?.aborted) throw new UserError('cancelled', `The ${method} call was cancelled.`);
    try {
      return await (fn as (...a: unknown[]) => Promise<unknown>).apply(this.impl, [...args, opts]);
    } catch (e) {
      // user errors of our own services (model unreachable, prompt missing…) keep their code and hint
      if (isUserError(e)) throw e;
      throw new PluginFailure(`${method} failed: ${errorMessage(e)}`, false);
    }
  }

  async stop(): Promise<void> {
    this.impl = null;
    try {
      await this.def.deactivate?.();
    } catch (e) {
      this.log.warn({ err: errorMessage(e) }, 'plugin deactivate() threw');
    }
  }
}
