// Diagnostics as you type: per document, a change (re)starts a short debounce; when it fires the document
// is analysed and the result published only if no newer change arrived meanwhile (superseded runs are
// dropped, never published). Analysis of one file is a few milliseconds of native parsing; files over the
// size limit are not analysed at all and get one informational diagnostic saying why.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisDidChangeNotification, SEVERITIES, type Finding, type Severity } from '../../../../shared/src/protocol/analysis.js';
import type { Logger } from '../../logger.js';
import { resolveLanguage } from '../languages.js';
import type { AnalysisService } from '../service.js';
import { noticeDiagnostic, toDiagnostic } from './convert.js';
import { changedLines } from './git.js';
import { isExcluded, type SettingsCache } from './settings.js';
import type { WorkspaceState } from './workspace.js';

interface DocState {
  timer?: NodeJS.Timeout;
  /** bumped on every change; a run publishes only if it is still the latest */
  generation: number;
  findings: Finding[];
}

export class DiagnosticsScheduler {
  private readonly docs = new Map<string, DocState>();
  relatedSupported = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: AnalysisService,
    private readonly settings: SettingsCache,
    private readonly workspace: WorkspaceState,
    private readonly log: Logger,
  ) {}

  findings(uri: string): Finding[] {
    return this.docs.get(uri)?.findings ?? [];
  }

  /** Schedules an analysis; `immediate` skips the debounce (document opened, suppression changed). */
  schedule(uri: string, immediate = false): void {
    const st = this.state(uri);
    st.generation++;
    if (st.timer) clearTimeout(st.timer);
    const gen = st.generation;
    const start = (delay: number) => {
      st.timer = setTimeout(() => {
        st.timer = undefined;
        void this.run(uri, gen);
      }, delay);
    };
    if (immediate) start(0);
    else void this.settings.get(uri).then((s) => gen === st.generation && start(s.analysis.debounceMs), () => start(0));
  }

  close(uri: string): void {
    const st = this.docs.get(uri);
    if (st?.timer) clearTimeout(st.timer);
    this.docs.delete(uri);
    this.settings.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    void this.summary(uri);
  }

  dispose(): void {
    for (const st of this.docs.values()) if (st.timer) clearTimeout(st.timer);
    this.docs.clear();
  }

  /** Analyses the document now and publishes; returns false when superseded or closed. Exposed for the bench. */
  async run(uri: string, gen = this.state(uri).generation): Promise<boolean> {
    const doc = this.documents.get(uri);
    const st = this.docs.get(uri);
    if (!doc || !st || st.generation !== gen) return false;
    const version = doc.version;
    try {
      await this.workspace.ready;
      const { analysis: s } = await this.settings.get(uri);
      const place = this.workspace.place(uri);
      const lang = resolveLanguage(doc.languageId) ?? resolveLanguage(place.relPath);
      if (!s.enabled || !lang || isExcluded(place.relPath, s.exclude)) return this.publish(uri, gen, version, [], []);
      const text = doc.getText();
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > s.maxFileBytes) {
        const note = noticeDiagnostic(
          `CodeTune did not analyse this file: ${bytes.toLocaleString('en')} bytes is over the limit of ${s.maxFileBytes.toLocaleString('en')} (setting codetune.analysis.maxFileBytes).`,
        );
        return this.publish(uri, gen, version, [], [note]);
      }
      const suppressions = await this.workspace.suppressions(place.workspace).catch(() => new Map<string, string>());
      let findings = await this.service.analyze(text, lang, {
        file: place.relPath,
        minSeverity: s.minSeverity,
        ruleSets: s.enabledRuleSets,
        suppressions,
        rulePaths: s.rulePaths,
      });
      if (s.onlyChangedLines && place.fsPath) {
        const changed = await changedLines(place.fsPath);
        if (changed) findings = findings.filter((f) => rangeTouches(f, changed));
      }
      return this.publish(uri, gen, version, findings, findings.map((f) => toDiagnostic(f, uri, this.relatedSupported)));
    } catch (e) {
      // analysis must never take the editor down: log it, show nothing stale
      this.log.warn({ uri, err: e }, 'analysis failed');
      return this.publish(uri, gen, version, [], [noticeDiagnostic(`CodeTune analysis failed for this file: ${(e as Error).message}`)]);
    }
  }

  private async publish(uri: string, gen: number, version: number, findings: Finding[], diagnostics: import('vscode-languageserver/node').Diagnostic[]): Promise<boolean> {
    const st = this.docs.get(uri);
    const doc = this.documents.get(uri);
    if (!st || st.generation !== gen || !doc || doc.version !== version) return false;
    st.findings = findings;
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
    await this.summary(uri);
    return true;
  }

  private async summary(uri: string): Promise<void> {
    const zero = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const counts = zero();
    const totals = zero();
    for (const f of this.docs.get(uri)?.findings ?? []) counts[f.severity]++;
    for (const st of this.docs.values()) for (const f of st.findings) totals[f.severity]++;
    await this.connection.sendNotification(AnalysisDidChangeNotification.type, { uri, counts, totals });
  }

  private state(uri: string): DocState {
    let st = this.docs.get(uri);
    if (!st) {
      st = { generation: 0, findings: [] };
      this.docs.set(uri, st);
    }
    return st;
  }
}

function rangeTouches(f: Finding, lines: Set<number>): boolean {
  for (let l = f.range.start.line; l <= f.range.end.line; l++) if (lines.has(l)) return true;
  return false;
}
