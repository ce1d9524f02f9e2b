// `codetune prompts export|import` in-process (the commander command users run), on a SQLite data dir.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promptsCommand } from '../../../server/src/prompts/files/command.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  process.exitCode = 0;
  try {
    await promptsCommand().exitOverride().parseAsync(args, { from: 'user' });
    return { code: Number(process.exitCode ?? 0), out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = 0;
  }
}

describe('codetune prompts export|import', function () {
  this.timeout(30000);
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'codetune-cli-prompts-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('imports a folder, reports FILE:LINE for a bad file with exit 1, and exports it back', async () => {
    const data = tmp();
    const folder = tmp();
    writeFileSync(join(folder, 'good.prompt.yaml'), 'name: good\ncategory: analysis\nversions:\n  - version: 1\n    deployed: true\n    user_prompt_template: "Check {{code}}"\n');
    writeFileSync(join(folder, 'bad.prompt.yaml'), 'name: bad\ncategory: analysis\nversions:\n  - version: 1\n    user_prompt_template: "{{code"\n');
    const imported = await run(['import', folder, '--data-dir', data]);
    assert.equal(imported.code, 1);
    assert.match(imported.out, /^created {3}good$/m);
    assert.match(imported.out, new RegExp(`${join(folder, 'bad.prompt.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5: user_prompt_template: unclosed`));
    assert.match(imported.out, /1 created, 0 updated, 0 unchanged, 1 files refused/);
    const out = tmp();
    const exported = await run(['export', out, '--data-dir', data, '--json']);
    assert.equal(exported.code, 0);
    assert.deepEqual(JSON.parse(exported.out).files, ['good.prompt.yaml']);
  });

  it('fails with one clear line for a missing folder', async () => {
    const r = await run(['import', join(tmp(), 'missing'), '--data-dir', tmp()]);
    assert.equal(r.code, 1);
    assert.match(r.err, /^codetune: Cannot read the import folder .*missing/);
  });
});
