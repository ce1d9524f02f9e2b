// The built-in plugins. They run in the daemon's thread and use its services directly; like every plugin
// they can be disabled, reloaded and configured, and their state is persisted.
import type { DaemonContext } from '../../context.js';
import type { PluginDefinition } from '../sdk/kinds.js';
import { codeT5Plugin } from './codet5.js';
import { embeddingsPlugin } from './embeddings.js';
import { libraryLlmPlugin } from './library-llm.js';
import { staticAnalyzerPlugin } from './static-analyzer.js';

export const WHITERABBITNEO_ID = 'whiterabbitneo';

export function builtinPlugins(ctx: DaemonContext): PluginDefinition[] {
  return [
    libraryLlmPlugin(ctx, {
      id: WHITERABBITNEO_ID,
      name: 'WhiteRabbitNeo',
      description: 'Security reasoning with WhiteRabbitNeo (GPU Space by default): analysis, security audit with findings, optimization.',
      tasks: { analyze: 'analyze', security: 'security-audit', optimize: 'optimize' },
      findingTasks: ['security'],
      modelMatch: (m) => /whiterabbitneo/i.test(`${m.id} ${m.model}`),
      modelWhat: 'WhiteRabbitNeo',
    }) as PluginDefinition,
    codeT5Plugin(ctx) as PluginDefinition,
    libraryLlmPlugin(ctx, {
      id: 'openai-analyzer',
      name: 'OpenAI code analyzer',
      description: 'Code analysis, review, explanation and security audit through an OpenAI model.',
      tasks: { analyze: 'analyze', 'code-review': 'code-review', explain: 'explain', security: 'security-audit' },
      findingTasks: ['security'],
      modelMatch: (m) => m.provider === 'openai',
      modelWhat: 'OpenAI',
    }) as PluginDefinition,
    libraryLlmPlugin(ctx, {
      id: 'anthropic-suggester',
      name: 'Anthropic code suggester',
      description: 'Refactoring, optimization, docstrings and fixes for diagnostics through an Anthropic model.',
      tasks: { refactor: 'refactor', optimize: 'optimize', docstring: 'docstring', fix: 'fix-diagnostic' },
      findingTasks: [],
      modelMatch: (m) => m.provider === 'anthropic',
      modelWhat: 'Anthropic',
    }) as PluginDefinition,
    embeddingsPlugin(ctx) as PluginDefinition,
    staticAnalyzerPlugin(ctx) as PluginDefinition,
  ];
}
