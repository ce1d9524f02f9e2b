// A/B experiments on both dialects: creation checks, sticky assignment, results from history, promote.
import assert from 'node:assert/strict';
import { forEachDialect } from '../../support/db.js';
import { promptBody, rejectsWith, services } from './support.js';

forEachDialect('prompt experiments', (repos) => {
  async function setup() {
    const s = services(repos());
    const { prompt, deployed_version: v1 } = await s.prompts.create(promptBody());
    const v2 = await s.prompts.createVersion(prompt.id, { system_prompt: 'Explain {{language}} code in one paragraph.' });
    return { ...s, prompt, v1: v1!, v2 };
  }

  it('validates variants and allows one running experiment per prompt', async () => {
    const { experiments, prompts, prompt, v1, v2 } = await setup();
    const other = await prompts.create(promptBody({ name: 'other' }));
    await rejectsWith(
      experiments.create(prompt.id, { name: 'x', variants: [{ version_id: v1.id, weight: 1 }, { version_id: other.deployed_version!.id, weight: 1 }] }),
      'validation_failed',
      `${other.deployed_version!.id}`,
    );
    await rejectsWith(experiments.create(prompt.id, { name: 'x', variants: [{ version_id: v1.id, weight: 1 }, { version_id: v1.id, weight: 1 }] }), 'validation_failed', 'twice');
    await rejectsWith(experiments.create(prompt.id, { name: 'x', variants: [{ version_id: v1.id, weight: 1 }, { version_id: v2.id, weight: 0 }] }), 'validation_failed', 'weight');
    const e = await experiments.create(prompt.id, { name: 'brevity', variants: [{ version_id: v1.id, weight: 1 }, { version_id: v2.id, weight: 1 }] });
    assert.equal(e.status, 'running');
    await rejectsWith(experiments.create(prompt.id, { name: 'again', variants: [{ version_id: v1.id, weight: 1 }, { version_id: v2.id, weight: 1 }] }), 'conflict', `${e.id}`);
    assert.deepEqual((await experiments.list(prompt.id)).map((x) => x.id), [e.id]);
  });

  it('assigns users stickily and routes them while it runs; others get the deployed version', async () => {
    const { experiments, prompt, v1, v2 } = await setup();
    const e = await experiments.create(prompt.id, { name: 'ab', variants: [{ version_id: v1.id, weight: 1 }, { version_id: v2.id, weight: 1 }] });
    const seen = new Set<number>();
    for (let u = 0; u < 40; u++) {
      const a = await experiments.assign(e.id, `user-${u}`);
      const b = await experiments.assign(e.id, `user-${u}`);
      assert.equal(a.version_id, b.version_id);
      const choice = await experiments.versionFor(prompt.id, `user-${u}`);
      assert.equal(choice.version.id, a.version_id);
      assert.equal(choice.experimentId, e.id);
      seen.add(a.version_id);
    }
    assert.deepEqual([...seen].sort(), [v1.id, v2.id].sort(), 'both versions get traffic');
    const anonymous = await experiments.versionFor(prompt.id);
    assert.deepEqual([anonymous.version.id, anonymous.experimentId], [v1.id, null]);
  });

  it('computes results from recorded executions and promotes the leader', async () => {
    const { experiments, prompts, prompt, v1, v2 } = await setup();
    const e = await experiments.create(prompt.id, { name: 'ab', variants: [{ version_id: v1.id, weight: 1 }, { version_id: v2.id, weight: 1 }] });
    const rows = [];
    for (let i = 0; i < 20; i++) rows.push({ versionId: v1.id, success: i < 10, executionTimeMs: 200 + i, rating: i < 4 ? 3 : null });
    for (let i = 0; i < 20; i++) rows.push({ versionId: v2.id, success: i < 18, executionTimeMs: 100 + i, rating: i < 2 ? 5 : null });
    await Promise.all(rows.map((r) => repos().prompts.recordExecution({ ...r, promptId: prompt.id, modelUsed: 'm', experimentId: e.id })));
    // an execution outside the experiment is not counted
    await repos().prompts.recordExecution({ promptId: prompt.id, versionId: v1.id, modelUsed: 'm', success: false, executionTimeMs: 999 });
    const r = await experiments.results(e.id);
    const [a, b] = r.variants;
    assert.deepEqual([a?.count, a?.successes, b?.count, b?.successes], [20, 10, 20, 18]);
    assert.equal(a?.success_rate, 0.5);
    assert.equal(a?.mean_latency_ms, 209.5);
    assert.ok(Math.abs((a?.p95_latency_ms ?? 0) - 218.05) < 1e-9);
    assert.deepEqual([a?.mean_rating, a?.ratings, b?.mean_rating], [3, 4, 5]);
    assert.ok(a!.success_ci!.low < 0.5 && a!.success_ci!.high > 0.5);
    const c = r.comparisons[0]!;
    assert.equal(c.success.significant, true, 'z-test: 50% vs 90% over 20 each');
    assert.equal(c.latency.significant, true);
    assert.ok((c.latency.statistic ?? 0) < 0, 'version 2 is faster');
    assert.equal(r.leader_version_id, v2.id);
    assert.equal((await prompts.getVersion(v1.id)).testExecutions, 21, 'counters include every execution');

    const promoted = await experiments.promote(e.id, {});
    assert.equal(promoted.experiment.status, 'ended');
    assert.equal(promoted.experiment.winner_version_id, v2.id);
    assert.equal((await prompts.getDeployedVersion(prompt.id)).id, v2.id);
    await rejectsWith(experiments.promote(e.id, {}), 'conflict', 'ended');
    const after = await experiments.versionFor(prompt.id, 'user-1');
    assert.deepEqual([after.version.id, after.experimentId], [v2.id, null]);
  });

  it('refuses to promote without data or with a foreign version, and stops without deploying', async () => {
    const { experiments, prompts, prompt, v1, v2 } = await setup();
    const e = await experiments.create(prompt.id, { name: 'ab', variants: [{ version_id: v1.id, weight: 1 }, { version_id: v2.id, weight: 1 }] });
    await rejectsWith(experiments.promote(e.id, {}), 'conflict', 'no executions');
    await rejectsWith(experiments.promote(e.id, { version_id: 99999 }), 'validation_failed', '99999');
    const stopped = await experiments.stop(e.id);
    assert.deepEqual([stopped.status, stopped.winner_version_id], ['ended', null]);
    assert.equal((await prompts.getDeployedVersion(prompt.id)).id, v1.id);
    await rejectsWith(experiments.stop(e.id), 'conflict');
    await rejectsWith(experiments.results(4242), 'not_found', '4242');
  });
});
