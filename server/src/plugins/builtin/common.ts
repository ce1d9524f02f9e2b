// Shared pieces of the built-in plugins: the variables a library prompt gets from a code input, and the
// manifest fields every built-in has (they ship with the daemon, so their engine range is its version).
import type { JsonObject } from '../../../../shared/src/model/index.js';
import type { DaemonContext } from '../../context.js';
import type { CodeInput } from '../sdk/kinds.js';
import type { PluginKind, PluginManifest } from '../sdk/manifest.js';

/**
 * Values offered to a library prompt; each prompt receives only the ones it declares. Names follow the
 * starter library (server/prompts/starter): code, language, file_path, description, framework, context,
 * diagnostics; the others (goal, audience, style…) keep the defaults their prompts declare.
 */
export function codeVariables(input: Partial<CodeInput> & { description?: string; framework?: string; prefix?: string; suffix?: string; context?: string }): JsonObject {
  const v: JsonObject = {};
  const set = (k: string, x: unknown) => {
    if (typeof x === 'string' && x.length > 0) v[k] = x;
  };
  set('code', input.code ?? input.prefix);
  set('language', input.language);
  set('file_path', input.path);
  set('filename', input.path);
  set('instructions', input.instructions);
  // fix-diagnostic: the diagnostics to fix come as the task's instructions
  set('diagnostics', input.instructions);
  set('description', input.description);
  set('task', input.description);
  set('framework', input.framework);
  set('test_framework', input.framework);
  set('context', input.context);
  set('suffix', input.suffix);
  return v;
}

export function builtinManifest<K extends PluginKind>(ctx: DaemonContext, m: Omit<PluginManifest, 'version' | 'engines' | 'kind'> & { kind: K }): PluginManifest & { kind: K } {
  return { ...m, version: ctx.version, engines: { codetune: ctx.version } };
}

/** Settings schema with the one setting every model-backed built-in has. */
export function modelSetting(description: string): NonNullable<PluginManifest['settings']> {
  return {
    type: 'object',
    properties: { model: { type: 'string', default: '', description } },
    additionalProperties: false,
  };
}
