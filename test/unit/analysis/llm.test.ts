// The LLM side of the finding shape: tolerant parsing with problems reported, and de-duplication.
import assert from 'node:assert/strict';
import { mergeFindings, parseLlmFindings } from '../../../server/src/analysis/llm.js';
import { Analyzer } from '../../../server/src/analysis/engine.js';
import { loadRules } from '../../../server/src/analysis/rules/load.js';

const GOOD = {
  findings: [
    { rule_id: 'sqli', title: 'SQL injection', severity: 'High', cwe: 'CWE-89', line: 3, end_line: 3, message: 'id reaches the query', fix: "db.query('… ?', [id]);" },
    { rule_id: 'weak-hash', title: 'MD5', severity: 'moderate', cwe: 328, line: '7', message: 'md5 used for passwords' },
  ],
};

describe('parseLlmFindings', () => {
  it('reads the JSON inside ```json fences with prose around it', () => {
    const answer = `Here is what I found:\n\n\`\`\`json\n${JSON.stringify(GOOD, null, 2)}\n\`\`\`\nLet me know if you need more.`;
    const { findings, problems } = parseLlmFindings(answer, 'src/a.js');
    assert.deepEqual(problems, []);
    assert.equal(findings.length, 2);
    const [a, b] = findings;
    assert.equal(a!.ruleId, 'llm.sqli');
    assert.equal(a!.cwe, 'CWE-89');
    assert.equal(a!.severity, 'high');
    assert.equal(a!.source, 'llm');
    assert.equal(a!.message, 'SQL injection: id reaches the query');
    assert.deepEqual(a!.range.start, { line: 2, character: 0 });
    assert.deepEqual(a!.fix!.range, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } });
    assert.equal(a!.fix!.text, "db.query('… ?', [id]);\n");
    assert.equal(b!.severity, 'medium');
    assert.equal(b!.cwe, 'CWE-328');
    assert.equal(b!.range.start.line, 6);
    assert.notEqual(a!.fingerprint, b!.fingerprint);
  });

  it('reads bare JSON with a trailing comma and reports each malformed entry', () => {
    const answer = `{"findings": [
      {"rule_id": "x", "title": "No line", "severity": "high", "cwe": 79},
      {"rule_id": "y", "title": "Bad severity", "severity": "apocalyptic", "cwe": "seventy-nine", "line": 4, "end_line": 2},
      "not an object",
    ]}`;
    const { findings, problems } = parseLlmFindings(answer, 'a.py');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.severity, 'medium');
    assert.equal(findings[0]!.cwe, 'CWE-unknown');
    assert.equal(findings[0]!.range.end.line, 3);
    assert.deepEqual(problems.map((p) => p.replace(/:.*/, '')), ['finding 1', 'finding 2', 'finding 2', 'finding 2', 'finding 3']);
    assert.match(problems[0]!, /"line" must be a line number/);
  });

  it('says so when there is no JSON or no findings list', () => {
    assert.match(parseLlmFindings('I could not find any issues.', 'a').problems[0]!, /no JSON object/);
    assert.match(parseLlmFindings('{"issues": []}', 'a').problems[0]!, /no "findings" list/);
    assert.match(parseLlmFindings('```json\n{"findings": [\n```', 'a').problems[0]!, /does not parse/);
  });
});

describe('mergeFindings', () => {
  it('drops LLM findings that repeat a static one (same CWE, overlapping lines) and keeps the rest', async () => {
    const text = `app.get('/u', (req, res) => {\n  const id = req.query.id;\n  db.query('SELECT * FROM users WHERE id = ' + id);\n});\n`;
    const stat = await new Analyzer(loadRules()).analyze(text, 'src/a.js');
    const { findings: llm } = parseLlmFindings(JSON.stringify(GOOD), 'src/a.js');
    const merged = mergeFindings(stat, llm);
    assert.deepEqual(merged.map((f) => [f.source, f.cwe]), [['static', 'CWE-89'], ['llm', 'CWE-328']]);
  });
});
