// One typed interface per plugin kind. A plugin module exports `definePlugin({ manifest?, activate })`;
// `activate` receives a PluginContext and returns the implementation of the manifest's kind. Everything
// crossing the plugin boundary is plain JSON, because external plugins run in a worker thread.
import type { JsonObject } from '../../../../shared/src/model/index.js';
import type { FindingFix, FindingRange, Severity } from '../../../../shared/src/protocol/analysis.js';
import type { PluginKind, PluginManifest } from './manifest.js';

export type { Severity, FindingRange, FindingFix };

/**
 * A problem found in code: the daemon's Finding shape (shared/src/protocol/analysis.ts) with only what a
 * plugin must say required. Ranges are zero-based line / UTF-16 character, like LSP; the end is exclusive.
 * The daemon fills `file`, `fingerprint` and `source` when the plugin leaves them out.
 */
export interface PluginFinding {
  ruleId: string;
  message: string;
  severity: Severity;
  range: FindingRange;
  /** e.g. "CWE-89" */
  cwe?: string;
  fix?: FindingFix;
  source?: 'static' | 'llm';
  file?: string;
  fingerprint?: string;
}

/** Code metrics of one text: its length, and per function (and class) length and cyclomatic complexity. */
export interface CodeMetrics {
  lines: number;
  /** the highest cyclomatic complexity of a function (1 when there is none) */
  maxComplexity: number;
  units: { kind: 'function' | 'class'; name: string; range: FindingRange; lines: number; complexity: number }[];
}

export interface CodeInput {
  code: string;
  /** VS Code language id: python, javascript, typescript, java, go… */
  language: string;
  /** file path, copied into findings */
  path?: string;
  /** extra instructions from the user */
  instructions?: string;
  /** model id overriding the plugin's own choice for this call (llm and codegen plugins) */
  model?: string;
}

export interface CallOptions {
  /** aborted when the caller cancels (editor request cancelled, HTTP client gone) */
  signal?: AbortSignal;
  /** streamed text, for llm and codegen output */
  onToken?: (text: string) => void;
}

/** analyzer: code in → findings and metrics. Task: analyze. */
export interface AnalyzerPlugin {
  analyze(input: CodeInput, opts?: CallOptions): Promise<AnalyzerResult>;
}
export interface AnalyzerResult {
  findings: PluginFinding[];
  metrics?: CodeMetrics;
}

/** llm: a task over code through a library prompt. Tasks: the manifest's list (analyze, security, optimize…). */
export interface LlmPlugin {
  runTask(task: string, input: CodeInput, opts?: CallOptions): Promise<LlmTaskResult>;
}
export interface LlmTaskResult {
  task: string;
  /** the model's answer */
  output: string;
  /** structured findings, for tasks that produce them (security) */
  findings?: PluginFinding[];
  /** parts of the model's answer that could not be read as findings, one line each */
  problems?: string[];
  model?: string;
  /** execution_history row of the model call, when it went through dispatch */
  executionId?: number | null;
  fromCache?: boolean;
}

/** codegen: generate, complete, summarize, write tests. */
export interface CodegenPlugin {
  generate(input: { description: string; language: string; context?: string }, opts?: CallOptions): Promise<CodegenResult>;
  complete(input: { prefix: string; suffix?: string; language: string }, opts?: CallOptions): Promise<CodegenResult>;
  summarize(input: CodeInput, opts?: CallOptions): Promise<CodegenResult>;
  tests(input: CodeInput & { framework?: string }, opts?: CallOptions): Promise<CodegenResult>;
}
export interface CodegenResult {
  output: string;
  model?: string;
  executionId?: number | null;
  fromCache?: boolean;
}

/** embedding: texts → vectors (all of the same dimension). */
export interface EmbeddingPlugin {
  embed(texts: string[], opts?: CallOptions): Promise<EmbeddingResult>;
}
export interface EmbeddingResult {
  vectors: number[][];
  model: string;
}

export interface KindInterfaces {
  analyzer: AnalyzerPlugin;
  llm: LlmPlugin;
  codegen: CodegenPlugin;
  embedding: EmbeddingPlugin;
}
export type PluginImplementation = KindInterfaces[PluginKind];

export interface HostRunOptions {
  /** configured model id; the default model when absent */
  model?: string;
  /** in-process (built-in) plugins only: functions and signals do not cross the worker boundary */
  signal?: AbortSignal;
  onToken?: (text: string) => void;
}

/** What the daemon offers a plugin. Each method needs the capability named in its comment. */
export interface PluginHostApi {
  /** `prompts`: run the deployed version of a library prompt with variables through model dispatch */
  runPrompt(name: string, variables: JsonObject, opts?: HostRunOptions): Promise<{ output: string; model: string; executionId: number | null; fromCache: boolean }>;
  /** `models`: send a raw prompt to a configured model (the default model when none is named) */
  complete(prompt: string, opts?: HostRunOptions & { system?: string; maxTokens?: number; temperature?: number }): Promise<{ output: string; model: string }>;
  /** `analysis`: run the static analysis engine */
  analyze(code: string, language: string): Promise<{ findings: PluginFinding[]; metrics?: CodeMetrics }>;
  /** `embeddings`: embed texts with the configured embedding model */
  embed(texts: string[]): Promise<EmbeddingResult>;
}

export interface PluginLogger {
  debug(msg: string, data?: JsonObject): void;
  info(msg: string, data?: JsonObject): void;
  warn(msg: string, data?: JsonObject): void;
  error(msg: string, data?: JsonObject): void;
}

export interface PluginContext {
  readonly pluginId: string;
  /** validated settings, defaults applied */
  readonly settings: JsonObject;
  /** the CodeTune daemon version */
  readonly engineVersion: string;
  readonly log: PluginLogger;
  readonly host: PluginHostApi;
}

/** What a plugin module exports (default export, or a named export `plugin`). */
export interface PluginDefinition<K extends PluginKind = PluginKind> {
  /** optional here: external plugins declare it in package.json "codetune" */
  manifest?: PluginManifest & { kind: K };
  activate(ctx: PluginContext): KindInterfaces[K] | Promise<KindInterfaces[K]>;
  /** called before unload (disable, reload, settings change, daemon stop) */
  deactivate?(): void | Promise<void>;
}

/** Identity function that gives plugin authors type checking of their definition. */
export function definePlugin<K extends PluginKind>(def: PluginDefinition<K>): PluginDefinition<K> {
  return def;
}

/** The methods of each kind the registry may call, and the task each one answers. */
export const KIND_METHODS: Record<PluginKind, readonly string[]> = {
  analyzer: ['analyze'],
  llm: ['runTask'],
  codegen: ['generate', 'complete', 'summarize', 'tests'],
  embedding: ['embed'],
};
