// codetune/plugins/*: the plugin registry seen from the editor. The daemon owns the registry; the extension
// lists plugins, turns them on and off, edits their settings, runs their tasks, and tells the daemon whether
// the workspace is trusted (external plugins run only in a trusted workspace).
import { NotificationType, ProgressType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { JsonObject, JsonValue } from '../model/index.js';

export const PLUGIN_KINDS = ['analyzer', 'llm', 'codegen', 'embedding'] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];

/**
 * loaded: code loaded, not running (activation pending); active: running and callable; disabled: turned off
 * by the user or blocked (untrusted workspace), `message` says which; error: failed, `message` says why.
 */
export const PLUGIN_STATES = ['loaded', 'active', 'disabled', 'error'] as const;
export type PluginStateName = (typeof PLUGIN_STATES)[number];

/** builtin: ships with the daemon, runs in-process; folder / npm: external, runs isolated in a worker thread */
export type PluginSource = 'builtin' | 'folder' | 'npm';

export interface PluginInfo {
  id: string;
  name: string;
  version: string;
  kind: PluginKind;
  description: string;
  tasks: string[];
  source: PluginSource;
  /** folder of an external plugin; absent for built-ins */
  path?: string;
  /** semver range of CodeTune versions the plugin supports */
  engine: string;
  capabilities: string[];
  state: PluginStateName;
  /** why the plugin is in error or disabled; absent when there is nothing to say */
  message?: string;
  /** the user's choice; a plugin may be enabled and still not run (error, untrusted workspace) */
  enabled: boolean;
  isolated: boolean;
  settings: JsonObject;
  /** JSON schema of the settings, for forms */
  settingsSchema?: JsonObject;
}

export interface PluginIdParams {
  id: string;
}

/** client → server: every plugin the registry knows, built-in and external. */
export namespace PluginsListRequest {
  export const method = 'codetune/plugins/list' as const;
  export const type = new RequestType0<PluginInfo[], void>(method);
}

/** client → server: turn a plugin on (persisted); answers its new state. */
export namespace PluginsEnableRequest {
  export const method = 'codetune/plugins/enable' as const;
  export const type = new RequestType<PluginIdParams, PluginInfo, void>(method);
}

/** client → server: turn a plugin off (persisted); answers its new state. */
export namespace PluginsDisableRequest {
  export const method = 'codetune/plugins/disable' as const;
  export const type = new RequestType<PluginIdParams, PluginInfo, void>(method);
}

/** client → server: unload and load a plugin again from its files (clears an error state). */
export namespace PluginsReloadRequest {
  export const method = 'codetune/plugins/reload' as const;
  export const type = new RequestType<PluginIdParams, PluginInfo, void>(method);
}

export interface PluginSetSettingsParams {
  id: string;
  settings: JsonObject;
}

/** client → server: replace a plugin's settings (validated against its schema; the plugin restarts with them). */
export namespace PluginsSetSettingsRequest {
  export const method = 'codetune/plugins/setSettings' as const;
  export const type = new RequestType<PluginSetSettingsParams, PluginInfo, void>(method);
}

/** Input of a task. Which fields matter depends on the plugin's kind and the task (see the SDK). */
export interface PluginTaskInput {
  code?: string;
  language?: string;
  /** file path, used in findings */
  path?: string;
  /** free text: what to generate, or extra instructions */
  description?: string;
  /** codegen complete: the text after the cursor (`code` is the text before it) */
  suffix?: string;
  /** codegen tests: the test framework (pytest, jest, junit…) */
  framework?: string;
  /** embedding: the texts to embed */
  texts?: string[];
  /** embedding search: the query and where to search */
  query?: string;
  scope?: 'prompts' | 'history';
  limit?: number;
}

export interface PluginRunTaskParams {
  id: string;
  task: string;
  input: PluginTaskInput;
  /** streamed text of llm and codegen tasks arrives as $/progress (PluginTaskPartialProgress) on this token */
  partialResultToken?: string | number;
}

/** A piece of a task's text output, sent as $/progress on the request's partialResultToken. */
export interface PluginTaskPartial {
  text: string;
}
export const PluginTaskPartialProgress = new ProgressType<PluginTaskPartial>();

export interface PluginTaskResult {
  pluginId: string;
  task: string;
  /** the kind-specific result (findings + metrics, text output, vectors, search hits) */
  result: JsonValue;
  durationMs: number;
}

/** client → server: run one task of a plugin. Cancellable; streams text with partialResultToken. */
export namespace PluginsRunTaskRequest {
  export const method = 'codetune/plugins/runTask' as const;
  export const type = new RequestType<PluginRunTaskParams, PluginTaskResult, void>(method);
}

export interface PluginSetTrustParams {
  trusted: boolean;
}

/**
 * client → server: whether the workspace is trusted. Untrusted: external plugins are unloaded and not
 * loaded again until trust is given (built-ins keep running). Also accepted at start as
 * initializationOptions.trusted.
 */
export namespace PluginsSetTrustRequest {
  export const method = 'codetune/plugins/setTrust' as const;
  export const type = new RequestType<PluginSetTrustParams, PluginInfo[], void>(method);
}

export interface PluginsDidChangeParams {
  /** the plugins whose state, settings or presence changed */
  changed: PluginInfo[];
  /** ids of plugins that are gone (their files were removed) */
  removed: string[];
}

/** server → client: plugins changed (state, settings, discovered or removed). */
export namespace PluginsDidChangeNotification {
  export const method = 'codetune/plugins/didChange' as const;
  export const type = new NotificationType<PluginsDidChangeParams>(method);
}
