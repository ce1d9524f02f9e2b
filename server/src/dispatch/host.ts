// What model dispatch offers plugins (the PluginHostApi's runPrompt, complete and embed), for the plugin
// host to expose: `{ ...dispatchHost(ctx), analyze }`. Looked up at call time so start order does not matter.
import type { DaemonContext } from '../context.js';
import type { PluginHostApi } from '../plugins/sdk/kinds.js';
import { UserError } from '../util/errors.js';
import { embed } from './embed.js';
import { executePrompt } from './execute.js';

export function dispatchHost(ctx: DaemonContext): Pick<PluginHostApi, 'runPrompt' | 'complete' | 'embed'> {
  const svc = () => ctx.services.dispatch;
  return {
    async runPrompt(name, variables, opts = {}) {
      const prompt = await ctx.repos.prompts.getByName(name);
      if (!prompt) throw new UserError('not_found', `No library prompt named "${name}".`, { hint: 'Check the prompt name in the CodeTune library.' });
      const r = await executePrompt(ctx.repos, svc().dispatcher, {
        promptId: prompt.id,
        variables,
        ...(opts.model ? { model: opts.model } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.onToken ? { onEvent: (e) => e.type === 'delta' && opts.onToken!(e.text) } : {}),
      });
      return { output: r.output, model: r.modelUsed, executionId: r.executionId, fromCache: r.fromCache };
    },
    async complete(prompt, opts = {}) {
      const messages = [...(opts.system ? [{ role: 'system' as const, content: opts.system }] : []), { role: 'user' as const, content: prompt }];
      const r = await svc().dispatcher.dispatch({
        model: opts.model ?? null,
        messages,
        text: opts.system ? `${opts.system}\n\n${prompt}` : prompt,
        params: { temperature: opts.temperature ?? 0, ...(opts.maxTokens !== undefined ? { max_tokens: opts.maxTokens } : {}) },
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.onToken ? { onEvent: (e) => e.type === 'delta' && opts.onToken!(e.text) } : {}),
      });
      return { output: r.output, model: r.modelUsed };
    },
    async embed(texts) {
      return embed(svc().dispatcher, texts);
    },
  };
}
