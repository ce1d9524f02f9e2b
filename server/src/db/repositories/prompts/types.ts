// The prompt library's storage contract: prompts, their immutable numbered versions, deployment, search,
// executions (with the counters they update) and A/B experiments. One implementation per dialect.
import type { ExperimentVariant, FewShotExample, ModelType, PromptCategory, VariableSpec } from '../../../../../shared/src/model/index.js';
import type { ExecutionRow, ExperimentRow, NewExecutionRow, PromptRow, PromptVersionRow } from '../../schema/rowtypes.js';

export type { ExecutionRow, ExperimentRow, NewExecutionRow, PromptRow, PromptVersionRow };

/** What a version holds: the prompt's content and model configuration. Changing any of it makes a new version. */
export interface VersionContent {
  systemPrompt: string;
  userPromptTemplate: string;
  fewShotExamples: FewShotExample[];
  variables: VariableSpec[];
  modelType: ModelType;
  temperature: number;
  maxTokens: number;
}

export const CONTENT_FIELDS = ['systemPrompt', 'userPromptTemplate', 'fewShotExamples', 'variables', 'modelType', 'temperature', 'maxTokens'] as const;

/** Metadata: editing it never makes a version. */
export interface PromptMetadata {
  name: string;
  description: string;
  category: PromptCategory;
  useCase: string;
  tags: string[];
  isActive: boolean;
  cachePolicy: string;
  cacheTtlSeconds: number | null;
}

export interface NewPrompt extends PromptMetadata {
  createdBy: string;
  content: VersionContent;
  changeNotes: string;
}

export interface NewVersion {
  content: VersionContent;
  createdBy: string;
  changeNotes: string;
  /** deploy the new version in the same transaction */
  deploy: boolean;
  /** stored creation time (imports keep the exported one); now when absent */
  createdAt?: Date;
}

/** A whole prompt written at once (file import): metadata, versions appended in order, a deployment. */
export interface ImportPlan {
  /** null: create the prompt */
  promptId: number | null;
  meta: PromptMetadata & { createdBy: string };
  /** appended after the existing versions, numbered contiguously */
  versions: NewVersion[];
  /** version number to deploy after appending (null: leave deployment as it is) */
  deployNumber: number | null;
}

export interface PromptFilter {
  category?: string;
  useCase?: string;
  /** prompts carrying every one of these tags */
  tags?: string[];
  modelType?: string;
  active?: boolean;
  /** full-text query over name, description and templates; words are matched as prefixes, all must match */
  q?: string;
  sort?: 'relevance' | 'recent' | 'name';
  limit: number;
  offset: number;
}

export interface PromptPage {
  items: PromptRow[];
  total: number;
}

export interface NewExperiment {
  promptId: number;
  name: string;
  variants: ExperimentVariant[];
}

/** One execution of an experiment, as the statistics need it. */
export interface ExperimentSample {
  versionId: number;
  success: boolean;
  executionTimeMs: number;
  rating: number | null;
}

export interface PromptRepository {
  /** prompt + version 1 (deployed) in one transaction; UserError conflict when the name is taken */
  create(p: NewPrompt): Promise<{ prompt: PromptRow; version: PromptVersionRow }>;
  get(id: number): Promise<PromptRow | undefined>;
  getByName(name: string): Promise<PromptRow | undefined>;
  list(f: PromptFilter): Promise<PromptPage>;
  /** every prompt's name and id, by name (export) */
  allIds(): Promise<{ id: number; name: string }[]>;
  /**
   * Metadata patch and, when given, a new version, in one transaction. UserError conflict when renaming onto
   * a taken name; undefined when the prompt does not exist.
   */
  update(id: number, patch: Partial<PromptMetadata>, version?: NewVersion): Promise<{ prompt: PromptRow; version: PromptVersionRow | null } | undefined>;
  /** next contiguous number under a lock on the prompt row; copies the content onto the prompt */
  createVersion(promptId: number, v: NewVersion): Promise<PromptVersionRow | undefined>;
  /** applies an import plan in one transaction; UserError conflict when the name is taken by another prompt */
  importPrompt(plan: ImportPlan): Promise<{ prompt: PromptRow; created: PromptVersionRow[] }>;
  getVersion(id: number): Promise<PromptVersionRow | undefined>;
  getVersionByNumber(promptId: number, versionNumber: number): Promise<PromptVersionRow | undefined>;
  listVersions(promptId: number): Promise<PromptVersionRow[]>;
  getDeployedVersion(promptId: number): Promise<PromptVersionRow | undefined>;
  /** makes `versionId` the only deployed version of its prompt; undefined when it is not a version of that prompt */
  deploy(promptId: number, versionId: number): Promise<PromptVersionRow | undefined>;
  /** true when a row was deleted (versions and experiments cascade; history keeps its rows with null ids) */
  hardDelete(id: number): Promise<boolean>;

  /** inserts the history row and updates the version's and the prompt's counters in the same transaction */
  recordExecution(row: NewExecutionRow): Promise<ExecutionRow>;

  createExperiment(e: NewExperiment): Promise<ExperimentRow>;
  getExperiment(id: number): Promise<ExperimentRow | undefined>;
  listExperiments(promptId: number): Promise<ExperimentRow[]>;
  runningExperiment(promptId: number): Promise<ExperimentRow | undefined>;
  /** ends a running experiment; with a winner, deploys it in the same transaction. undefined when not running */
  endExperiment(id: number, winnerVersionId: number | null): Promise<ExperimentRow | undefined>;
  experimentSamples(id: number): Promise<ExperimentSample[]>;
}
