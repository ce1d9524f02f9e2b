// The analysis feature over a real LSP connection: diagnostics on open and change, settings pulled with
// workspace/configuration, code actions, the workspace suppression command, code lenses, big files.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  PublishDiagnosticsNotification,
  WorkspaceFoldersRequest,
  type CodeAction,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { AnalysisDidChangeNotification, ANALYSIS_COMMANDS, type AnalysisSummaryParams, type Finding } from '../../../shared/src/protocol/index.js';
import { analysisFeature } from '../../../server/src/analysis/lsp/feature.js';
import { forEachDialect } from '../../support/db.js';
import { testContext } from '../../support/daemon.js';
import { lspPair, type LspPair } from '../../support/lsp.js';

const VULN = `app.get('/u', (req, res) => {
  const id = req.query.id;
  db.query('SELECT * FROM users WHERE id = ' + id);
});
`;

forEachDialect('analysis LSP feature', (repos) => {
  let pair: LspPair;
  let settings: Record<string, unknown>;
  let folder: string;
  let published: PublishDiagnosticsParams[];
  let waiters: ((p: PublishDiagnosticsParams) => void)[];

  const nextDiagnostics = (uri: string) =>
    new Promise<PublishDiagnosticsParams>((resolve) => {
      waiters.push((p) => (p.uri === uri ? resolve(p) : undefined));
    });

  async function start(extra: Record<string, unknown> = {}) {
    settings = { debounceMs: 0, ...extra };
    folder = mkdtempSync(join(tmpdir(), 'codetune-ws-'));
    published = [];
    waiters = [];
    pair = lspPair(testContext(repos()), [analysisFeature]);
    pair.client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
      for (const w of waiters) w(p);
    });
    pair.client.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'codetune.analysis' ? settings : { enabled: true })));
    pair.client.onRequest(WorkspaceFoldersRequest.type, () => [{ uri: pathToFileURL(folder).href, name: 'ws' }]);
    const init = await pair.initialize({
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { relatedInformation: true } },
    });
    return init;
  }

  async function open(name: string, text: string, languageId = 'javascript') {
    const uri = pathToFileURL(join(folder, name)).href;
    const got = nextDiagnostics(uri);
    await pair.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return { uri, diags: (await got).diagnostics };
  }

  afterEach(async () => pair?.close());

  it('publishes findings on open with severity, CWE link and the taint path', async () => {
    const init = await start();
    assert.ok(init.capabilities.codeActionProvider);
    assert.ok(init.capabilities.codeLensProvider);
    const summary = new Promise<AnalysisSummaryParams>((r) => pair.client.onNotification(AnalysisDidChangeNotification.type, r));
    const { uri, diags } = await open('src/app.js', VULN);
    assert.equal(diags.length, 1);
    const d = diags[0]!;
    assert.equal(d.code, 'CWE-89');
    assert.equal(d.codeDescription?.href, 'https://cwe.mitre.org/data/definitions/89.html');
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'codetune');
    assert.match(String(d.message), /js\.sql-injection/);
    assert.deepEqual(d.relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line]), [[uri, 1], [uri, 1], [uri, 2]]);
    const s = await summary;
    assert.equal(s.uri, uri);
    assert.equal(s.counts.critical, 1);
    assert.equal((d.data as { finding: Finding }).finding.file, 'src/app.js');
  });

  it('re-analyses on change and clears fixed findings; only the latest version is published', async () => {
    // a real debounce window: with 0 ms a loaded machine may finish version 2 before version 3 is even read
    await start({ debounceMs: 200 });
    const { uri } = await open('a.js', VULN);
    const fixed = VULN.replace("'SELECT * FROM users WHERE id = ' + id", "'SELECT * FROM users WHERE id = ?', [id]");
    const got = nextDiagnostics(uri);
    await pair.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: VULN + '\n' }] });
    await pair.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixed }] });
    const p = await got;
    assert.equal(p.version, 3, 'the superseded version 2 was never published');
    assert.deepEqual(p.diagnostics, []);
  });

  it('applies minSeverity, enabledRuleSets and exclude from workspace/configuration', async () => {
    await start({ minSeverity: 'high', exclude: ['vendor/**'] });
    const text = `const h = crypto.createHash('md5');\n${VULN}`;
    assert.deepEqual((await open('a.js', text)).diags.map((d) => d.code), ['CWE-89']);
    assert.deepEqual((await open('vendor/lib.js', text)).diags, []);
    settings = { debounceMs: 0, enabledRuleSets: ['crypto'] };
    await new Promise((r) => setTimeout(r, 3100)); // settings are cached per document for 3 s
    assert.deepEqual((await open('b.js', text)).diags.map((d) => d.code), ['CWE-328']);
  });

  it('offers fix, inline suppression, workspace suppression and the AI commands', async () => {
    await start();
    const text = `const h = crypto.createHash('md5');\n`;
    const { uri, diags } = await open('c.js', text);
    const actions = (await pair.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diags[0]!.range,
      context: { diagnostics: diags },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, [
      "Replace with `crypto.createHash('sha256')`",
      'Suppress js.weak-hash with a codetune-ignore comment',
      'Suppress js.weak-hash in this workspace',
      'Explain with AI',
      'Fix with AI',
    ]);
    assert.equal(actions[0]!.edit!.changes![uri]![0]!.newText, "crypto.createHash('sha256')");
    assert.equal(actions[1]!.edit!.changes![uri]![0]!.newText, '// codetune-ignore js.weak-hash: reviewed, not exploitable\n');
    assert.equal(actions[3]!.command!.command, ANALYSIS_COMMANDS.explainFinding);
    assert.equal((actions[4]!.command!.arguments![0] as { finding: Finding }).finding.ruleId, 'js.weak-hash');

    const cleared = nextDiagnostics(uri);
    await pair.client.sendRequest(ExecuteCommandRequest.type, { command: actions[2]!.command!.command, arguments: actions[2]!.command!.arguments });
    assert.deepEqual((await cleared).diagnostics, []);
    const stored = await repos().suppressions.list(folder);
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.ruleId, 'js.weak-hash');
    assert.equal(stored[0]!.filePath, 'c.js');
  });

  it('gives a too-large file one informational diagnostic instead of analysing it', async () => {
    await start({ maxFileBytes: 1000 });
    const { diags } = await open('big.js', VULN.repeat(100));
    assert.equal(diags.length, 1);
    assert.equal((diags[0] as Diagnostic).severity, 3);
    assert.match(String(diags[0]!.message), /over the limit of 1,000 .*codetune\.analysis\.maxFileBytes/);
  });

  it('puts Analyze · Security · Tests lenses on functions and classes', async () => {
    await start();
    const { uri } = await open('d.py', 'class A:\n    def run(self):\n        return 1\n\ndef helper(x):\n    return x\n', 'python');
    const lenses = (await pair.client.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))!;
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command!.title, l.command!.command]),
      [
        [0, 'Analyze', 'codetune.analyze'], [0, 'Security', 'codetune.securityAudit'], [0, 'Tests', 'codetune.generateTests'],
        [1, 'Analyze', 'codetune.analyze'], [1, 'Security', 'codetune.securityAudit'], [1, 'Tests', 'codetune.generateTests'],
        [4, 'Analyze', 'codetune.analyze'], [4, 'Security', 'codetune.securityAudit'], [4, 'Tests', 'codetune.generateTests'],
      ],
    );
    assert.deepEqual((lenses[6]!.command!.arguments![0] as { range: { end: { line: number } } }).range.end.line, 5);
  });
});
