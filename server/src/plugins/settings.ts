// Plugin settings: validated against the JSON schema the manifest declares (TypeBox's Value checks plain JSON
// schemas), with the schema's top-level defaults filled in. Errors name the field, for a 400 or a form.
import { Value } from 'typebox/value';
import type { JsonObject, JsonValue } from '../../../shared/src/model/index.js';
import { UserError } from '../util/errors.js';

export interface SettingsProblem {
  /** dotted path of the wrong field, or '' for the whole object */
  field: string;
  message: string;
}

/** Fills top-level `default`s of an object schema into a copy of `settings`. */
export function withDefaults(schema: JsonObject | undefined, settings: JsonObject): JsonObject {
  const out: JsonObject = { ...settings };
  const props = schema?.properties;
  if (!props || typeof props !== 'object' || Array.isArray(props)) return out;
  for (const [k, p] of Object.entries(props)) {
    if (out[k] === undefined && p && typeof p === 'object' && !Array.isArray(p) && 'default' in p) out[k] = structuredClone(p.default as JsonValue);
  }
  return out;
}

/** The first problem of `settings` against `schema`, or null when they fit. No schema: only {} fits. */
export function settingsProblem(schema: JsonObject | undefined, settings: unknown): SettingsProblem | null {
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return { field: '', message: 'settings must be a JSON object' };
  if (!schema) {
    const keys = Object.keys(settings);
    return keys.length === 0 ? null : { field: keys[0]!, message: 'is not a setting of this plugin (it declares no settings)' };
  }
  if (Value.Check(schema, settings)) return null;
  const errors = [...Value.Errors(schema, settings)];
  // TypeBox reports `additionalProperties: false` twice: once as a "schema is false" on the extra field
  // (which names it) and once on the parent; keep the one naming the field
  const extra = errors.find((e) => e.keyword === 'boolean' && e.instancePath);
  if (extra) return { field: pointerToField(extra.instancePath), message: 'is not a setting of this plugin' };
  const first = errors.find((e) => e.keyword === 'required') ?? errors[0];
  if (!first) return { field: '', message: 'do not match the plugin settings schema' };
  if (first.keyword === 'required') {
    const missing = (first.params as { requiredProperties?: string[] }).requiredProperties?.[0];
    const base = pointerToField(first.instancePath);
    return { field: missing ? (base ? `${base}.${missing}` : missing) : base, message: 'is required' };
  }
  return { field: pointerToField(first.instancePath), message: first.message };
}

/** Validates and fills defaults; throws a UserError (400) naming the field. */
export function validateSettings(pluginId: string, schema: JsonObject | undefined, settings: unknown): JsonObject {
  const problem = settingsProblem(schema, settings);
  if (problem) {
    const where = problem.field ? `settings.${problem.field}` : 'settings';
    throw new UserError('validation_failed', `Invalid settings for plugin ${pluginId}: ${where} ${problem.message}.`, {
      hint: 'GET /api/plugins shows each plugin\'s settings schema.',
      details: { field: problem.field },
    });
  }
  return withDefaults(schema, settings as JsonObject);
}

function pointerToField(pointer: string): string {
  return pointer.replace(/^\//, '').split('/').filter(Boolean).join('.');
}
