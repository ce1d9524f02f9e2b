// Code lenses over functions and classes: "Analyze · Security · Tests", each a command the extension
// runs with the function's range. One parse per document version, cached.
import type { CodeLens, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYSIS_COMMANDS } from '../../../../shared/src/protocol/analysis.js';
import { resolveLanguage } from '../languages.js';
import type { AnalysisService } from '../service.js';
import type { SettingsCache } from './settings.js';

const LENSES: Record<string, { title: string; command: string }> = {
  analyze: { title: 'Analyze', command: ANALYSIS_COMMANDS.analyze },
  securityAudit: { title: 'Security', command: ANALYSIS_COMMANDS.securityAudit },
  generateTests: { title: 'Tests', command: ANALYSIS_COMMANDS.generateTests },
};

export class LensProvider {
  private readonly cache = new Map<string, { version: number; lenses: CodeLens[] }>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: AnalysisService,
    private readonly settings: SettingsCache,
  ) {}

  async provide(uri: string): Promise<CodeLens[]> {
    const doc = this.documents.get(uri);
    if (!doc) return [];
    const { lens, analysis } = await this.settings.get(uri);
    if (!lens.enabled || doc.getText().length > analysis.maxFileBytes) return [];
    const hit = this.cache.get(uri);
    if (hit && hit.version === doc.version) return hit.lenses;
    const chosen = lens.commands.map((c) => LENSES[c]).filter((c): c is (typeof LENSES)[string] => !!c);
    const lenses: CodeLens[] = [];
    for (const u of this.service.units(doc.getText(), resolveLanguage(doc.languageId) ? doc.languageId : uri)) {
      const at = { start: u.range.start, end: u.range.start };
      const arg = { uri, range: u.range, name: u.name, kind: u.kind, languageId: doc.languageId };
      for (const c of chosen) lenses.push({ range: at, command: { title: c.title, command: c.command, arguments: [arg] } });
    }
    this.cache.set(uri, { version: doc.version, lenses });
    return lenses;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
