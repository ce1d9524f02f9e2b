// Commands that open the panels; each takes an optional argument saying what to show.
import * as vscode from 'vscode';
import { historyPanel } from '../webviews/history.js';
import { libraryPanel } from '../webviews/library.js';
import { resultsPanel } from '../webviews/results.js';
import { workbenchPanel } from '../webviews/workbench.js';
import type { CommandFactory } from './index.js';

function objectArg(args: unknown[]): Record<string, unknown> {
  const a = args[0];
  return a && typeof a === 'object' && !(a instanceof vscode.Uri) ? (a as Record<string, unknown>) : {};
}

/** Panels open without the daemon: they show their own "daemon down" state with a Restart button. */
export function panelCommands(): Record<string, CommandFactory> {
  return {
    'codetune.openLibrary': {
      standalone: true,
      enabled: (ctx) => (...args: unknown[]) => {
        const { promptId } = objectArg(args);
        const existed = !!libraryPanel.current;
        const open = libraryPanel.createOrShow(ctx, typeof promptId === 'number' ? { promptId } : undefined);
        if (existed && typeof promptId === 'number') open.bridge.emit('library.select', { id: promptId });
        return open.bridge.whenReady().then(() => 'library');
      },
    },
    'codetune.openHistory': {
      standalone: true,
      enabled: (ctx) => (...args: unknown[]) => {
        const { executionId } = objectArg(args);
        const existed = !!historyPanel.current;
        const open = historyPanel.createOrShow(ctx, typeof executionId === 'number' ? { executionId } : undefined);
        if (existed && typeof executionId === 'number') open.bridge.emit('history.show', { executionId });
        return open.bridge.whenReady().then(() => 'history');
      },
    },
    'codetune.openWorkbench': {
      standalone: true,
      enabled: (ctx) => (...args: unknown[]) => {
        const { promptId, versionNumbers } = objectArg(args);
        const target = typeof promptId === 'number' ? { promptId, ...(Array.isArray(versionNumbers) ? { versionNumbers: versionNumbers.filter((n): n is number => Number.isInteger(n)) } : {}) } : undefined;
        const existed = !!workbenchPanel.current;
        const open = workbenchPanel.createOrShow(ctx, target);
        if (existed && target) open.bridge.emit('workbench.open', target);
        return open.bridge.whenReady().then(() => 'workbench');
      },
    },
    'codetune.openResults': {
      standalone: true,
      enabled: (ctx) => () => resultsPanel.createOrShow(ctx).bridge.whenReady().then(() => 'results'),
    },
  };
}
