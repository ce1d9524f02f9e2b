// Fixtures of the feature tests (commands, webviews): a local OpenAI-compatible model server the daemon is
// pointed at through the extension's own codetune.models setting, and the library prompts the commands run
// (created when the starter library does not provide them).
import * as vscode from 'vscode';
import { ModelsListRequest } from '../../../shared/src/protocol/models.js';
import { PromptsCreateRequest, PromptsGetRequest, PromptsUpdateRequest } from '../../../shared/src/protocol/prompts.js';
import type { CodetuneApi } from '../../../extension/src/extension.js';
import { start, type FakeServer } from '../../fakes/index.js';
import { waitFor, withTimeout } from './vscode.js';

export const MODEL_ID = 'fake-local';

export interface ModelFixture {
  fake: FakeServer;
  /** what the model answers next (every request until changed) */
  reply: string;
}

/** Starts the fake model server and makes it the extension's model; resolves once the daemon lists it. */
export async function useFakeModel(api: CodetuneApi, chunkDelayMs = 0): Promise<ModelFixture> {
  const fixture = { reply: 'OK' } as ModelFixture;
  fixture.fake = await start({ protocol: 'openai', reply: () => fixture.reply, chunkDelayMs });
  const c = vscode.workspace.getConfiguration('codetune');
  await c.update('models', [{ id: MODEL_ID, provider: 'openai-compatible', model: 'fake-coder', baseUrl: fixture.fake.url, pricing: { input_per_million_usd: 1, output_per_million_usd: 2 } }], vscode.ConfigurationTarget.Global);
  await c.update('model', MODEL_ID, vscode.ConfigurationTarget.Global);
  await waitFor(
    async () => {
      const list = await withTimeout(api.ctx.api.send0(ModelsListRequest.type), 5000, 'codetune/models/list');
      return list.models.some((m) => m.id === MODEL_ID);
    },
    { what: `the daemon to list the model ${MODEL_ID}`, timeoutMs: 30_000, intervalMs: 250 },
  );
  return fixture;
}

const CODE_VARS = [
  { name: 'code', type: 'code', required: true, description: 'the code' },
  { name: 'language', type: 'string', required: false, default: '' },
  { name: 'file_path', type: 'string', required: false, default: '' },
  { name: 'diagnostics', type: 'string', required: false, default: '' },
];

/** The prompts the commands run by default: the starter library's when present, else these. */
const PROMPTS: { name: string; category: string; template: string; extra?: typeof CODE_VARS }[] = [
  { name: 'analyze', category: 'analysis', template: 'Analyze this {{language}} code:\n{{code}}' },
  { name: 'security-audit', category: 'security', template: 'Audit for vulnerabilities:\n{{code}}' },
  { name: 'optimize', category: 'optimization', template: 'Optimize:\n{{code}}' },
  { name: 'explain', category: 'explanation', template: 'Explain:\n{{code}}\n{{diagnostics}}' },
  { name: 'generate', category: 'code_generation', template: 'Write {{language}} code: {{description}}\nContext:\n{{code}}', extra: [{ name: 'description', type: 'string', required: true, description: 'what to write' }] },
  { name: 'unit-tests', category: 'testing', template: 'Write unit tests for:\n{{code}}' },
  { name: 'summarize', category: 'documentation', template: 'Summarize:\n{{code}}' },
  { name: 'refactor', category: 'refactoring', template: 'Refactor:\n{{code}}' },
  { name: 'fix-diagnostic', category: 'debugging', template: 'Fix {{diagnostics}} in:\n{{code}}' },
];

/** Makes sure every command prompt exists, and that none answers from the cache (each test wants its reply). */
export async function ensurePrompts(api: CodetuneApi): Promise<void> {
  for (const p of PROMPTS) {
    let id: number | undefined;
    try {
      id = (await api.ctx.api.send(PromptsGetRequest.type, { prompt: p.name })).prompt.id;
    } catch {
      const d = await api.ctx.api.send(PromptsCreateRequest.type, {
        name: p.name,
        category: p.category,
        description: `${p.name} (created by the extension tests)`,
        user_prompt_template: p.template,
        variables: [...CODE_VARS.map((v) => (p.name === 'generate' && v.name === 'code' ? { ...v, required: false, default: '' } : v)), ...(p.extra ?? [])],
        model_type: 'chat',
        temperature: 0,
        max_tokens: 512,
        cache_policy: 'never',
      });
      id = d.prompt.id;
    }
    await api.ctx.api.send(PromptsUpdateRequest.type, { prompt: id, changes: { cache_policy: 'never' } });
  }
}

export async function openWorkspaceFile(rel: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e window has no workspace folder');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** A scratch copy of a workspace file (untitled, same language): tests edit it without touching the fixture. */
export async function scratch(rel: string): Promise<vscode.TextEditor> {
  const src = await openWorkspaceFile(rel);
  const doc = await vscode.workspace.openTextDocument({ language: src.document.languageId, content: src.document.getText() });
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(text)) return i;
  throw new Error(`"${text}" is not in ${doc.uri.toString()}`);
}
