// Registers the panels' serializers (cheap: the panels' code and pages load only when one is opened or
// restored after a reload) and lists them for the commands.
import type { Ctx } from '../ctx.js';
import { historyPanel } from './history.js';
import { libraryPanel } from './library.js';
import { resultsPanel } from './results.js';
import { workbenchPanel } from './workbench.js';

export const PANELS = { library: libraryPanel, history: historyPanel, workbench: workbenchPanel, results: resultsPanel } as const;

export function registerPanels(ctx: Ctx): void {
  for (const p of Object.values(PANELS)) ctx.subscriptions.push(p.register(ctx));
}
