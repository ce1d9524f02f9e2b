// The analysis LSP feature: diagnostics on open/change, code actions, code lenses and the server-side
// "suppress in workspace" command.
import { CodeActionKind, ResponseError, type ClientCapabilities } from 'vscode-languageserver/node';
import { ANALYSIS_COMMANDS, type Finding } from '../../../../shared/src/protocol/analysis.js';
import { CodetuneErrorCodes } from '../../../../shared/src/protocol/errors.js';
import type { DaemonContext } from '../../context.js';
import type { Feature } from '../../lsp/feature.js';
import { createAnalysisService } from '../service.js';
import { codeActions } from './actions.js';
import { DiagnosticsScheduler } from './diagnostics.js';
import { LensProvider } from './lens.js';
import { SettingsCache } from './settings.js';
import { WorkspaceState } from './workspace.js';

export function analysisFeature(ctx: DaemonContext): Feature {
  let scheduler: DiagnosticsScheduler | undefined;
  let workspaceSupported = false;
  let workspace: WorkspaceState | undefined;
  return {
    initialize({ connection, documents }, client: ClientCapabilities) {
      const service = ctx.services.analysis ?? (ctx.services.analysis = createAnalysisService(ctx.config.file.analysis?.rulePaths ?? [], ctx.log));
      const settings = new SettingsCache(connection, ctx.config.file.analysis);
      settings.setSupported(!!client.workspace?.configuration);
      workspaceSupported = !!client.workspace?.workspaceFolders;
      workspace = new WorkspaceState(ctx.repos);
      const log = ctx.log.child({ component: 'analysis-lsp' });
      const sched = new DiagnosticsScheduler(connection, documents, service, settings, workspace, log);
      scheduler = sched;
      sched.relatedSupported = !!client.textDocument?.publishDiagnostics?.relatedInformation;
      const lenses = new LensProvider(documents, service, settings);

      documents.onDidOpen((e) => sched.schedule(e.document.uri, true));
      documents.onDidChangeContent((e) => {
        lenses.forget(e.document.uri);
        sched.schedule(e.document.uri);
      });
      documents.onDidClose((e) => {
        lenses.forget(e.document.uri);
        sched.close(e.document.uri);
      });
      connection.onCodeAction((params) => codeActions(params, documents));
      connection.onCodeLens((params) => lenses.provide(params.textDocument.uri));
      connection.onExecuteCommand(async (params) => {
        if (params.command !== ANALYSIS_COMMANDS.suppressInWorkspace) {
          throw new ResponseError(CodetuneErrorCodes.NotFound, `unknown command ${params.command}`);
        }
        const [uri, finding] = (params.arguments ?? []) as [string, Finding];
        if (typeof uri !== 'string' || !finding?.fingerprint) {
          throw new ResponseError(CodetuneErrorCodes.BadRequest, 'suppressInWorkspace expects (uri, finding) arguments');
        }
        const place = workspace!.place(uri);
        await workspace!.suppress(place.workspace, finding.fingerprint, finding.ruleId, place.relPath, 'suppressed from the editor');
        sched.schedule(uri, true);
        return { suppressed: finding.fingerprint };
      });
      return {
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [ANALYSIS_COMMANDS.suppressInWorkspace] },
      };
    },
    async initialized({ connection }) {
      await workspace?.loadFolders(connection, workspaceSupported);
    },
    shutdown() {
      scheduler?.dispose();
    },
  };
}
