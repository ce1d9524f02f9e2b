// The static analysis service (ctx.services.analysis, owned by the analysis capability) as the plugins see
// it. Looked up at call time; a daemon without it answers with a clear error instead of a crash.
import type { Finding } from '../../../../shared/src/protocol/analysis.js';
import type { AnalysisService } from '../../analysis/service.js';
import type { DaemonContext } from '../../context.js';
import { UserError } from '../../util/errors.js';
import type { CodeMetrics } from '../sdk/kinds.js';

export function analysisOf(ctx: DaemonContext): AnalysisService {
  const a = ctx.services.analysis as AnalysisService | undefined;
  if (!a) throw new UserError('upstream_unavailable', 'The static analysis engine is not running in this daemon.');
  return a;
}

/** Length of the text, and each function's and class's length and cyclomatic complexity. */
export function codeMetrics(ctx: DaemonContext, text: string, language: string): CodeMetrics {
  const units = analysisOf(ctx).metrics(text, language);
  const fns = units.filter((u) => u.kind === 'function');
  return { lines: text.split('\n').length, maxComplexity: Math.max(1, ...fns.map((u) => u.complexity)), units };
}

/** Parses a model's security answer into findings marked source 'llm', plus the parts that did not parse. */
export function llmFindings(ctx: DaemonContext, answer: string, file: string): { findings: Finding[]; problems: string[] } {
  const { findings, problems } = analysisOf(ctx).parseLlmFindings(answer, file);
  return { findings: findings.map((f) => ({ ...f, source: 'llm' as const })), problems };
}
