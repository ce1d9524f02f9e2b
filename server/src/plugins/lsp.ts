// LSP surface of the registry: codetune/plugins/{list,enable,disable,reload,setSettings,runTask,setTrust}
// and the codetune/plugins/didChange push. Paths come from the editor setting `codetune.plugins.paths` and
// the workspace folders (npm plugins in their node_modules), pulled when the client initializes and again
// whenever it lists the plugins.
import type { ClientCapabilities, Connection, Disposable } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import {
  PluginsDidChangeNotification,
  PluginsDisableRequest,
  PluginsEnableRequest,
  PluginsListRequest,
  PluginsReloadRequest,
  PluginsRunTaskRequest,
  PluginsSetSettingsRequest,
  PluginsSetTrustRequest,
  PluginTaskPartialProgress,
} from '../../../shared/src/protocol/plugins.js';
import type { DaemonContext } from '../context.js';
import type { Logger } from '../logger.js';
import { guarded, toResponseError } from '../lsp/errors.js';
import type { Feature, FeatureEnv } from '../lsp/feature.js';
import { errorMessage } from '../util/errors.js';
import type { PluginsService } from './service.js';


export function pluginsFeature(ctx: DaemonContext): Feature {
  const log = ctx.log.child({ component: 'plugins-lsp' });
  const subs: Disposable[] = [];
  let client: ClientCapabilities = {};
  const service = (): PluginsService => ctx.services.plugins;
  const guard = guarded(log, 'the plugin registry');

  return {
    initialize({ connection }: FeatureEnv, caps: ClientCapabilities) {
      client = caps;
      connection.onRequest(
        PluginsListRequest.type,
        guard(async () => {
          await pullEditorRoots(connection, client, service(), log);
          return service().registry.list();
        }),
      );
      connection.onRequest(PluginsEnableRequest.type, guard((p) => service().registry.enable(p.id)));
      connection.onRequest(PluginsDisableRequest.type, guard((p) => service().registry.disable(p.id)));
      connection.onRequest(PluginsReloadRequest.type, guard((p) => service().registry.reload(p.id)));
      connection.onRequest(PluginsSetSettingsRequest.type, guard((p) => service().registry.setSettings(p.id, p.settings)));
      connection.onRequest(PluginsSetTrustRequest.type, guard((p) => service().registry.setTrusted(p.trusted === true)));
      connection.onRequest(PluginsRunTaskRequest.type, async (p, token) => {
        const ac = new AbortController();
        const sub = token.onCancellationRequested(() => ac.abort());
        try {
          const stream = p.partialResultToken;
          return await service().runTask(p.id, p.task, p.input ?? {}, {
            signal: ac.signal,
            ...(stream !== undefined ? { onToken: (text: string) => void connection.sendProgress(PluginTaskPartialProgress, stream, { text }).catch(() => {}) } : {}),
          });
        } catch (e) {
          throw toResponseError(e, log, 'the plugin registry');
        } finally {
          sub.dispose();
        }
      });
      subs.push(service().registry.onDidChange((change) => void connection.sendNotification(PluginsDidChangeNotification.type, change).catch(() => {})));
      return {};
    },
    async initialized({ connection }: FeatureEnv) {
      await pullEditorRoots(connection, client, service(), log);
    },
    shutdown() {
      for (const s of subs.splice(0)) s.dispose();
    },
  };
}

/** Reads `codetune.plugins.paths` and the workspace folders from the client, when it can tell. */
async function pullEditorRoots(connection: Connection, caps: ClientCapabilities, service: PluginsService, log: Logger): Promise<void> {
  try {
    const roots: { paths?: string[]; workspaceFolders?: string[] } = {};
    if (caps.workspace?.configuration) {
      const section = (await connection.workspace.getConfiguration('codetune.plugins')) as { paths?: unknown } | null;
      if (Array.isArray(section?.paths)) roots.paths = section.paths.filter((p): p is string => typeof p === 'string');
    }
    if (caps.workspace?.workspaceFolders) {
      const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
      roots.workspaceFolders = folders.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
    }
    await service.setEditorRoots(roots);
  } catch (e) {
    log.debug({ err: errorMessage(e) }, 'could not read the plugin paths from the editor');
  }
}
