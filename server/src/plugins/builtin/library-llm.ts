// An llm plugin whose tasks are prompts of the library, run through dispatch on one model. WhiteRabbitNeo,
// the OpenAI code analyzer and the Anthropic code suggester are this plugin with different tasks and models.
// Tasks listed in `findingTasks` also parse the answer into findings (source 'llm') and merge them with the
// static engine's findings for the same code, so the deep scan reports one de-duplicated list.
import type { Finding } from '../../../../shared/src/protocol/analysis.js';
import type { ModelConfig } from '../../config/schema.js';
import type { DaemonContext } from '../../context.js';
import { UserError } from '../../util/errors.js';
import { analysisOf, llmFindings } from '../services/analysis.js';
import { pickModel, runLibraryPrompt } from '../services/dispatch.js';
import { definePlugin, type LlmTaskResult, type PluginDefinition } from '../sdk/kinds.js';
import { builtinManifest, codeVariables, modelSetting } from './common.js';

export interface LibraryLlmSpec {
  id: string;
  name: string;
  description: string;
  /** task → library prompt name */
  tasks: Record<string, string>;
  findingTasks: string[];
  /** which configured model the plugin uses when its `model` setting is empty */
  modelMatch: (m: ModelConfig) => boolean;
  modelWhat: string;
}

export function libraryLlmPlugin(ctx: DaemonContext, spec: LibraryLlmSpec): PluginDefinition<'llm'> {
  return definePlugin({
    manifest: {
      ...builtinManifest(ctx, {
        id: spec.id,
        name: spec.name,
        kind: 'llm',
        description: spec.description,
        tasks: Object.keys(spec.tasks),
        capabilities: ['prompts', ...(spec.findingTasks.length ? (['analysis'] as const) : [])],
      }),
      settings: modelSetting(`Model id (from the configured models) to run on. Empty: the first configured ${spec.modelWhat} model.`),
    },
    activate(plugin) {
      return {
        async runTask(task, input, opts = {}): Promise<LlmTaskResult> {
          const promptName = spec.tasks[task];
          if (!promptName) throw new UserError('bad_request', `${spec.name} has no task "${task}".`, { hint: `Its tasks: ${Object.keys(spec.tasks).join(', ')}.` });
          const model = pickModel(ctx, input.model || plugin.settings.model, spec.modelMatch, spec.modelWhat);
          const r = await runLibraryPrompt(ctx, promptName, codeVariables(input), { model, signal: opts.signal, onToken: opts.onToken });
          const result: LlmTaskResult = { task, output: r.output, model: r.model, executionId: r.executionId, fromCache: r.fromCache };
          if (!spec.findingTasks.includes(task)) return result;
          const file = input.path ?? `untitled.${input.language}`;
          const parsed = llmFindings(ctx, r.output, file);
          const staticFindings: Finding[] = await analysisOf(ctx).analyze(input.code, input.language, { file });
          return { ...result, findings: analysisOf(ctx).mergeFindings(staticFindings, parsed.findings), ...(parsed.problems.length ? { problems: parsed.problems } : {}) };
        },
      };
    },
  });
}
