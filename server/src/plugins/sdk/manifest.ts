// The plugin manifest: what a plugin declares about itself before any of its code runs. External plugins
// put it in their package.json under "codetune" (name, version and description default to the package's
// own fields); built-ins declare it in code. The registry validates it with TypeBox before loading.
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import semver from 'semver';
import { PLUGIN_KINDS, type PluginKind } from '../../../../shared/src/protocol/plugins.js';
import type { JsonObject } from '../../../../shared/src/model/index.js';

export { PLUGIN_KINDS, type PluginKind };

/**
 * What a plugin may ask the daemon to do for it. An isolated plugin reaches the daemon only through its
 * context (PluginHostApi), and each method there checks that the capability was declared.
 * - `prompts`: run a deployed prompt of the library (through model dispatch: cache, queue, history)
 * - `models`: send a raw prompt to a configured model
 * - `analysis`: run the static analysis engine
 * - `embeddings`: embed texts with the configured embedding model
 */
export const PLUGIN_CAPABILITIES = ['prompts', 'models', 'analysis', 'embeddings'] as const;
export type PluginCapability = (typeof PLUGIN_CAPABILITIES)[number];

/** The tasks each kind answers when no `tasks` list is given. */
export const DEFAULT_TASKS: Record<PluginKind, string[]> = {
  analyzer: ['analyze'],
  llm: ['analyze'],
  codegen: ['generate', 'complete', 'summarize', 'tests'],
  embedding: ['embed', 'search'],
};

export const PluginManifestSchema = Type.Object(
  {
    /** unique, stable id: lower case letters, digits, '.', '-', '_' and an optional @scope/ */
    id: Type.String({ pattern: '^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$', maxLength: 128 }),
    name: Type.String({ minLength: 1, maxLength: 128 }),
    /** the plugin's own version (semver) */
    version: Type.String({ minLength: 1 }),
    kind: Type.Union([Type.Literal('analyzer'), Type.Literal('llm'), Type.Literal('codegen'), Type.Literal('embedding')]),
    description: Type.Optional(Type.String()),
    /** task names; for an llm plugin these are the library prompt names it runs (analyze, security, optimize…) */
    tasks: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), { maxItems: 64 })),
    /** `engines.codetune`: the CodeTune versions the plugin works with (a semver range such as ^0.1.0) */
    engines: Type.Object({ codetune: Type.String({ minLength: 1 }) }),
    /** JSON schema (an object schema) of the plugin's settings; defaults fill missing values */
    settings: Type.Optional(Type.Object({ type: Type.Literal('object') }, { additionalProperties: true })),
    capabilities: Type.Optional(Type.Array(Type.Union([Type.Literal('prompts'), Type.Literal('models'), Type.Literal('analysis'), Type.Literal('embeddings')]))),
    /** entry module relative to the plugin folder (default: package.json "main", then index.js) */
    main: Type.Optional(Type.String({ minLength: 1 })),
    /** isolation limits; the registry caps them */
    limits: Type.Optional(
      Type.Object(
        {
          memoryMb: Type.Optional(Type.Integer({ minimum: 16, maximum: 4096 })),
          callTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** JSON schema of a plugin's settings: an object schema (properties, required, defaults, additionalProperties). */
export type SettingsSchema = { type: 'object' } & JsonObject;

export type PluginManifest = Omit<Static<typeof PluginManifestSchema>, 'settings'> & { settings?: SettingsSchema };

/** The manifest after validation, with defaults applied. */
export interface ResolvedManifest extends PluginManifest {
  description: string;
  tasks: string[];
  capabilities: PluginCapability[];
  settings?: SettingsSchema;
}

export type ManifestCheck = { ok: true; manifest: ResolvedManifest } | { ok: false; message: string };

/** Validates a manifest; the message names the first wrong field and what it should be. */
export function validateManifest(raw: unknown, where: string): ManifestCheck {
  if (!Value.Check(PluginManifestSchema, raw)) {
    const first = [...Value.Errors(PluginManifestSchema, raw)].find((e) => e.keyword !== 'boolean') ?? [...Value.Errors(PluginManifestSchema, raw)][0];
    const field = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : 'manifest';
    return { ok: false, message: `Invalid plugin manifest in ${where}: ${field} ${first?.message ?? 'is invalid'}.` };
  }
  const m = raw as PluginManifest;
  if (!semver.valid(m.version)) return { ok: false, message: `Invalid plugin manifest in ${where}: version "${m.version}" is not a semver version (such as 1.2.0).` };
  if (!semver.validRange(m.engines.codetune)) {
    return { ok: false, message: `Invalid plugin manifest in ${where}: engines.codetune "${m.engines.codetune}" is not a semver range (such as ^0.1.0).` };
  }
  return {
    ok: true,
    manifest: {
      ...m,
      description: m.description ?? '',
      tasks: m.tasks && m.tasks.length > 0 ? m.tasks : DEFAULT_TASKS[m.kind],
      capabilities: (m.capabilities ?? []) as PluginCapability[],
      ...(m.settings ? { settings: m.settings as SettingsSchema } : {}),
    },
  };
}

/** null when `engineVersion` satisfies the plugin's range, else the message saying what it needs. */
export function checkEngine(manifest: Pick<PluginManifest, 'id' | 'engines'>, engineVersion: string): string | null {
  if (semver.satisfies(engineVersion, manifest.engines.codetune, { includePrerelease: true })) return null;
  return `Plugin ${manifest.id} needs CodeTune ${manifest.engines.codetune}, but this daemon is ${engineVersion}. Install a version of the plugin made for CodeTune ${engineVersion}, or a CodeTune version in ${manifest.engines.codetune}.`;
}
