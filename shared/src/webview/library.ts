// Messages of the Prompt Library panel. Shapes are the daemon's (shared/src/api/prompts.ts, the same over
// HTTP and LSP); the host forwards each request to the matching codetune/prompts/* method.
import type {
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
import type { CommonRequests } from './protocol.js';

export interface PromptBundle {
  details: PromptDetails;
  versions: PromptVersion[];
  experiments: Experiment[];
}

export interface TransferReport {
  /** folder written or read */
  folder: string;
  count: number;
  /** files that could not be imported, one line each (file and reason) */
  problems: string[];
}

export type LibraryRequests = CommonRequests & {
  'library.list': [PromptListQuery, PromptList];
  'library.get': [{ id: number }, PromptBundle];
  'library.create': [PromptCreate, PromptBundle];
  /** metadata edits keep the version; content edits make a new one (deploy: deploy it) */
  'library.update': [{ id: number; patch: PromptUpdate }, PromptBundle];
  'library.createVersion': [{ id: number; version: VersionCreate }, PromptBundle];
  'library.deploy': [{ id: number; versionNumber: number }, PromptBundle];
  /** without a version number: the newest version older than the deployed one */
  'library.rollback': [{ id: number; versionNumber?: number }, PromptBundle];
  'library.diff': [{ id: number; from: number; to: number }, VersionDiff];
  'library.delete': [{ id: number; hard: boolean }, DeleteResult];
  'library.preview': [{ id: number } & RenderPreviewBody, RenderPreview];
  'library.experimentCreate': [{ id: number; experiment: ExperimentCreate }, PromptBundle];
  'library.experimentResults': [{ experimentId: number }, ExperimentResults];
  /** deploys the given version (default: the leader) and ends the experiment */
  'library.experimentPromote': [{ experimentId: number; versionId?: number }, ExperimentResults];
  /** asks for a folder, then imports / exports the library there; null when the user cancelled */
  'library.import': [Record<string, never>, TransferReport | null];
  'library.export': [Record<string, never>, TransferReport | null];
  'library.openInWorkbench': [{ id: number; versionNumbers?: number[] }, void];
};

export type LibraryEvents = {
  /** the library changed (another panel, window, CLI import); ids that changed when known */
  'library.changed': { ids: number[] };
  /** select this prompt (the panel was already open) */
  'library.select': { id: number };
};

export interface LibraryInit {
  /** prompt to select (opened from a command or another panel, or the one shown last) */
  selectId?: number;
  /** selectId is only the one shown last: the page's own saved selection wins */
  fallback?: boolean;
}
