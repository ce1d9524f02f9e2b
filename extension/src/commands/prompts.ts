// Run Prompt…: a quick pick over the library, then the prompt's variables — the editor's own (code,
// language, file_path, diagnostics) filled from the selection, the others asked one by one by type.
import * as vscode from 'vscode';
import type { JsonObject, JsonValue, VariableSpec } from '../../../shared/src/model/index.js';
import { PromptsGetRequest, PromptsListRequest } from '../../../shared/src/protocol/prompts.js';
import type { CommandFactory } from './index.js';
import { editorVariables, runPrompt } from './run.js';
import { codeTarget, type CodeTarget } from './target.js';

const EDITOR_VARIABLES = new Set(['code', 'language', 'file_path', 'diagnostics']);
/** categories whose answer is code that can replace the target */
const SUGGESTING = new Set(['refactoring', 'optimization', 'debugging']);

/** Parses what the user typed for a variable of the given type; throws a message naming the variable. */
export function parseVariable(spec: VariableSpec, text: string): JsonValue {
  switch (spec.type) {
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`"${spec.name}" must be a number (got "${text}").`);
      return n;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new Error(`"${spec.name}" must be true or false.`);
      return text === 'true';
    case 'json':
      try {
        return JSON.parse(text) as JsonValue;
      } catch (e) {
        throw new Error(`"${spec.name}" must be JSON: ${(e as Error).message}`);
      }
    case 'enum':
      if (spec.values?.length && !spec.values.includes(text)) throw new Error(`"${spec.name}" must be one of ${spec.values.join(', ')}.`);
      return text;
    default:
      return text;
  }
}

/** Asks for one variable; undefined when the user cancelled, null when an optional one was left empty. */
async function ask(spec: VariableSpec, index: number, total: number): Promise<JsonValue | null | undefined> {
  const title = `CodeTune: ${spec.name} (${index}/${total})`;
  if (spec.type === 'enum' || spec.type === 'boolean') {
    const values = spec.type === 'boolean' ? ['true', 'false'] : (spec.values ?? []);
    const items = [...values.map((v) => ({ label: v })), ...(spec.required ? [] : [{ label: '(leave empty)' }])];
    const pick = await vscode.window.showQuickPick(items, { title, placeHolder: spec.description ?? spec.name, ignoreFocusOut: true });
    if (!pick) return undefined;
    return pick.label === '(leave empty)' ? null : parseVariable(spec, pick.label);
  }
  const text = await vscode.window.showInputBox({
    title,
    prompt: `${spec.description ?? spec.name} (${spec.type}${spec.required ? ', required' : ', optional'})`,
    value: spec.default === undefined ? '' : typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default),
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (!v && spec.required) return `${spec.name} is required.`;
      if (!v) return undefined;
      try {
        parseVariable(spec, v);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
  if (text === undefined) return undefined;
  return text === '' ? null : parseVariable(spec, text);
}

export function promptCommands(): Record<string, CommandFactory> {
  return {
    'codetune.runPrompt': {
      enabled: (ctx) => async (...args: unknown[]) => {
        // arguments (tests, other extensions): a prompt name and variables, no questions asked
        const givenName = typeof args[0] === 'string' ? args[0] : undefined;
        const givenVars = args[1] && typeof args[1] === 'object' ? (args[1] as JsonObject) : undefined;
        let name = givenName;
        if (!name) {
          const page = await ctx.api.send(PromptsListRequest.type, { active: true, sort: 'name', limit: 200 });
          if (!page.items.length) throw new Error('The prompt library is empty: create a prompt in "CodeTune: Open Prompt Library".');
          const pick = await vscode.window.showQuickPick(
            page.items.map((p) => ({ label: p.name, description: p.category, detail: p.description, name: p.name })),
            { title: 'CodeTune: run a prompt from the library', matchOnDescription: true, matchOnDetail: true },
          );
          if (!pick) return undefined;
          name = pick.name;
        }
        const details = await ctx.api.send(PromptsGetRequest.type, { prompt: name });
        const specs = (details.deployed_version?.variables ?? details.prompt.variables) as VariableSpec[];
        let target: CodeTarget | undefined;
        if (vscode.window.activeTextEditor) target = await codeTarget([]);
        const variables: JsonObject = {};
        if (target) for (const [k, v] of Object.entries(editorVariables(target))) if (specs.some((s) => s.name === k)) variables[k] = v;
        if (givenVars) Object.assign(variables, givenVars);
        const missing = specs.filter((s) => !(s.name in variables) && !(EDITOR_VARIABLES.has(s.name) && target));
        if (!givenVars) {
          for (const [i, spec] of missing.entries()) {
            const v = await ask(spec, i + 1, missing.length);
            if (v === undefined) return undefined;
            if (v !== null) variables[spec.name] = v;
          }
        }
        const suggestion = target && SUGGESTING.has(details.prompt.category) ? { range: target.range, mode: 'replace' as const } : undefined;
        return runPrompt(ctx, { title: details.prompt.name, promptName: details.prompt.name, variables, target, suggestion });
      },
    },
  };
}
