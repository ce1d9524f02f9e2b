// Scanning one file: read (or skip with a reason), analyse, never throw. Shared by the worker threads
// and the in-process path used for small scans.
import type { Finding, Severity } from '../../../../shared/src/protocol/analysis.js';
import type { Analyzer } from '../engine.js';
import { readSource, type Notice, type ScanTarget } from './files.js';

export interface ScanOptions {
  minSeverity: Severity;
  maxFileBytes: number;
  rulePaths: string[];
}

export interface FileResult {
  findings: Finding[];
  notices: Notice[];
  /** lines analysed (0 when skipped) */
  lines: number;
}

export async function scanFile(analyzer: Analyzer, t: ScanTarget, opts: ScanOptions): Promise<FileResult> {
  const read = readSource(t, opts.maxFileBytes);
  if ('skip' in read) return { findings: [], notices: [read.skip], lines: 0 };
  const notices = read.notice ? [read.notice] : [];
  try {
    // suppressed findings are kept (marked) so SARIF can carry them as suppressed
    const onSyntaxError = (line: number) =>
      notices.push({ file: t.rel, level: 'warning', message: `does not parse cleanly (syntax error near line ${line + 1}); the parts that parse were analysed` });
    const findings = await analyzer.analyze(read.text, t.path, { file: t.rel, minSeverity: opts.minSeverity, includeSuppressed: true, onSyntaxError });
    return { findings, notices, lines: countLines(read.text) };
  } catch (e) {
    notices.push({ file: t.rel, level: 'error', message: `analysis failed: ${(e as Error).message}` });
    return { findings: [], notices, lines: 0 };
  }
}

function countLines(text: string): number {
  let n = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
