// Engine behaviour beyond the corpus: bad rule files, suppressions, fingerprints, bad input.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../../../server/src/analysis/engine.js';
import { loadRules } from '../../../server/src/analysis/rules/load.js';

const analyzer = new Analyzer(loadRules());

const VULN = `app.get('/u', (req, res) => {
  const id = req.query.id;
  db.query('SELECT * FROM users WHERE id = ' + id);
});
`;

describe('analysis engine', () => {
  it('reports a taint finding with its source → sink path', async () => {
    const [f] = await analyzer.analyze(VULN, 'src/app.js');
    assert.ok(f);
    assert.equal(f.ruleId, 'js.sql-injection');
    assert.equal(f.cwe, 'CWE-89');
    assert.equal(f.severity, 'critical');
    assert.equal(f.source, 'static');
    assert.equal(f.range.start.line, 2);
    assert.deepEqual(
      f.taintPath!.map((s) => [s.range.start.line, s.label]),
      [
        [1, 'source: req.query.id'],
        [1, 'flows into `id`'],
        [2, "sink: db.query('SELECT * FROM users WHERE id …"],
      ],
    );
  });

  it('keeps the fingerprint when lines are inserted above, and changes it with the code', async () => {
    const [a] = await analyzer.analyze(VULN, 'src/app.js');
    const [b] = await analyzer.analyze(`// header\n\n${VULN}`, 'src/app.js');
    const [c] = await analyzer.analyze(VULN.replace('users', 'accounts'), 'src/app.js');
    const [d] = await analyzer.analyze(VULN, 'src/other.js');
    assert.equal(a!.fingerprint, b!.fingerprint);
    assert.notEqual(a!.fingerprint, c!.fingerprint);
    assert.notEqual(a!.fingerprint, d!.fingerprint);
    assert.notEqual(a!.range.start.line, b!.range.start.line);
  });

  it('honours codetune-ignore on the line or the line above, for the named rule only', async () => {
    const above = VULN.replace("  db.query", '  // codetune-ignore js.sql-injection: id is checked by the router\n  db.query');
    assert.deepEqual(await analyzer.analyze(above, 'a.js'), []);
    const [kept] = await analyzer.analyze(above, 'a.js', { includeSuppressed: true });
    assert.deepEqual(kept!.suppressed, { kind: 'inline', reason: 'id is checked by the router' });
    const other = VULN.replace("  db.query", '  // codetune-ignore js.xss: wrong rule\n  db.query');
    assert.equal((await analyzer.analyze(other, 'a.js')).length, 1);
    const sameLine = VULN.replace("+ id);", '+ id); // codetune-ignore CWE-89: reviewed');
    assert.deepEqual(await analyzer.analyze(sameLine, 'a.js'), []);
  });

  it('drops findings suppressed in the workspace list by fingerprint', async () => {
    const [f] = await analyzer.analyze(VULN, 'a.js');
    const list = new Map([[f!.fingerprint, 'accepted risk']]);
    assert.deepEqual(await analyzer.analyze(VULN, 'a.js', { suppressions: list }), []);
    const [kept] = await analyzer.analyze(VULN, 'a.js', { suppressions: list, includeSuppressed: true });
    assert.equal(kept!.suppressed!.kind, 'workspace');
  });

  it('filters by minimum severity and rule set', async () => {
    const text = `const h = crypto.createHash('md5');\n${VULN}`;
    assert.deepEqual((await analyzer.analyze(text, 'a.js')).map((f) => f.cwe).sort(), ['CWE-328', 'CWE-89']);
    assert.deepEqual((await analyzer.analyze(text, 'a.js', { minSeverity: 'high' })).map((f) => f.cwe), ['CWE-89']);
    assert.deepEqual((await analyzer.analyze(text, 'a.js', { ruleSets: ['crypto'] })).map((f) => f.cwe), ['CWE-328']);
  });

  it("offers the rule's fix with metavariables filled in", async () => {
    const [f] = await analyzer.analyze("const h = nodeCrypto.createHash('md5');\n", 'a.ts');
    assert.equal(f!.fix!.text, "nodeCrypto.createHash('sha256')");
  });

  it('finds secrets with secretlint as CWE-798', async () => {
    const text = `const token = "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";\n`;
    const f = (await analyzer.analyze(text, 'a.py')).find((x) => x.ruleId.startsWith('secretlint/'));
    assert.ok(f);
    assert.equal(f.cwe, 'CWE-798');
    assert.ok(!f.message.includes('ghp_wWPw5k4a'), 'the secret is masked in the message');
  });

  it('survives input that does not parse, invalid UTF-8 and binary noise', async () => {
    const broken = 'function f(req) {{{ db.query("x" + req.query.a) ;; ))) \n';
    assert.ok(Array.isArray(await analyzer.analyze(broken, 'a.js')));
    const invalid = Buffer.from([0x64, 0x62, 0xff, 0xfe, 0x2e, 0x71, 0x0a]).toString('utf8');
    assert.ok(Array.isArray(await analyzer.analyze(invalid, 'a.py')));
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    for (const lang of ['a.c', 'a.go', 'a.php', 'a.rb', 'a.cs', 'a.java']) assert.ok(Array.isArray(await analyzer.analyze(noise, lang)));
  });

  it('returns nothing for languages it does not know', async () => {
    assert.deepEqual(await analyzer.analyze('x', 'README.md'), []);
  });
});

describe('rule loading', () => {
  it('reports a bad rule once with file and reason, and keeps the good ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codetune-rules-'));
    writeFileSync(
      join(dir, 'team.yml'),
      `rules:
  - id: team.no-debugger
    languages: [javascript]
    cwe: 489
    severity: low
    message: Remove debugger statements.
    rule: { kind: debugger_statement }
  - id: team.broken
    languages: [python]
    cwe: 94
    severity: high
    message: Broken pattern.
    rule: { pattern: 'def (((' }
  - id: team.bad-kind
    languages: [go]
    cwe: 1
    severity: urgent
    message: x
    rule: { kind: nope }
`,
    );
    writeFileSync(join(dir, 'junk.yaml'), 'rules: [\n');
    const loaded = loadRules([dir], false);
    assert.deepEqual(loaded.rules.map((r) => r.id), ['team.no-debugger']);
    assert.equal(loaded.problems.length, 3, loaded.problems.join('\n'));
    assert.match(loaded.problems.find((p) => p.includes('team.broken'))!, /team\.yml: rule team\.broken: .*does not parse as python/);
    assert.match(loaded.problems.find((p) => p.includes('team.bad-kind'))!, /"severity" must be one of/);
    assert.match(loaded.problems.find((p) => p.includes('junk.yaml'))!, /not valid YAML/);
    const a = new Analyzer(loaded);
    return a.analyze('function f() { debugger; }', 'x.js').then((fs) => assert.deepEqual(fs.map((f) => f.ruleId), ['team.no-debugger']));
  });

  it('reports a missing rule folder instead of failing', () => {
    const loaded = loadRules(['/nonexistent/codetune-rules'], false);
    assert.equal(loaded.rules.length, 0);
    assert.match(loaded.problems[0]!, /cannot read the rule folder/);
  });
});
