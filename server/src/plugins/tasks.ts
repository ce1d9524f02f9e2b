// One entry point for "run task T of plugin P": maps the task onto the method of the plugin's kind
// interface and checks the input that method needs, so the LSP, HTTP and the editor commands all speak the
// same small task vocabulary (analyze, security, generate, complete, summarize, tests, embed, search…).
import type { JsonValue } from '../../../shared/src/model/index.js';
import type { PluginTaskInput } from '../../../shared/src/protocol/plugins.js';
import { UserError } from '../util/errors.js';
import type { HostCallOptions } from './host/types.js';
import type { PluginRegistry } from './registry.js';
import type { CodeInput } from './sdk/kinds.js';

/** Semantic search, answered by the registry's owner for embedding plugins (see search.ts). */
export type SearchHandler = (pluginId: string, input: PluginTaskInput, opts: HostCallOptions) => Promise<JsonValue>;

export async function runPluginTask(
  registry: PluginRegistry,
  id: string,
  task: string,
  input: PluginTaskInput,
  opts: HostCallOptions & { search?: SearchHandler } = {},
): Promise<JsonValue> {
  const p = registry.get(id);
  if (!p.tasks.includes(task)) {
    throw new UserError('bad_request', `Plugin ${id} has no task "${task}".`, { hint: `Its tasks: ${p.tasks.join(', ') || 'none'}.` });
  }
  const call = (method: string, args: unknown[]) => registry.call<JsonValue>(id, method, args, opts);
  switch (p.kind) {
    case 'analyzer':
      return call('analyze', [code(input, task)]);
    case 'llm':
      return call('runTask', [task, code(input, task)]);
    case 'codegen':
      switch (task) {
        case 'generate':
          return call('generate', [{ description: need(input.description, 'description', task), language: input.language ?? 'plaintext', ...(input.code ? { context: input.code } : {}) }]);
        case 'complete':
          return call('complete', [{ prefix: need(input.code, 'code', task), language: input.language ?? 'plaintext', ...(input.suffix ? { suffix: input.suffix } : {}) }]);
        case 'tests':
          return call('tests', [{ ...code(input, task), ...(input.framework ? { framework: input.framework } : {}) }]);
        case 'summarize':
          return call('summarize', [code(input, task)]);
        default:
          throw new UserError('bad_request', `Codegen plugins answer generate, complete, summarize and tests, not "${task}".`);
      }
    case 'embedding':
      if (task === 'search') {
        if (!opts.search) throw new UserError('bad_request', 'Semantic search is not available here.');
        need(input.query, 'query', task);
        return opts.search(id, input, opts);
      }
      if (!Array.isArray(input.texts) || input.texts.length === 0 || input.texts.some((t) => typeof t !== 'string')) {
        throw new UserError('bad_request', `The ${task} task needs input.texts, a non-empty list of strings.`);
      }
      return call('embed', [input.texts]);
  }
}

function code(input: PluginTaskInput, task: string): CodeInput {
  return {
    code: need(input.code, 'code', task),
    language: input.language ?? 'plaintext',
    ...(input.path ? { path: input.path } : {}),
    ...(input.description ? { instructions: input.description } : {}),
  };
}

function need(v: string | undefined, field: string, task: string): string {
  if (typeof v !== 'string' || v.length === 0) throw new UserError('bad_request', `The ${task} task needs input.${field}.`);
  return v;
}
