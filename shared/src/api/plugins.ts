// HTTP schemas of the plugin registry: /api/plugins and its per-plugin actions.
import { Type, type Static } from 'typebox';

export const PluginResponse = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    version: Type.String(),
    kind: Type.Union([Type.Literal('analyzer'), Type.Literal('llm'), Type.Literal('codegen'), Type.Literal('embedding')]),
    description: Type.String(),
    tasks: Type.Array(Type.String()),
    source: Type.Union([Type.Literal('builtin'), Type.Literal('folder'), Type.Literal('npm')]),
    path: Type.Optional(Type.String({ description: 'folder of an external plugin' })),
    engine: Type.String({ description: 'semver range of CodeTune versions the plugin supports' }),
    capabilities: Type.Array(Type.String()),
    state: Type.Union([Type.Literal('loaded'), Type.Literal('active'), Type.Literal('disabled'), Type.Literal('error')]),
    message: Type.Optional(Type.String({ description: 'why the plugin is in error or disabled' })),
    enabled: Type.Boolean(),
    isolated: Type.Boolean({ description: 'runs in a worker thread with memory and time limits' }),
    settings: Type.Record(Type.String(), Type.Unknown()),
    settings_schema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'Plugin' },
);
export type PluginResponse = Static<typeof PluginResponse>;

export const PluginListResponse = Type.Object({
  plugins: Type.Array(PluginResponse),
  trusted: Type.Union([Type.Boolean(), Type.Null()], { description: 'whether the editor declared the workspace trusted; null until it did' }),
});
export type PluginListResponse = Static<typeof PluginListResponse>;

export const PluginIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
export type PluginIdParams = Static<typeof PluginIdParams>;

export const PluginTaskParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), task: Type.String({ minLength: 1, maxLength: 64 }) });
export type PluginTaskParams = Static<typeof PluginTaskParams>;

export const PluginSettingsBody = Type.Record(Type.String(), Type.Unknown(), { description: 'the whole settings object; validated against the plugin settings schema' });
export type PluginSettingsBody = Static<typeof PluginSettingsBody>;

export const PluginTaskBody = Type.Object(
  {
    code: Type.Optional(Type.String()),
    language: Type.Optional(Type.String()),
    path: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    suffix: Type.Optional(Type.String()),
    framework: Type.Optional(Type.String()),
    texts: Type.Optional(Type.Array(Type.String(), { maxItems: 256 })),
    query: Type.Optional(Type.String()),
    scope: Type.Optional(Type.Union([Type.Literal('prompts'), Type.Literal('history')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type PluginTaskBody = Static<typeof PluginTaskBody>;

export const PluginTaskResponse = Type.Object({ plugin_id: Type.String(), task: Type.String(), result: Type.Unknown(), duration_ms: Type.Number() });
export type PluginTaskResponse = Static<typeof PluginTaskResponse>;
