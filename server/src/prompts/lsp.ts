// LSP surface of the prompt library: codetune/prompts/* requests and the codetune/prompts/didChange push
// (sent for changes made by any client, the HTTP API, the CLI's import or a promotion).
import type { Disposable } from 'vscode-languageserver/node';
import {
  PromptsCreateRequest,
  PromptsCreateVersionRequest,
  PromptsDeleteRequest,
  PromptsDeployRequest,
  PromptsDidChangeNotification,
  PromptsDiffRequest,
  PromptsExperimentsAssignRequest,
  PromptsExperimentsCreateRequest,
  PromptsExperimentsListRequest,
  PromptsExperimentsPromoteRequest,
  PromptsExperimentsResultsRequest,
  PromptsExperimentsStopRequest,
  PromptsGetRequest,
  PromptsListRequest,
  PromptsListVersionsRequest,
  PromptsRenderPreviewRequest,
  PromptsRollbackRequest,
  PromptsUpdateRequest,
} from '../../../shared/src/protocol/prompts.js';
import type { DaemonContext } from '../context.js';
import { guarded } from '../lsp/errors.js';
import { errorMessage } from '../util/errors.js';
import type { Feature } from '../lsp/feature.js';


export function promptsFeature(ctx: DaemonContext): Feature {
  const log = ctx.log.child({ component: 'prompts-lsp' });
  const subs: Disposable[] = [];
  let unsubscribe: (() => void) | undefined;
  const guard = guarded(log, 'the prompt library');
  return {
    initialize({ connection }) {
      const svc = () => ctx.services.prompts;
      const exp = () => ctx.services.promptExperiments;
      subs.push(
        connection.onRequest(PromptsListRequest.type, guard((p) => svc().list(p ?? {}))),
        connection.onRequest(PromptsGetRequest.type, guard((p) => svc().details(p.prompt))),
        connection.onRequest(PromptsCreateRequest.type, guard((p) => svc().create(p))),
        connection.onRequest(PromptsUpdateRequest.type, guard((p) => svc().update(p.prompt, p.changes ?? {}))),
        connection.onRequest(PromptsDeleteRequest.type, guard((p) => svc().remove(p.prompt, p.hard ?? false))),
        connection.onRequest(PromptsCreateVersionRequest.type, guard((p) => svc().createVersion(p.prompt, p.version ?? {}))),
        connection.onRequest(PromptsListVersionsRequest.type, guard((p) => svc().listVersions(p.prompt))),
        connection.onRequest(
          PromptsDeployRequest.type,
          guard((p) =>
            svc().deploy(p.prompt, { ...(p.version_id !== undefined ? { version_id: p.version_id } : {}), ...(p.version_number !== undefined ? { version_number: p.version_number } : {}) }),
          ),
        ),
        connection.onRequest(PromptsRollbackRequest.type, guard((p) => svc().rollback(p.prompt, p.version_number !== undefined ? { version_number: p.version_number } : {}))),
        connection.onRequest(PromptsDiffRequest.type, guard((p) => svc().diff(p.prompt, p.from, p.to))),
        connection.onRequest(
          PromptsRenderPreviewRequest.type,
          guard(({ prompt, ...body }) => svc().preview(prompt, { ...body, variables: body.variables ?? {} })),
        ),
        connection.onRequest(PromptsExperimentsCreateRequest.type, guard(({ prompt, ...body }) => exp().create(prompt, body))),
        connection.onRequest(PromptsExperimentsListRequest.type, guard((p) => exp().list(p.prompt))),
        connection.onRequest(PromptsExperimentsResultsRequest.type, guard((p) => exp().results(p.experiment_id))),
        connection.onRequest(PromptsExperimentsAssignRequest.type, guard((p) => exp().assign(p.experiment_id, p.user_id))),
        connection.onRequest(
          PromptsExperimentsPromoteRequest.type,
          guard((p) => exp().promote(p.experiment_id, p.version_id !== undefined ? { version_id: p.version_id } : {})),
        ),
        connection.onRequest(PromptsExperimentsStopRequest.type, guard((p) => exp().stop(p.experiment_id))),
      );
      unsubscribe = ctx.services.prompts.onDidChange((change) => {
        connection.sendNotification(PromptsDidChangeNotification.type, change).catch((e: unknown) => log.debug({ err: errorMessage(e) }, 'didChange not delivered'));
      });
      return {};
    },
    shutdown() {
      unsubscribe?.();
      for (const s of subs.splice(0)) s.dispose();
    },
  };
}
