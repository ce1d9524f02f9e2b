// One table of command factories (rust-analyzer's createCommands pattern). Each entry says what the
// command does when the daemon runs and, optionally, when it does not, so commands answer sensibly while
// the daemon is down.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx.js';
import { codeCommands } from './code.js';
import { editorCommands } from './editor.js';
import { findingCommands } from './findings.js';
import { modelCommands } from './models.js';
import { panelCommands } from './panels.js';
import { promptCommands } from './prompts.js';

export interface CommandFactory {
  enabled: (ctx: Ctx) => (...args: unknown[]) => unknown;
  /** used instead of `enabled` when the daemon is not running; default: say so with a Show Logs action */
  disabled?: (ctx: Ctx) => (...args: unknown[]) => unknown;
  /** the command works without the daemon (restart, logs) */
  standalone?: boolean;
}

export function createCommands(): Record<string, CommandFactory> {
  return {
    ...codeCommands(),
    ...findingCommands(),
    ...promptCommands(),
    ...modelCommands(),
    ...panelCommands(),
    ...editorCommands(),
    'codetune.restartDaemon': {
      standalone: true,
      enabled: (ctx) => async () => {
        await ctx.daemon.restart();
        return ctx.status.health;
      },
    },
    'codetune.showLogs': {
      standalone: true,
      enabled: (ctx) => () => ctx.log.show(true),
    },
    'codetune.daemonInfo': {
      enabled: (ctx) => async () => {
        const info = await ctx.daemon.info();
        ctx.log.info(`Daemon ${info.version} pid ${info.pid} on ${info.dialect} (${info.database}), data dir ${info.dataDir}, HTTP ${info.httpAddress ?? 'off'}`);
        void vscode.window.showInformationMessage(
          `CodeTune daemon ${info.version} (pid ${info.pid}) on ${info.dialect}: ${info.database}${info.httpAddress ? ` · HTTP ${info.httpAddress}` : ''}`,
        );
        return info;
      },
    },
  };
}

export function registerCommands(ctx: Ctx): void {
  for (const [id, f] of Object.entries(createCommands())) {
    const run = f.enabled(ctx);
    const down = f.disabled?.(ctx) ?? (() => daemonDown(ctx));
    ctx.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        if (!f.standalone && ctx.status.health !== 'ready' && ctx.status.health !== 'degraded') {
          // give a daemon that is still starting a moment before refusing
          try {
            await ctx.daemon.ready();
          } catch {
            return down(...args);
          }
        }
        try {
          return await run(...args);
        } catch (e) {
          const msg = (e as Error).message;
          ctx.log.error(`${id} failed: ${msg}`);
          void vscode.window.showErrorMessage(msg, 'Show Logs').then((p) => p && ctx.log.show());
          return undefined;
        }
      }),
    );
  }
}

function daemonDown(ctx: Ctx): undefined {
  void vscode.window
    .showErrorMessage(`The CodeTune daemon is not running: ${ctx.status.message}`, 'Restart Daemon', 'Show Logs')
    .then((p) => {
      if (p === 'Restart Daemon') void vscode.commands.executeCommand('codetune.restartDaemon');
      if (p === 'Show Logs') ctx.log.show();
    });
  return undefined;
}
