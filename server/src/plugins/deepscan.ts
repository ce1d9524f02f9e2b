// codetune/analysis/deepScan: the editor's on-demand LLM security scan of a document or selection. Runs the
// `security` task of WhiteRabbitNeo (or, when it is not running, of another active llm plugin that has that
// task) and answers the merged static + LLM findings with ranges in document coordinates.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DeepScanRequest, type DeepScanResult, type Finding, type FindingRange } from '../../../shared/src/protocol/analysis.js';
import type { DaemonContext } from '../context.js';
import type { Feature } from '../lsp/feature.js';
import { UserError, isUserError } from '../util/errors.js';
import { WHITERABBITNEO_ID } from './builtin/index.js';
import { toResponseError } from '../lsp/errors.js';
import type { LlmTaskResult } from './sdk/kinds.js';
import { NO_MODEL } from './services/dispatch.js';

const EXT_LANG: Record<string, string> = { py: 'python', js: 'javascript', mjs: 'javascript', cjs: 'javascript', ts: 'typescript', tsx: 'typescriptreact', jsx: 'javascriptreact', java: 'java', go: 'go', cs: 'csharp', php: 'php', rb: 'ruby', c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp', hpp: 'cpp', rs: 'rust', kt: 'kotlin', swift: 'swift' };

export function deepScanFeature(ctx: DaemonContext): Feature {
  const log = ctx.log.child({ component: 'deep-scan' });
  return {
    initialize({ connection, documents }) {
      connection.onRequest(DeepScanRequest.type, async (params, token) => {
        const ac = new AbortController();
        const sub = token.onCancellationRequested(() => ac.abort());
        try {
          const doc = documents.get(params.uri);
          const text = doc ? doc.getText() : await readUri(params.uri);
          const language = doc?.languageId ?? EXT_LANG[params.uri.split('.').pop()?.toLowerCase() ?? ''] ?? 'plaintext';
          return await deepScan(ctx, { uri: params.uri, text, language, ...(params.range ? { range: params.range } : {}), ...(params.model ? { model: params.model } : {}) }, ac.signal);
        } catch (e) {
          throw toResponseError(e, log, 'the deep scan');
        } finally {
          sub.dispose();
        }
      });
      return {};
    },
  };
}

export async function deepScan(
  ctx: DaemonContext,
  req: { uri: string; text: string; language: string; range?: FindingRange; model?: string },
  signal?: AbortSignal,
): Promise<DeepScanResult> {
  const registry = ctx.services.plugins.registry;
  const active = registry.active('llm', 'security');
  // WhiteRabbitNeo first; the others when it has no model configured (and none was asked for)
  const candidates = [...active.filter((p) => p.id === WHITERABBITNEO_ID), ...active.filter((p) => p.id !== WHITERABBITNEO_ID)];
  if (candidates.length === 0) {
    throw new UserError('conflict', 'No security plugin is running, so the deep scan cannot run.', {
      hint: 'Enable the WhiteRabbitNeo plugin (and configure its model), or another plugin with a "security" task.',
    });
  }
  const lines = req.text.split('\n');
  const startLine = req.range ? Math.min(req.range.start.line, lines.length - 1) : 0;
  const code = req.range ? sliceRange(lines, req.range) : req.text;
  if (!code.trim()) return { findings: [], problems: [] };
  const path = req.uri.startsWith('file:') ? fileURLToPath(req.uri) : req.uri;
  const input = { code, language: req.language, path, ...(req.model ? { model: req.model } : {}) };
  let r: LlmTaskResult | undefined;
  let first: unknown;
  for (const plugin of candidates) {
    try {
      r = await registry.call<LlmTaskResult>(plugin.id, 'runTask', ['security', input], signal ? { signal } : {});
      break;
    } catch (e) {
      first ??= e;
      if (!(isUserError(e) && (e.details as { reason?: string } | undefined)?.reason === NO_MODEL)) throw e;
    }
  }
  if (!r) throw first;
  const findings = ((r.findings ?? []) as Finding[]).map((f) => ({ ...shift(f, startLine), file: f.file || path }));
  return { findings, problems: r.problems ?? [] };
}

function sliceRange(lines: string[], r: FindingRange): string {
  const out = lines.slice(r.start.line, r.end.line + 1);
  if (out.length === 0) return '';
  // keep whole first line so columns of findings stay those of the document
  out[out.length - 1] = out[out.length - 1]!.slice(0, r.end.line === r.start.line ? Math.max(r.end.character, 0) || undefined : r.end.character || undefined);
  return out.join('\n');
}

function shift<T extends Finding>(f: T, lines: number): T {
  if (lines === 0) return f;
  const mv = (r: FindingRange): FindingRange => ({ start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });
  return {
    ...f,
    range: mv(f.range),
    ...(f.fix ? { fix: { ...f.fix, range: mv(f.fix.range) } } : {}),
    ...(f.taintPath ? { taintPath: f.taintPath.map((s) => ({ ...s, range: mv(s.range) })) } : {}),
  };
}

async function readUri(uri: string): Promise<string> {
  if (!uri.startsWith('file:')) throw new UserError('not_found', `The document ${uri} is not open and is not a file.`, { hint: 'Open it in the editor first.' });
  try {
    return await readFile(fileURLToPath(uri), 'utf8');
  } catch (e) {
    throw new UserError('not_found', `Cannot read ${fileURLToPath(uri)} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}
