// CodeT5+ (codegen): generate code from a description, complete code at the cursor, summarize, write unit
// tests. Generate, summarize and tests run the library prompts generate, summarize and unit-tests; complete
// sends the code before the cursor straight to the model (CodeT5+ is trained to continue code, and a chat
// wrapper would only get in its way).
import type { DaemonContext } from '../../context.js';
import { pickModel, runLibraryPrompt, runRawPrompt, type RunOptions } from '../services/dispatch.js';
import { definePlugin, type CallOptions, type CodegenResult, type PluginDefinition } from '../sdk/kinds.js';
import { builtinManifest, codeVariables } from './common.js';

export function codeT5Plugin(ctx: DaemonContext): PluginDefinition<'codegen'> {
  return definePlugin({
    manifest: {
      ...builtinManifest(ctx, {
        id: 'codet5p',
        name: 'CodeT5+',
        kind: 'codegen',
        description: 'Code generation, completion, summaries and unit tests with CodeT5+ (on the GPU Space by default).',
        tasks: ['generate', 'complete', 'summarize', 'tests'],
        capabilities: ['prompts', 'models'],
      }),
      settings: {
        type: 'object',
        properties: {
          model: { type: 'string', default: '', description: 'Model id to run on. Empty: the first configured model whose id or name contains "codet5".' },
          completionMaxTokens: { type: 'integer', minimum: 1, maximum: 4096, default: 128, description: 'Longest completion, in tokens.' },
          completionContextChars: { type: 'integer', minimum: 200, maximum: 100000, default: 4000, description: 'How much code before the cursor the model sees.' },
        },
        additionalProperties: false,
      },
    },
    activate(plugin) {
      const model = () => pickModel(ctx, plugin.settings.model, (m) => /codet5/i.test(`${m.id} ${m.model}`), 'CodeT5+');
      const run = (opts: CallOptions = {}): RunOptions => ({ model: model(), signal: opts.signal, onToken: opts.onToken });
      const result = (r: { output: string; model: string; executionId: number | null; fromCache: boolean }): CodegenResult => ({
        output: r.output,
        model: r.model,
        executionId: r.executionId,
        fromCache: r.fromCache,
      });
      return {
        async generate(input, opts) {
          return result(await runLibraryPrompt(ctx, 'generate', codeVariables({ description: input.description, language: input.language, ...(input.context ? { code: input.context } : {}) }), run(opts)));
        },
        async complete(input, opts) {
          const max = Number(plugin.settings.completionContextChars ?? 4000);
          const prefix = input.prefix.length > max ? input.prefix.slice(-max) : input.prefix;
          return result(await runRawPrompt(ctx, prefix, { ...run(opts), maxTokens: Number(plugin.settings.completionMaxTokens ?? 128), temperature: 0.2 }));
        },
        async summarize(input, opts) {
          return result(await runLibraryPrompt(ctx, 'summarize', codeVariables(input), run(opts)));
        },
        async tests(input, opts) {
          return result(await runLibraryPrompt(ctx, 'unit-tests', codeVariables(input), run(opts)));
        },
      };
    },
  });
}
