// codetune/prompts/*: the prompt library seen from the editor (list, edit, version, deploy, diff, preview,
// A/B experiments). Shapes are those of the HTTP API (shared/src/api/prompts.ts). A prompt is named by
// its id or its unique name. Every request is client → server; didChange is server → client.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type {
  Assignment,
  DeleteResult,
  Experiment,
  ExperimentCreate,
  ExperimentResults,
  PromptCreate,
  PromptDetails,
  PromptList,
  PromptListQuery,
  PromptUpdate,
  PromptVersion,
  RenderPreview,
  RenderPreviewBody,
  VersionCreate,
  VersionDiff,
} from '../api/prompts.js';

/** a prompt's id, or its name */
export type PromptRef = number | string;

export interface PromptRefParams {
  prompt: PromptRef;
}

/** client → server: prompts matching filters and a full-text query, paged. */
export namespace PromptsListRequest {
  export const method = 'codetune/prompts/list' as const;
  export const type = new RequestType<PromptListQuery, PromptList, void>(method);
}

/** client → server: one prompt with its deployed version. */
export namespace PromptsGetRequest {
  export const method = 'codetune/prompts/get' as const;
  export const type = new RequestType<PromptRefParams, PromptDetails, void>(method);
}

/** client → server: create a prompt (version 1, deployed). */
export namespace PromptsCreateRequest {
  export const method = 'codetune/prompts/create' as const;
  export const type = new RequestType<PromptCreate, PromptDetails, void>(method);
}

/** client → server: edit metadata (no version) and/or content (a new version, deployed if `deploy`). */
export namespace PromptsUpdateRequest {
  export const method = 'codetune/prompts/update' as const;
  export const type = new RequestType<PromptRefParams & { changes: PromptUpdate }, PromptDetails, void>(method);
}

/** client → server: deactivate a prompt, or remove it with its versions when `hard`. */
export namespace PromptsDeleteRequest {
  export const method = 'codetune/prompts/delete' as const;
  export const type = new RequestType<PromptRefParams & { hard?: boolean }, DeleteResult, void>(method);
}

/** client → server: a new version (missing fields are taken from the prompt's latest content). */
export namespace PromptsCreateVersionRequest {
  export const method = 'codetune/prompts/createVersion' as const;
  export const type = new RequestType<PromptRefParams & { version: VersionCreate }, PromptVersion, void>(method);
}

/** client → server: every version of a prompt, oldest first. */
export namespace PromptsListVersionsRequest {
  export const method = 'codetune/prompts/listVersions' as const;
  export const type = new RequestType<PromptRefParams, PromptVersion[], void>(method);
}

/** client → server: make one version (by id or number) the deployed one. */
export namespace PromptsDeployRequest {
  export const method = 'codetune/prompts/deploy' as const;
  export const type = new RequestType<PromptRefParams & { version_id?: number; version_number?: number }, PromptVersion, void>(method);
}

/** client → server: deploy the given version number, or the one before the deployed version. */
export namespace PromptsRollbackRequest {
  export const method = 'codetune/prompts/rollback' as const;
  export const type = new RequestType<PromptRefParams & { version_number?: number }, PromptVersion, void>(method);
}

/** client → server: field-by-field diff of two version numbers. */
export namespace PromptsDiffRequest {
  export const method = 'codetune/prompts/diff' as const;
  export const type = new RequestType<PromptRefParams & { from: number; to: number }, VersionDiff, void>(method);
}

/** client → server: the exact text a model would receive for these variables (stored version or draft). */
export namespace PromptsRenderPreviewRequest {
  export const method = 'codetune/prompts/render/preview' as const;
  export const type = new RequestType<PromptRefParams & RenderPreviewBody, RenderPreview, void>(method);
}

/** client → server: start an A/B experiment between versions of a prompt. */
export namespace PromptsExperimentsCreateRequest {
  export const method = 'codetune/prompts/experiments/create' as const;
  export const type = new RequestType<PromptRefParams & ExperimentCreate, Experiment, void>(method);
}

/** client → server: a prompt's experiments, newest first. */
export namespace PromptsExperimentsListRequest {
  export const method = 'codetune/prompts/experiments/list' as const;
  export const type = new RequestType<PromptRefParams, Experiment[], void>(method);
}

export interface ExperimentIdParams {
  experiment_id: number;
}

/** client → server: per-version results and significance tests. */
export namespace PromptsExperimentsResultsRequest {
  export const method = 'codetune/prompts/experiments/results' as const;
  export const type = new RequestType<ExperimentIdParams, ExperimentResults, void>(method);
}

/** client → server: the version a user is assigned to (sticky, deterministic). */
export namespace PromptsExperimentsAssignRequest {
  export const method = 'codetune/prompts/experiments/assign' as const;
  export const type = new RequestType<ExperimentIdParams & { user_id: string }, Assignment, void>(method);
}

/** client → server: deploy the winner (given or the leader) and end the experiment. */
export namespace PromptsExperimentsPromoteRequest {
  export const method = 'codetune/prompts/experiments/promote' as const;
  export const type = new RequestType<ExperimentIdParams & { version_id?: number }, ExperimentResults, void>(method);
}

/** client → server: end the experiment without deploying anything. */
export namespace PromptsExperimentsStopRequest {
  export const method = 'codetune/prompts/experiments/stop' as const;
  export const type = new RequestType<ExperimentIdParams, Experiment, void>(method);
}

export type PromptChangeKind = 'created' | 'updated' | 'version_created' | 'deployed' | 'deleted' | 'experiment';

export interface PromptChange {
  prompt_id: number;
  name: string;
  kind: PromptChangeKind;
  version_id?: number;
}

/** server → client: a prompt changed (by this or another client, the CLI or an import); refresh views. */
export namespace PromptsDidChangeNotification {
  export const method = 'codetune/prompts/didChange' as const;
  export const type = new NotificationType<PromptChange>(method);
}
