// Settings under `codetune.analysis` and `codetune.codeLens`, pulled per document with
// workspace/configuration and cached briefly per document. The server's single didChangeConfiguration
// handler belongs to lsp/server.ts, so instead of invalidating on that notification the cache expires
// after a few seconds: a changed setting applies to the next analysis after that.
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_ANALYSIS_SETTINGS, SEVERITIES, type AnalysisSettings, type Severity } from '../../../../shared/src/protocol/analysis.js';
import type { ConfigFile } from '../../config/schema.js';

export interface CodeLensSettings {
  enabled: boolean;
  /** which lenses to show, in order: analyze, securityAudit, generateTests */
  commands: string[];
}

export const DEFAULT_CODELENS: CodeLensSettings = { enabled: true, commands: ['analyze', 'securityAudit', 'generateTests'] };

const TTL_MS = 3000;

export class SettingsCache {
  private readonly cache = new Map<string, { at: number; analysis: AnalysisSettings; lens: CodeLensSettings }>();
  private supported = true;

  constructor(
    private readonly connection: Connection,
    private readonly file: ConfigFile['analysis'] | undefined,
  ) {}

  /** The client may not support workspace/configuration; then defaults and the config file apply. */
  setSupported(v: boolean): void {
    this.supported = v;
  }

  async get(uri: string): Promise<{ analysis: AnalysisSettings; lens: CodeLensSettings }> {
    const hit = this.cache.get(uri);
    if (hit && Date.now() - hit.at < TTL_MS) return hit;
    let rawA: unknown;
    let rawL: unknown;
    if (this.supported) {
      try {
        [rawA, rawL] = await this.connection.workspace.getConfiguration([
          { scopeUri: uri, section: 'codetune.analysis' },
          { scopeUri: uri, section: 'codetune.codeLens' },
        ]);
      } catch {
        // a client that fails the request gets the defaults rather than no analysis
      }
    }
    const entry = { at: Date.now(), analysis: mergeAnalysis(this.file, rawA), lens: mergeLens(rawL) };
    this.cache.set(uri, entry);
    return entry;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** Defaults ← config file's `analysis` ← the editor's settings (what the user set last wins). */
export function mergeAnalysis(file: ConfigFile['analysis'] | undefined, raw: unknown): AnalysisSettings {
  const s: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS };
  const layers = [file as Record<string, unknown> | undefined, raw as Record<string, unknown> | undefined];
  for (const l of layers) {
    if (!l || typeof l !== 'object') continue;
    if (typeof l.enabled === 'boolean') s.enabled = l.enabled;
    if (typeof l.minSeverity === 'string' && SEVERITIES.includes(l.minSeverity as Severity)) s.minSeverity = l.minSeverity as Severity;
    if (strings(l.enabledRuleSets)) s.enabledRuleSets = strings(l.enabledRuleSets)!;
    if (typeof l.onlyChangedLines === 'boolean') s.onlyChangedLines = l.onlyChangedLines;
    if (typeof l.maxFileBytes === 'number' && l.maxFileBytes > 0) s.maxFileBytes = l.maxFileBytes;
    if (strings(l.exclude)) s.exclude = strings(l.exclude)!;
    if (strings(l.rulePaths)) s.rulePaths = [...new Set([...s.rulePaths, ...strings(l.rulePaths)!])];
    if (typeof l.debounceMs === 'number' && l.debounceMs >= 0) s.debounceMs = l.debounceMs;
  }
  return s;
}

function mergeLens(raw: unknown): CodeLensSettings {
  const l = raw as Record<string, unknown> | undefined;
  return {
    enabled: typeof l?.enabled === 'boolean' ? l.enabled : DEFAULT_CODELENS.enabled,
    commands: strings(l?.commands) ?? DEFAULT_CODELENS.commands,
  };
}

/** Minimal glob matching for `exclude`: `**` any folders, `*` within a name, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function isExcluded(relPath: string, globs: string[]): boolean {
  const p = relPath.replace(/\\/g, '/');
  return globs.some((g) => globToRegExp(g).test(p) || globToRegExp(`**/${g}`).test(p));
}
