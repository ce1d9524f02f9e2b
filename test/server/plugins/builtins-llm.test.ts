// The model-backed built-ins against the local protocol servers: WhiteRabbitNeo on a TGI-speaking Space,
// CodeT5+ on the Space, the OpenAI code analyzer and the Anthropic code suggester, and the deep scan.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { forEachDialect } from '../../support/db.js';
import { lspPair, type LspPair } from '../../support/lsp.js';
import { start, type FakeServer } from '../../fakes/index.js';
import { DeepScanRequest, type Finding } from '../../../shared/src/protocol/analysis.js';
import { deepScan, deepScanFeature } from '../../../server/src/plugins/deepscan.js';
import type { DaemonContext } from '../../../server/src/context.js';
import type { PluginsService } from '../../../server/src/plugins/service.js';
import type { UserError } from '../../../server/src/util/errors.js';
import { tempDir } from '../../unit/plugins/support.js';
import { fast, pluginHarness, seedLibrary } from './harness.js';

const SECURITY_ANSWER = JSON.stringify({
  findings: [{ rule_id: 'missing-authz', title: 'Missing authorization', severity: 'high', cwe: 'CWE-862', line: 2, message: 'any caller can read any row by id' }],
});
const reply = (prompt: string) => (prompt.startsWith('Audit this') ? SECURITY_ANSWER : `answer to ${prompt.split('\n')[0]}`);

forEachDialect('built-in llm and codegen plugins', (repos) => {
  let space: FakeServer;
  let openai: FakeServer;
  let anthropic: FakeServer;
  let service: PluginsService;
  let ctx: DaemonContext;
  let pair: LspPair | undefined;

  beforeEach(async () => {
    [space, openai, anthropic] = await Promise.all([start({ protocol: 'tgi', reply }), start({ protocol: 'openai', reply }), start({ protocol: 'anthropic', reply })]);
    await seedLibrary(repos());
    ({ service, ctx } = await pluginHarness(repos(), [
      { id: 'wrn', provider: 'hf', model: 'WhiteRabbitNeo/WhiteRabbitNeo-33B-v1.5', baseUrl: space.url, limits: fast },
      { id: 'codet5', provider: 'hf', model: 'Salesforce/codet5p-770m', baseUrl: space.url, limits: fast },
      { id: 'gpt', provider: 'openai', model: 'gpt-4o-mini', baseUrl: openai.url, limits: fast },
      { id: 'claude', provider: 'anthropic', model: 'claude-sonnet', baseUrl: anthropic.url, limits: fast },
    ]));
  });
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
    await service.stop();
    await Promise.all([space.stop(), openai.stop(), anthropic.stop()]);
  });

  const bodies = (fake: FakeServer) => fake.calls.map((c) => JSON.stringify(c.body));

  it('WhiteRabbitNeo runs the deployed library prompt on the Space and records the execution', async () => {
    const r = await service.runTask('whiterabbitneo', 'analyze', { code: 'print(1)', language: 'python', path: 'main.py' });
    const out = r.result as unknown as { output: string; model: string; executionId: number };
    assert.equal(out.model, 'wrn');
    assert.match(out.output, /answer to Analyze this code from main\.py \(focus: all\)/);
    assert.ok(bodies(space).some((b) => b.includes('Analyze this code from main.py') && b.includes('print(1)')), 'the Space got the rendered prompt');
    const row = await repos().history.get(out.executionId);
    assert.equal(row?.success, true);
    assert.equal(row?.modelUsed, 'wrn');
    assert.equal(openai.calls.length + anthropic.calls.length, 0);
  });

  it('WhiteRabbitNeo security yields llm findings merged with the static ones', async () => {
    const code = 'const id = req.query.id;\ndb.query("select * from t where id=" + id);\neval(id);\n';
    const r = await service.runTask('whiterabbitneo', 'security', { code, language: 'javascript', path: 'src/app.js' });
    const findings = (r.result as unknown as { findings: Finding[] }).findings;
    const llm = findings.filter((f) => f.source === 'llm');
    assert.equal(llm.length, 1);
    assert.equal(llm[0]!.cwe, 'CWE-862');
    assert.equal(llm[0]!.range.start.line, 1);
    assert.equal(llm[0]!.file, 'src/app.js');
    assert.ok(findings.some((f) => f.source === 'static' && f.cwe === 'CWE-94'), 'the static eval finding is merged in');
    assert.ok(findings.some((f) => f.source === 'static' && f.cwe === 'CWE-89'), 'and the static SQL injection');
  });

  it('answers codetune/analysis/deepScan for a selection, in document coordinates', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.js');
    writeFileSync(file, '// header\n// more\nconst id = req.query.id;\ndb.query("select " + id);\n');
    pair = lspPair(ctx, [deepScanFeature]);
    await pair.initialize();
    const res = await pair.client.sendRequest(DeepScanRequest.type, {
      uri: pathToFileURL(file).href,
      range: { start: { line: 2, character: 0 }, end: { line: 3, character: 30 } },
    });
    const llm = res.findings.find((f) => f.source === 'llm');
    assert.ok(llm, JSON.stringify(res));
    assert.equal(llm.range.start.line, 3, 'line 2 of the selection is line 4 of the file (0-based 3)');
    assert.equal(llm.cwe, 'CWE-862');
    assert.ok(res.findings.some((f) => f.source === 'static' && f.range.start.line === 3), 'static findings are shifted too');
    assert.deepEqual(res.problems, []);
    assert.ok(bodies(space).some((b) => b.includes('Audit this javascript code') && b.includes('req.query.id') && !b.includes('// header')), 'only the selection was sent');
  });

  it('CodeT5+ generates, completes (raw prefix), summarizes and writes tests on its model', async () => {
    const gen = (await service.runTask('codet5p', 'generate', { description: 'parse a CSV line', language: 'python' })).result as unknown as { output: string; model: string };
    assert.equal(gen.model, 'codet5');
    assert.match(gen.output, /answer to Write python code that does the following:/);
    const comp = (await service.runTask('codet5p', 'complete', { code: 'def add(a, b):\n    return', language: 'python' })).result as unknown as { output: string };
    assert.match(comp.output, /answer to def add\(a, b\):/);
    assert.ok(bodies(space).at(-1)!.includes('def add(a, b):') && !bodies(space).at(-1)!.includes('careful'), 'complete sends the code itself, no prompt around it');
    assert.match(((await service.runTask('codet5p', 'summarize', { code: 'x = 1', path: 'x.py' })).result as unknown as { output: string }).output, /answer to Summarize x\.py:/);
    assert.match(((await service.runTask('codet5p', 'tests', { code: 'def f(): pass', language: 'python', path: 'f.py', framework: 'pytest' })).result as unknown as { output: string }).output, /answer to Write unit tests for this python code from f\.py:/);
    assert.ok(bodies(space).at(-1)!.includes('pytest'), 'the framework reaches the prompt');
    await assert.rejects(service.runTask('codet5p', 'generate', { language: 'go' }), (e: UserError) => e.code === 'bad_request' && /input\.description/.test(e.message));
  });

  it('the OpenAI code analyzer reviews through OpenAI with the key, the Anthropic suggester refactors through Anthropic', async () => {
    const review = (await service.runTask('openai-analyzer', 'code-review', { code: 'let a = 1' })).result as unknown as { output: string; model: string };
    assert.equal(review.model, 'gpt');
    assert.match(review.output, /answer to Intent of the change:/);
    assert.equal(openai.calls.at(-1)!.headers.authorization, 'Bearer sk-test');
    const refactor = (await service.runTask('anthropic-suggester', 'refactor', { code: 'let a = 1' })).result as unknown as { output: string; model: string };
    assert.equal(refactor.model, 'claude');
    assert.match(refactor.output, /answer to Refactor this code:/);
    const fix = (await service.runTask('anthropic-suggester', 'fix', { code: 'x = eval(s)', path: 'a.py', description: 'CWE-94 eval of input on line 1' })).result as unknown as { output: string };
    assert.match(fix.output, /answer to Diagnostics in a\.py:/);
    assert.ok(JSON.stringify(anthropic.calls.at(-1)!.body).includes('CWE-94 eval of input'), 'the diagnostics reach the fix-diagnostic prompt');
    assert.equal(anthropic.calls.at(-1)!.path, '/v1/messages');
  });

  it('says which model to configure when none fits, and which prompt is missing', async () => {
    await service.registry.setSettings('whiterabbitneo', { model: 'nope' });
    await assert.rejects(service.runTask('whiterabbitneo', 'optimize', { code: 'x' }), (e: UserError) => e.code === 'not_found' && /No model "nope"/.test(e.message));
    await service.registry.setSettings('whiterabbitneo', {});
    const v = await repos().prompts.getByName('optimize');
    await repos().prompts.hardDelete(v!.id);
    await assert.rejects(service.runTask('whiterabbitneo', 'optimize', { code: 'x' }), (e: UserError) => e.code === 'not_found' && /no prompt named "optimize"/.test(e.message));
  });

  it('the deep scan falls back to another security plugin when WhiteRabbitNeo has no model', async () => {
    await service.stop();
    ({ service, ctx } = await pluginHarness(repos(), [{ id: 'gpt', provider: 'openai', model: 'gpt-4o-mini', baseUrl: openai.url, limits: fast }]));
    const res = await deepScan(ctx, { uri: 'file:///w/app.js', text: 'const a = 1;\nconst b = req.query.b;\n', language: 'javascript' });
    assert.equal(res.findings.find((f) => f.source === 'llm')?.cwe, 'CWE-862');
    assert.ok(openai.calls.some((c) => JSON.stringify(c.body).includes('Audit this javascript code')), 'the OpenAI analyzer ran the audit');
    assert.equal(space.calls.length, 0);
  });
});
