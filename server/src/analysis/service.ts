// ctx.services.analysis: the API the editor features, the CLI, the LLM deep scan and plugins use.
// Analyzers are cached per set of rule folders (built-in + config file + the editor's setting), so
// loading and checking the rules happens once per combination, and each rule problem is logged once.
import type { Finding } from '../../../shared/src/protocol/analysis.js';
import type { DaemonContext } from '../context.js';
import type { Logger } from '../logger.js';
import { Analyzer, type AnalyzeOptions } from './engine.js';
import { mergeFindings, parseLlmFindings, type LlmParseResult } from './llm.js';
import { metrics, codeUnits, type CodeUnit } from './metrics.js';
import { loadRules } from './rules/load.js';

export interface AnalysisService {
  /** findings for one file's text; `languageOrPath` is an LSP languageId, one of ours, or a file path */
  analyze(text: string, languageOrPath: string, opts?: AnalyzeOptions & { rulePaths?: string[] }): Promise<Finding[]>;
  /** functions with cyclomatic complexity and length */
  metrics(text: string, languageOrPath: string): CodeUnit[];
  /** functions and classes (no complexity): cheap, for code lenses */
  units(text: string, languageOrPath: string): CodeUnit[];
  mergeFindings(staticFindings: Finding[], llmFindings: Finding[]): Finding[];
  parseLlmFindings(answerText: string, file: string): LlmParseResult;
  /** the analyzer for these extra rule folders (plus the built-in ones and the config file's) */
  analyzer(rulePaths?: string[]): Analyzer;
  /** rule problems met so far (bad rule files), one line each */
  problems(): string[];
}

declare module '../context.js' {
  interface Services {
    analysis: AnalysisService;
  }
}

const MAX_CACHED = 8;

export function createAnalysisService(configRulePaths: string[] = [], log?: Logger): AnalysisService {
  const analyzers = new Map<string, Analyzer>();
  const reported = new Set<string>();
  const analyzer = (extra: string[] = []) => {
    const folders = [...new Set([...configRulePaths, ...extra])];
    const key = folders.join('\0');
    let a = analyzers.get(key);
    if (!a) {
      a = new Analyzer(loadRules(folders));
      for (const p of a.rules.problems) {
        if (reported.has(p)) continue;
        reported.add(p);
        log?.warn({ problem: p }, 'analysis rule skipped');
      }
      if (analyzers.size >= MAX_CACHED) analyzers.delete(analyzers.keys().next().value!);
      analyzers.set(key, a);
    }
    return a;
  };
  return {
    analyze(text, languageOrPath, opts = {}) {
      return analyzer(opts.rulePaths).analyze(text, languageOrPath, opts);
    },
    metrics,
    units: (text, lang) => codeUnits(text, lang),
    mergeFindings,
    parseLlmFindings,
    analyzer,
    problems: () => [...reported],
  };
}

export function startAnalysis(ctx: DaemonContext): void {
  ctx.services.analysis = createAnalysisService(ctx.config.file.analysis?.rulePaths ?? [], ctx.log.child({ component: 'analysis' }));
}
