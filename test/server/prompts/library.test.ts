// Contract of the prompt library on both dialects: CRUD, versions, deploy/rollback, diff, delete, render.
import assert from 'node:assert/strict';
import { forEachDialect } from '../../support/db.js';
import { promptBody, rejectsWith, services } from './support.js';

forEachDialect('prompt library', (repos) => {
  it('creates a prompt with version 1 deployed', async () => {
    const { prompts } = services(repos());
    const d = await prompts.create(promptBody());
    assert.equal(d.prompt.name, 'explain-code');
    assert.deepEqual(d.prompt.tags, ['beginner', 'explain']);
    assert.equal(d.latest_version_number, 1);
    assert.equal(d.deployed_version?.version_number, 1);
    assert.equal(d.prompt.current_version_id, d.deployed_version?.id);
    assert.equal(d.created_version?.id, d.deployed_version?.id);
    assert.deepEqual(d.deployed_version?.variables, promptBody().variables);
    assert.deepEqual((await prompts.details('explain-code')).prompt.id, d.prompt.id);
  });

  it('refuses a duplicate name (conflict naming it), an invalid category and a bad template, writing nothing', async () => {
    const { prompts } = services(repos());
    await prompts.create(promptBody());
    await rejectsWith(prompts.create(promptBody()), 'conflict', "'explain-code'");
    await rejectsWith(prompts.create(promptBody({ name: 'x', category: 'poetry' })), 'validation_failed', 'category', 'poetry');
    await rejectsWith(prompts.create(promptBody({ name: 'y', user_prompt_template: 'a\n {{code' })), 'validation_failed', 'user_prompt_template', 'line 2, column 2');
    await rejectsWith(prompts.create(promptBody({ name: 'z', user_prompt_template: '{{nope}}' })), 'validation_failed', "'nope'");
    await rejectsWith(prompts.create(promptBody({ name: 'big', user_prompt_template: 'x'.repeat(5 * 1024 * 1024) })), 'validation_failed', 'user_prompt_template');
    const all = await prompts.list({});
    assert.deepEqual(all.items.map((p) => p.name), ['explain-code']);
  });

  it('answers not_found for unknown ids and names', async () => {
    const { prompts } = services(repos());
    await rejectsWith(prompts.details(999), 'not_found', '999');
    await rejectsWith(prompts.details('missing'), 'not_found', "'missing'");
    await rejectsWith(prompts.getVersion(12345), 'not_found', '12345');
  });

  it('makes a version for content edits only, and none for metadata or unchanged content', async () => {
    const { prompts } = services(repos());
    const { prompt } = await prompts.create(promptBody());
    const meta = await prompts.update(prompt.id, { tags: ['z', 'a', 'a'], description: 'new' });
    assert.equal(meta.created_version, null);
    assert.equal(meta.latest_version_number, 1);
    assert.deepEqual(meta.prompt.tags, ['a', 'z']);
    const same = await prompts.update(prompt.id, { user_prompt_template: promptBody().user_prompt_template });
    assert.equal(same.created_version, null);
    const edit = await prompts.update(prompt.id, { user_prompt_template: 'Explain briefly:\n{{code}}', change_notes: 'shorter' });
    assert.equal(edit.created_version?.version_number, 2);
    assert.equal(edit.created_version?.change_notes, 'shorter');
    assert.equal(edit.created_version?.is_deployed, false);
    assert.equal(edit.deployed_version?.version_number, 1, 'a new version is not deployed unless asked');
    assert.equal(edit.prompt.user_prompt_template, 'Explain briefly:\n{{code}}');
    // version 1 is untouched
    const v1 = await prompts.versionByNumber(prompt.id, 1);
    assert.equal(v1.userPromptTemplate, promptBody().user_prompt_template);
  });

  it('rejects a rename onto a taken name without creating the version of the same request', async () => {
    const { prompts } = services(repos());
    await prompts.create(promptBody({ name: 'a' }));
    const { prompt } = await prompts.create(promptBody({ name: 'b' }));
    await rejectsWith(prompts.update(prompt.id, { name: 'a', system_prompt: 'changed' }), 'conflict', "'a'");
    assert.equal((await prompts.details(prompt.id)).latest_version_number, 1);
  });

  it('numbers versions contiguously under many concurrent creators', async () => {
    const { prompts } = services(repos());
    const { prompt } = await prompts.create(promptBody());
    const made = await Promise.all(Array.from({ length: 25 }, (_, i) => prompts.createVersion(prompt.id, { system_prompt: `variant ${i}` })));
    const numbers = made.map((v) => v.version_number).sort((a, b) => a - b);
    assert.deepEqual(numbers, Array.from({ length: 25 }, (_, i) => i + 2));
    const listed = await prompts.listVersions(prompt.id);
    assert.deepEqual(listed.map((v) => v.version_number), Array.from({ length: 26 }, (_, i) => i + 1));
  });

  it('keeps exactly one deployed version through deploys and rollbacks', async () => {
    const { prompts } = services(repos());
    const { prompt } = await prompts.create(promptBody());
    await prompts.createVersion(prompt.id, { system_prompt: 'two' });
    await prompts.createVersion(prompt.id, { system_prompt: 'three', deploy: true });
    const deployedNumbers = async () => (await prompts.listVersions(prompt.id)).filter((v) => v.is_deployed).map((v) => v.version_number);
    assert.deepEqual(await deployedNumbers(), [3]);
    await Promise.all([prompts.deploy(prompt.id, { version_number: 1 }), prompts.deploy(prompt.id, { version_number: 2 }), prompts.deploy(prompt.id, { version_number: 3 })]);
    assert.equal((await deployedNumbers()).length, 1);
    await prompts.deploy(prompt.id, { version_number: 3 });
    const back = await prompts.rollback(prompt.id, {});
    assert.equal(back.version_number, 2);
    assert.equal((await prompts.getDeployedVersion(prompt.id)).versionNumber, 2);
    assert.equal((await prompts.details(prompt.id)).prompt.current_version_id, back.id);
    assert.equal((await prompts.rollback(prompt.id, { version_number: 3 })).version_number, 3);
    await prompts.deploy(prompt.id, { version_number: 1 });
    await rejectsWith(prompts.rollback(prompt.id, {}), 'conflict', 'no version older');
    await rejectsWith(prompts.deploy(prompt.id, { version_number: 9 }), 'not_found', '9');
  });

  it('refuses to deploy a version of another prompt', async () => {
    const { prompts } = services(repos());
    const a = await prompts.create(promptBody({ name: 'a' }));
    const b = await prompts.create(promptBody({ name: 'b' }));
    await rejectsWith(prompts.deploy(a.prompt.id, { version_id: b.deployed_version!.id }), 'not_found');
    assert.equal((await prompts.getDeployedVersion('a')).id, a.deployed_version!.id);
  });

  it('diffs two versions field by field with a line diff', async () => {
    const { prompts } = services(repos());
    const { prompt } = await prompts.create(promptBody());
    await prompts.createVersion(prompt.id, { user_prompt_template: 'Explain:\n{{code}}\nAudience: {{audience}}\nBe brief.', temperature: 0.7 });
    const d = await prompts.diff(prompt.id, 1, 2);
    const by = new Map(d.fields.map((f) => [f.field, f]));
    assert.equal(by.get('system_prompt')?.changed, false);
    const t = by.get('user_prompt_template')!;
    assert.equal(t.changed, true);
    assert.equal(t.added_lines, 2);
    assert.equal(t.removed_lines, 1);
    assert.match(t.patch ?? '', /\+Be brief\./);
    assert.deepEqual([by.get('temperature')?.from, by.get('temperature')?.to], [0.2, 0.7]);
    assert.equal(by.get('variables')?.changed, false);
  });

  it('soft-deletes (inactive, still listed with active=false) and hard-deletes (gone, versions too)', async () => {
    const { prompts } = services(repos());
    const { prompt } = await prompts.create(promptBody());
    assert.deepEqual(await prompts.remove(prompt.id, false), { id: prompt.id, deleted: 'soft' });
    assert.equal((await prompts.list({ active: true })).total, 0);
    assert.equal((await prompts.list({ active: false })).total, 1);
    await rejectsWith(prompts.getDeployedVersion(prompt.id), 'conflict', 'deactivated');
    const v1 = (await prompts.details(prompt.id)).deployed_version!;
    await prompts.remove(prompt.id, true);
    await rejectsWith(prompts.details(prompt.id), 'not_found');
    assert.equal(await repos().prompts.getVersion(v1.id), undefined);
  });

  it('renders a version and previews drafts, naming bad variables', async () => {
    const { prompts } = services(repos());
    const { deployed_version: v } = await prompts.create(promptBody());
    const r = await prompts.render(v!.id, { code: 'a = 2', language: 'python' });
    assert.equal(r.messages.at(-1)?.content, 'Explain:\na = 2\nAudience: junior');
    assert.equal(r.messages.length, 4);
    await rejectsWith(prompts.render(v!.id, { language: 'go' }), 'validation_failed', "'code'");
    const p = await prompts.preview('explain-code', { variables: { code: 'x' }, draft: { model_type: 'completion', few_shot_examples: [] } });
    assert.equal(p.version_id, null);
    assert.equal(p.text, 'You explain  code clearly.\n\nExplain:\nx\nAudience: junior');
  });

  it('records executions and updates version and prompt counters without losing any under concurrency', async () => {
    const { prompts } = services(repos());
    const { prompt, deployed_version: v } = await prompts.create(promptBody());
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        repos().prompts.recordExecution({ promptId: prompt.id, versionId: v!.id, modelUsed: 'm', success: i % 4 !== 0, executionTimeMs: 100 + i }),
      ),
    );
    const version = await prompts.getVersion(v!.id);
    assert.equal(version.testExecutions, 40);
    assert.ok(Math.abs(version.testSuccessRate - 0.75) < 1e-9, String(version.testSuccessRate));
    assert.ok(Math.abs(version.testAvgExecutionTime - 119.5) < 1e-9, String(version.testAvgExecutionTime));
    const p = (await prompts.details(prompt.id)).prompt;
    assert.equal(p.usage_count, 40);
    assert.ok(Math.abs(p.success_rate - 0.75) < 1e-9);
    const row = await prompts.recordExecutionStats(v!.id, true, 10.4, { modelUsed: 'gpt' });
    assert.equal(row.executionTimeMs, 10);
    assert.equal((await prompts.getVersion(v!.id)).testExecutions, 41);
  });
});
