// The spine, end to end inside a real VS Code: the extension activates without waiting for the daemon,
// spawns it on the configured Node, talks LSP to it, shows its health, and restarts it on demand and after
// it dies. The harness (test/e2e/run.sh) points codetune.daemon.nodePath at the system Node and
// codetune.daemon.dataDir at a fresh folder in its user settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DaemonInfoRequest, type DaemonInfo } from '../../shared/src/protocol/index.js';
import type { CodetuneApi } from '../../extension/src/extension.js';
import { daemonRequest, getApi, isAlive, recordMetric, waitFor, withTimeout } from './support/vscode.js';

/** Generous for a loaded 2-core CI machine; a healthy daemon answers in well under a second. */
const DAEMON_TIMEOUT_MS = 30_000;

/** Asks the running daemon who it is, over the client the extension currently holds. */
async function daemonInfo(api: CodetuneApi): Promise<DaemonInfo> {
  // fail fast while a restart is under way (ready() would wait for it); the caller polls
  if (!api.daemon.client?.isRunning()) throw new Error(`no running client (status: ${api.status.health}: ${api.status.message})`);
  return withTimeout(daemonRequest(api, DaemonInfoRequest.type), 5_000, 'codetune/daemon/info');
}

/** Waits until a daemon other than `oldPid` answers codetune/daemon/info. */
function newDaemon(api: CodetuneApi, oldPid: number, what: string): Promise<DaemonInfo> {
  return waitFor(
    async () => {
      const info = await daemonInfo(api);
      return info.pid !== oldPid ? info : undefined;
    },
    { what, timeoutMs: DAEMON_TIMEOUT_MS, intervalMs: 200 },
  );
}

function waitReady(api: CodetuneApi, what: string): Promise<true> {
  return waitFor(() => api.status.health === 'ready' || (api.status.health === 'error' ? Promise.reject(new Error(api.status.message)) : undefined), {
    what,
    timeoutMs: DAEMON_TIMEOUT_MS,
  });
}

describe('daemon lifecycle', function () {
  this.timeout(DAEMON_TIMEOUT_MS * 2);
  let api: CodetuneApi;

  before(async () => {
    api = await getApi();
  });

  it('activates quickly, without waiting for the daemon', () => {
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs > 0, `activationMs is ${api.activationMs}`);
    recordMetric('activationMs', api.activationMs);
    // a loose bound: activate() must not contain the daemon start (which takes hundreds of ms); the
    // ≤ 50 ms goal is reported by bench/extension.ts, not asserted on a shared CI machine
    assert.ok(api.activationMs < 1_000, `activation took ${api.activationMs.toFixed(1)} ms`);
  });

  it('starts the daemon on the configured Node and data dir, and codetune/daemon/info answers', async () => {
    const started = Date.now();
    const info = await waitFor(() => daemonInfo(api), { what: 'the first codetune/daemon/info answer', timeoutMs: DAEMON_TIMEOUT_MS, intervalMs: 100 });
    recordMetric('firstInfoAfterTestStartMs', Date.now() - started);
    const settings = vscode.workspace.getConfiguration('codetune.daemon');
    const dataDir = settings.get<string>('dataDir');
    assert.ok(dataDir, 'the harness must set codetune.daemon.dataDir');
    assert.equal(info.dataDir, dataDir);
    assert.equal(info.dialect, 'sqlite');
    assert.ok(Number.isInteger(info.pid) && info.pid > 0 && info.pid !== process.pid, `daemon pid ${info.pid}`);
    assert.ok(isAlive(info.pid), `daemon pid ${info.pid} is not a live process`);
    const nodePath = settings.get<string>('nodePath');
    if (nodePath) assert.notEqual(info.node, process.version, 'the daemon runs on the extension host Node, not codetune.daemon.nodePath');
    assert.match(info.version, /^\d+\.\d+\.\d+/);
    // the command the palette offers goes through the same request
    const viaCommand = await vscode.commands.executeCommand<DaemonInfo | undefined>('codetune.daemonInfo');
    assert.equal(viaCommand?.pid, info.pid);
  });

  it('shows "ready" in the status item', async () => {
    await waitReady(api, 'the status item to reach "ready"');
    assert.equal(api.status.health, 'ready');
  });

  it('"CodeTune: Restart Daemon" starts a new daemon process', async () => {
    const before = await daemonInfo(api);
    const health = await withTimeout(vscode.commands.executeCommand<string>('codetune.restartDaemon'), DAEMON_TIMEOUT_MS, 'codetune.restartDaemon');
    assert.equal(health, 'ready');
    const after = await newDaemon(api, before.pid, 'a new daemon after Restart Daemon');
    assert.notEqual(after.pid, before.pid);
    await waitFor(() => !isAlive(before.pid), { what: `the old daemon (pid ${before.pid}) to exit`, timeoutMs: DAEMON_TIMEOUT_MS });
    await waitReady(api, '"ready" after the restart');
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`restarts the daemon automatically when it is killed (${signal})`, async () => {
      const before = await daemonInfo(api);
      const t0 = Date.now();
      process.kill(before.pid, signal);
      await waitFor(() => !isAlive(before.pid), { what: `pid ${before.pid} to die after ${signal}`, timeoutMs: DAEMON_TIMEOUT_MS });
      const after = await newDaemon(api, before.pid, `an automatic restart after ${signal}`);
      recordMetric(`autoRestartAfter${signal}Ms`, Date.now() - t0);
      assert.ok(isAlive(after.pid));
      await waitReady(api, `"ready" after the automatic restart (${signal})`);
    });
  }
});
