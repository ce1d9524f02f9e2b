// The daemon's capabilities in start order. Each one may put services on the context, add HTTP routes and
// LSP features, and stop cleanly. Adding a capability is one line here.
import type { FastifyInstance } from 'fastify';
import type { DaemonContext } from './context.js';
import type { FeatureFactory } from './lsp/server.js';
import { pluginsCapability } from './plugins/capability.js';
import { promptsCapability } from './prompts/capability.js';
import { dispatchCapability } from './dispatch/capability.js';
import { analysisCapability } from './analysis/capability.js';

export interface Capability {
  readonly name: string;
  /** puts the capability's services on ctx.services (the database is open and migrated) */
  start?(ctx: DaemonContext): Promise<void> | void;
  /** HTTP routes; registered in buildApp */
  routes?(ctx: DaemonContext): (app: FastifyInstance) => Promise<void>;
  /** LSP features; added to every connection */
  lsp?: FeatureFactory[];
  stop?(ctx: DaemonContext): Promise<void> | void;
}

export const capabilities: Capability[] = [
  promptsCapability,
  dispatchCapability,
  pluginsCapability,
  analysisCapability,
];

export async function startCapabilities(ctx: DaemonContext, list: Capability[] = capabilities): Promise<void> {
  for (const c of list) {
    const t = performance.now();
    await c.start?.(ctx);
    ctx.log.debug({ capability: c.name, ms: Math.round(performance.now() - t) }, 'capability started');
  }
}

export async function stopCapabilities(ctx: DaemonContext, list: Capability[] = capabilities): Promise<void> {
  for (const c of [...list].reverse()) {
    try {
      await c.stop?.(ctx);
    } catch (e) {
      ctx.log.warn({ capability: c.name, err: e }, 'capability did not stop cleanly');
    }
  }
}

export function capabilityRoutes(ctx: DaemonContext, list: Capability[] = capabilities) {
  return list.flatMap((c) => (c.routes ? [c.routes(ctx)] : []));
}

export function capabilityFeatures(list: Capability[] = capabilities): FeatureFactory[] {
  return list.flatMap((c) => c.lsp ?? []);
}
