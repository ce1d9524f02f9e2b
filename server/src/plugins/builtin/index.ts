// The built-in plugins, in the order they are listed.
import type { DaemonContext } from '../../context.js';
import type { PluginDefinition } from '../sdk/kinds.js';

export function builtinPlugins(_ctx: DaemonContext): PluginDefinition[] {
  return [];
}
