// The static security analyzer as a plugin: the analysis engine's findings (taint, patterns, secrets) and
// code metrics (cyclomatic complexity and length per function) for any language the engine parses.
import type { DaemonContext } from '../../context.js';
import { analysisOf, codeMetrics } from '../services/analysis.js';
import { definePlugin, type PluginDefinition } from '../sdk/kinds.js';
import { builtinManifest } from './common.js';

export function staticAnalyzerPlugin(ctx: DaemonContext): PluginDefinition<'analyzer'> {
  return definePlugin({
    manifest: builtinManifest(ctx, {
      id: 'static-security',
      name: 'Static security analyzer',
      kind: 'analyzer',
      description: 'Tree-sitter rules with taint tracking and secrets detection, plus cyclomatic complexity and function length.',
      tasks: ['analyze'],
      capabilities: ['analysis'],
    }),
    activate() {
      return {
        async analyze(input) {
          const engine = analysisOf(ctx);
          const file = input.path ?? `untitled.${input.language}`;
          const findings = await engine.analyze(input.code, input.language, { file });
          return { findings, metrics: codeMetrics(ctx, input.code, input.language) };
        },
      };
    },
  });
}
