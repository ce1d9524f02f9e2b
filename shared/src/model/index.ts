// Domain value types shared by the daemon, the extension and the webviews. Pure types and constants only:
// this module must stay importable from every bundle (node, extension host, browser).

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const PROMPT_CATEGORIES = [
  'code_generation',
  'code_review',
  'refactoring',
  'security',
  'testing',
  'documentation',
  'explanation',
  'optimization',
  'analysis',
  'debugging',
  'other',
] as const;
export type PromptCategory = (typeof PROMPT_CATEGORIES)[number];

export const MODEL_TYPES = ['chat', 'completion'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const VARIABLE_TYPES = ['string', 'code', 'number', 'boolean', 'enum', 'json'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export interface VariableSpec {
  name: string;
  type: VariableType;
  required: boolean;
  default?: JsonValue;
  description?: string;
  /** allowed values when type is "enum" */
  values?: string[];
}

export interface FewShotExample {
  input: string;
  output: string;
}

export const CACHE_POLICIES = ['always', 'deterministic', 'never'] as const;
export type CachePolicy = (typeof CACHE_POLICIES)[number];

export interface ExperimentVariant {
  version_id: number;
  weight: number;
}

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];
