// Example CodeTune llm plugin: each task runs a prompt of the user's library through the daemon
// (ctx.host.runPrompt, which needs the "prompts" capability in the manifest). The daemon renders the
// deployed version of the prompt with the variables it declares, runs it through model dispatch (cache,
// queue, retries, history) and answers the text.

/** task → library prompt name */
const PROMPTS = { explain: 'explain', review: 'code-review' };

/** @type {import('../../server/src/plugins/sdk/index.js').PluginDefinition<'llm'>} */
export default {
  activate(ctx) {
    const { model, maxChars } = /** @type {{ model: string; maxChars: number }} */ (ctx.settings);
    return {
      async runTask(task, input) {
        const prompt = PROMPTS[task];
        if (!prompt) throw new Error(`unknown task ${task}; this plugin answers ${Object.keys(PROMPTS).join(', ')}`);
        const code = input.code.length > maxChars ? `${input.code.slice(0, maxChars)}\n… (truncated)` : input.code;
        const r = await ctx.host.runPrompt(prompt, { code, language: input.language, file_path: input.path ?? '' }, model ? { model } : {});
        return { task, output: r.output.trim(), model: r.model, executionId: r.executionId, fromCache: r.fromCache };
      },
    };
  },
};
