// PluginHostApi backed by the daemon's own services: library prompts and raw prompts through model dispatch,
// the static analysis engine, and the configured embedding model. Services are looked up at call time, so
// capabilities may start in any order; a missing one answers with a clear error. Arguments coming from a
// worker are plain JSON, so every option is checked before use.
import type { JsonObject } from '../../../shared/src/model/index.js';
import type { DaemonContext } from '../context.js';
import { UserError } from '../util/errors.js';
import type { PluginHostApi } from './sdk/kinds.js';
import { analysisOf, codeMetrics } from './services/analysis.js';
import { runLibraryPrompt, runRawPrompt } from './services/dispatch.js';
import { embedWith, embeddingModel } from './services/embed.js';

type Opts = Record<string, unknown> | undefined;
const str = (o: Opts, k: string) => (typeof o?.[k] === 'string' && o[k] ? (o[k] as string) : undefined);
const num = (o: Opts, k: string) => (typeof o?.[k] === 'number' && Number.isFinite(o[k]) ? (o[k] as number) : undefined);
const signal = (o: Opts) => (o?.signal instanceof AbortSignal ? o.signal : undefined);
const onToken = (o: Opts) => (typeof o?.onToken === 'function' ? (o.onToken as (t: string) => void) : undefined);

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new UserError('bad_request', `${what} must be a string.`);
  return v;
}

export function servicesHostApi(ctx: DaemonContext): PluginHostApi {
  return {
    async runPrompt(name, variables, opts) {
      const o = opts as Opts;
      const vars = variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as JsonObject) : {};
      return runLibraryPrompt(ctx, text(name, 'The prompt name'), vars, { model: str(o, 'model'), signal: signal(o), onToken: onToken(o) });
    },
    async complete(prompt, opts) {
      const o = opts as Opts;
      const r = await runRawPrompt(ctx, text(prompt, 'The prompt'), {
        model: str(o, 'model'),
        system: str(o, 'system'),
        maxTokens: num(o, 'maxTokens'),
        temperature: num(o, 'temperature'),
        signal: signal(o),
        onToken: onToken(o),
      });
      return { output: r.output, model: r.model };
    },
    async analyze(code, language) {
      const engine = analysisOf(ctx);
      const c = text(code, 'The code');
      const lang = text(language, 'The language');
      return { findings: await engine.analyze(c, lang), metrics: codeMetrics(ctx, c, lang) };
    },
    async embed(texts) {
      if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) throw new UserError('bad_request', 'embed() takes a list of strings.');
      const model = embeddingModel(ctx);
      if (!model) throw new UserError('bad_request', 'No embedding model is configured.', { hint: 'Add a model with "kind": "embedding" to "models" in the config file.' });
      return { vectors: await embedWith(ctx, model, texts), model: model.id };
    },
  };
}
