// Several daemon processes on one SQLite file creating versions of the same prompt at once: BEGIN
// IMMEDIATE must give contiguous, unique numbers, and execution counters must lose no count.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseTarget } from '../../../server/src/config/load.js';
import { openRepositories } from '../../../server/src/db/open.js';
import { PromptService } from '../../../server/src/prompts/service.js';
import { promptBody } from './support.js';

function writer(file: string, promptId: number, count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/prompts/version-writer.ts', file, String(promptId), String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`writer exited ${code}: ${err}`));
      resolve((JSON.parse(out.trim().split('\n').pop()!) as { numbers: number[] }).numbers);
    });
  });
}

describe('prompt versions from several processes on one SQLite file', function () {
  this.timeout(120000);
  it('numbers them contiguously and counts every execution', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codetune-prompts-mp-'));
    const file = join(dir, 'shared.db');
    try {
      const repos = await openRepositories(parseDatabaseTarget(file, dir));
      const { prompt, deployed_version } = await new PromptService(repos).create(promptBody());
      await repos.close();
      const results = await Promise.all([writer(file, prompt.id, 40), writer(file, prompt.id, 40), writer(file, prompt.id, 40)]);
      const all = results.flat().sort((a, b) => a - b);
      assert.deepEqual(all, Array.from({ length: 120 }, (_, i) => i + 2));
      for (const r of results) assert.deepEqual(r, [...r].sort((a, b) => a - b), 'each process sees increasing numbers');
      const check = await openRepositories(parseDatabaseTarget(file, dir));
      try {
        const v1 = await check.prompts.getVersion(deployed_version!.id);
        assert.equal(v1?.testExecutions, 120);
        assert.ok(Math.abs((v1?.testSuccessRate ?? 0) - 0.5) < 1e-9);
        assert.equal((await check.prompts.get(prompt.id))?.usageCount, 120);
      } finally {
        await check.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
