// Messages of the Workbench panel: a prompt with up to four versions (or a draft), variables with a live
// preview of the exact rendered text, runs against one or more models side by side (streamed), output
// comparison, and saving the draft as a new version.
import type { PromptVersion, RenderPreview, VersionCreate } from '../api/prompts.js';
import type { JsonObject } from '../model/index.js';
import type { ModelsList } from '../protocol/models.js';
import type { PromptBundle } from './library.js';
import type { CommonRequests, WebviewError } from './protocol.js';
import type { PromptName } from './history.js';

export const MAX_VERSIONS = 4;
export const MAX_MODELS = 4;

/** Unsaved content edited in the workbench (a candidate next version). */
export type DraftContent = Pick<Required<VersionCreate>, 'system_prompt' | 'user_prompt_template' | 'few_shot_examples' | 'variables' | 'model_type' | 'temperature' | 'max_tokens'>;

/** What one column runs: a stored version or the draft. */
export type Candidate = { kind: 'version'; versionId: number; versionNumber: number } | { kind: 'draft' };

export interface Cell {
  cellId: string;
  candidate: Candidate;
  model: string;
}

export interface CellResult {
  cellId: string;
  ok: boolean;
  output: string;
  error?: WebviewError;
  executionId?: number;
  model?: string;
  executionTimeMs?: number;
  firstTokenMs?: number | null;
  tokensUsed?: number;
  costUsd?: number | null;
  fromCache?: boolean;
}

export type WorkbenchRequests = CommonRequests & {
  'workbench.prompts': [Record<string, never>, PromptName[]];
  'workbench.load': [{ id: number }, PromptBundle];
  'workbench.models': [Record<string, never>, ModelsList];
  /** the exact text a model receives for a version or the draft with these variables */
  'workbench.preview': [{ promptId: number; candidate: Candidate; draft?: DraftContent; variables: JsonObject }, RenderPreview];
  /** runs every cell (in parallel); tokens arrive as `cell.token` events; cancellable */
  'workbench.run': [{ promptId: number; cells: Cell[]; variables: JsonObject; draft?: DraftContent; bypassCache: boolean }, CellResult[]];
  'workbench.saveDraft': [{ promptId: number; draft: DraftContent; changeNotes: string; deploy: boolean }, PromptVersion];
};

export type WorkbenchEvents = {
  'cell.token': { cellId: string; text: string };
  'cell.done': CellResult;
  /** the library changed: the prompt's versions may have too */
  'library.changed': { ids: number[] };
  /** open this prompt (the panel was already open) */
  'workbench.open': WorkbenchInit;
};

export interface WorkbenchInit {
  /** prompt (and versions) to open, from the library or a command, or the ones compared last */
  promptId?: number;
  versionNumbers?: number[];
  /** variable values as typed in the form */
  variables?: Record<string, string>;
  /** only the last comparison: the page's own saved state wins */
  fallback?: boolean;
}

/** The cells of a run: every chosen candidate against every chosen model, in a stable order. */
export function cellsFor(candidates: Candidate[], models: string[]): Cell[] {
  const out: Cell[] = [];
  for (const c of candidates.slice(0, MAX_VERSIONS + 1)) {
    for (const m of models.slice(0, MAX_MODELS)) out.push({ cellId: `${c.kind === 'draft' ? 'draft' : `v${c.versionNumber}`}@${m}`, candidate: c, model: m });
  }
  return out;
}
