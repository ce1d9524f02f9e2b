// Prompts as files on both dialects: export → import into an empty database → export is byte-identical;
// a changed file makes a new version; bad files are reported with file and line while good ones import;
// the starter library loads once.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, forEachDialect } from '../../support/db.js';
import { openRepositories } from '../../../server/src/db/open.js';
import { exportPrompts, importPrompts } from '../../../server/src/prompts/files/io.js';
import { loadStarterLibrary, starterDir } from '../../../server/src/prompts/files/starter.js';
import { silentLogger } from '../../../server/src/logger.js';
import { promptBody, services } from './support.js';

const STARTER = ['analyze', 'code-review', 'commit-message', 'docstring', 'explain', 'fix-diagnostic', 'generate', 'optimize', 'refactor', 'security-audit', 'summarize', 'unit-tests'];

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'codetune-prompts-'));
}

function readAll(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

forEachDialect('prompt files', (repos, dialect) => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const dir = () => {
    const d = tmp();
    dirs.push(d);
    return d;
  };

  it('round-trips: export, import into an empty database, export again gives the same bytes', async () => {
    const { prompts } = services(repos());
    await prompts.create(promptBody({ name: 'alpha', tags: ['b', 'a'], description: 'multi\nline: "quoted" {{not a var}}' }));
    await prompts.createVersion('alpha', { system_prompt: 'Second\n  indented\n\ttab  ', change_notes: 'two', deploy: false });
    await prompts.createVersion('alpha', { variables: [{ name: 'audience', type: 'enum', required: true, values: ['a', 'b'], description: 'who' }], user_prompt_template: '{{audience}} {{code}}', temperature: 0.9 });
    await prompts.create(promptBody({ name: 'beta', is_active: false, model_type: 'completion', cache_ttl_seconds: 60, few_shot_examples: [] }));
    await prompts.deploy('alpha', { version_number: 2 });
    const first = dir();
    const exported = await exportPrompts(repos(), first);
    assert.deepEqual(exported.files, ['alpha.prompt.yaml', 'beta.prompt.yaml']);

    const other = await freshDatabase(dialect);
    const repos2 = await openRepositories(other.target);
    try {
      const report = await importPrompts(services(repos2).prompts, first);
      assert.deepEqual(report.problems, []);
      assert.deepEqual(report.created, ['alpha', 'beta']);
      const second = dir();
      await exportPrompts(repos2, second);
      assert.deepEqual(readAll(second), readAll(first));
      assert.equal((await services(repos2).prompts.getDeployedVersion('alpha')).versionNumber, 2);
      // importing the same files again changes nothing
      const again = await importPrompts(services(repos2).prompts, first);
      assert.deepEqual([again.created, again.updated, again.unchanged], [[], [], ['alpha', 'beta']]);
    } finally {
      await repos2.close();
      await other.drop();
    }
  });

  it('turns an edited file into a new version and never rewrites one', async () => {
    const { prompts } = services(repos());
    await prompts.create(promptBody({ name: 'alpha' }));
    const d = dir();
    await exportPrompts(repos(), d);
    const file = join(d, 'alpha.prompt.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('Explain:', 'Explain in detail:').replace('description: Explains a piece of code', 'description: Explains code'));
    const report = await importPrompts(prompts, d);
    assert.deepEqual(report.updated, [{ name: 'alpha', new_versions: [2] }]);
    const versions = await prompts.listVersions('alpha');
    assert.equal(versions[0]?.user_prompt_template, promptBody().user_prompt_template, 'version 1 unchanged');
    assert.match(versions[1]?.user_prompt_template ?? '', /^Explain in detail:/);
    assert.match(versions[1]?.change_notes ?? '', /alpha\.prompt\.yaml/);
    assert.equal(versions[1]?.is_deployed, true, 'the edited version was the deployed one, so its successor is deployed');
    assert.equal((await prompts.details('alpha')).prompt.description, 'Explains code');
  });

  it('reports every bad file with its line and imports the good ones', async () => {
    const { prompts } = services(repos());
    const d = dir();
    writeFileSync(join(d, 'a-broken.prompt.yaml'), 'name: x\ncategory: analysis\nversions:\n  - version: 1\n    user_prompt_template: [unclosed\n');
    writeFileSync(join(d, 'b-category.prompt.yaml'), 'name: y\ncategory: poetry\nversions:\n  - version: 1\n    user_prompt_template: hi\n');
    writeFileSync(join(d, 'c-template.prompt.yaml'), 'name: z\ncategory: analysis\nversions:\n  - version: 1\n    user_prompt_template: "hello {{code"\n');
    writeFileSync(join(d, 'd-numbering.prompt.yaml'), 'name: w\ncategory: analysis\nversions:\n  - version: 1\n    user_prompt_template: a\n  - version: 3\n    user_prompt_template: b\n');
    writeFileSync(join(d, 'e-good.prompt.yaml'), 'name: good\ncategory: analysis\nversions:\n  - version: 1\n    deployed: true\n    user_prompt_template: "Look at {{code}}"\n');
    const report = await importPrompts(prompts, d);
    assert.deepEqual(report.created, ['good']);
    const where = report.problems.map((p) => `${p.file.split('/').pop()}:${p.line}`);
    assert.ok(where.some((w) => w.startsWith('a-broken.prompt.yaml:')), where.join(' '));
    assert.ok(where.includes('b-category.prompt.yaml:2'), where.join(' '));
    assert.ok(where.includes('c-template.prompt.yaml:5'), where.join(' '));
    assert.ok(where.includes('d-numbering.prompt.yaml:6'), where.join(' '));
    assert.match(report.problems.find((p) => p.file.endsWith('b-category.prompt.yaml'))!.message, /category 'poetry'/);
    assert.match(report.problems.find((p) => p.file.endsWith('c-template.prompt.yaml'))!.message, /unclosed/);
    assert.equal((await prompts.getDeployedVersion('good')).versionNumber, 1);
  });

  it('loads the starter library on first start only', async () => {
    const { prompts } = services(repos());
    const report = await loadStarterLibrary(prompts, silentLogger());
    assert.deepEqual(report?.problems, []);
    assert.deepEqual(report?.created.sort(), STARTER);
    await prompts.remove('explain', true);
    assert.equal(await loadStarterLibrary(prompts, silentLogger()), null);
    assert.equal((await prompts.list({ limit: 100 })).total, STARTER.length - 1);
  });

  it('ships starter prompts that declare variables, have examples, and render', async () => {
    const { prompts } = services(repos());
    await loadStarterLibrary(prompts, silentLogger());
    for (const name of STARTER) {
      const v = await prompts.getDeployedVersion(name);
      assert.ok(v.variables.length >= 2, `${name} declares its variables`);
      assert.ok(v.fewShotExamples.length >= 1, `${name} has few-shot examples`);
      const values: Record<string, unknown> = { code: 'x = 1', language: 'python' };
      for (const spec of v.variables) if (spec.required && values[spec.name] === undefined) values[spec.name] = 'value';
      const r = prompts.renderVersion(v, values);
      assert.ok(r.text.includes('x = 1'), `${name} renders the code`);
    }
    const audit = await prompts.getDeployedVersion('security-audit');
    assert.match(audit.systemPrompt, /"findings"/);
    for (const e of audit.fewShotExamples) {
      const parsed = JSON.parse(e.output) as { findings: { rule_id: string; severity: string; cwe: number; line: number; end_line: number }[] };
      for (const f of parsed.findings) {
        assert.ok(['critical', 'high', 'medium', 'low', 'info'].includes(f.severity));
        assert.equal(typeof f.cwe, 'number');
        assert.ok(f.end_line >= f.line);
      }
    }
  });
});

describe('starter library files', () => {
  it('are in the canonical export format (exporting a fresh library reproduces them byte for byte)', async () => {
    const db = await freshDatabase('sqlite');
    const repos = await openRepositories(db.target);
    const out = tmp();
    try {
      await loadStarterLibrary(services(repos).prompts, silentLogger());
      await exportPrompts(repos, out);
      assert.deepEqual(readAll(out), readAll(starterDir()));
    } finally {
      await repos.close();
      await db.drop();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
