// Persistent state of each plugin (plugin_state): whether the user enabled it, the state it reached, the
// error message, and its settings. Built-ins and external plugins alike; rows outlive uninstalls so
// settings come back when a plugin is installed again.
import type { JsonObject } from '../../../../../shared/src/model/index.js';
import type { PluginStateName } from '../../../../../shared/src/protocol/plugins.js';
import type { PluginStateRow } from '../../schema/rowtypes.js';

export interface PluginStateRecord {
  pluginId: string;
  enabled: boolean;
  state: PluginStateName;
  errorMessage: string | null;
  settings: JsonObject;
  updatedAt: Date;
}

export type PluginStateWrite = Omit<PluginStateRecord, 'updatedAt'>;

export interface PluginStateRepository {
  get(pluginId: string): Promise<PluginStateRecord | undefined>;
  list(): Promise<PluginStateRecord[]>;
  /** insert or replace the whole row */
  save(rec: PluginStateWrite): Promise<PluginStateRecord>;
  remove(pluginId: string): Promise<boolean>;
}

/** Row → record; the row type is the same on both dialects (schema/rowtypes.ts). */
export const toPluginStateRecord = (r: PluginStateRow): PluginStateRecord => ({
  pluginId: r.pluginId,
  enabled: r.enabled,
  state: r.state as PluginStateName,
  errorMessage: r.errorMessage,
  settings: r.settings,
  updatedAt: r.updatedAt,
});
