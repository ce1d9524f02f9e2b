// Renders a prompt version with values: pure and deterministic (same input → same bytes). Substitution is
// one pass over the parsed segments, so a value that contains `{{x}}` is inserted as text and never expanded.
import type { FewShotExample, JsonValue, VariableSpec } from '../../../../shared/src/model/index.js';
import { UserError } from '../../util/errors.js';
import { parseTemplate, type ParsedTemplate } from './parse.js';
import { checkDeclared, resolveValues, valueText } from './variables.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface RenderInput {
  systemPrompt: string;
  userPromptTemplate: string;
  fewShotExamples: FewShotExample[];
  variables: VariableSpec[];
  modelType: 'chat' | 'completion';
}

export interface Rendered {
  messages: ChatMessage[];
  /** exact text sent to a completion model, and the preview (for chat models a role-labelled transcript) */
  text: string;
  /** values after defaults, keys sorted */
  variables: Record<string, JsonValue>;
}

export interface CheckedTemplates {
  system: ParsedTemplate;
  user: ParsedTemplate;
  /** names used by either template, system first */
  used: string[];
}

/** Parses both templates and checks declarations; throws UserError naming the field or the variable. */
export function checkTemplates(input: Pick<RenderInput, 'systemPrompt' | 'userPromptTemplate' | 'variables' | 'fewShotExamples'>): CheckedTemplates {
  const system = parseTemplate(input.systemPrompt ?? '', 'system_prompt');
  const user = parseTemplate(input.userPromptTemplate ?? '', 'user_prompt_template');
  const used = [...new Set([...system.names, ...user.names])];
  checkDeclared(used, input.variables ?? []);
  checkExamples(input.fewShotExamples ?? []);
  return { system, user, used };
}

function checkExamples(examples: readonly FewShotExample[]): void {
  examples.forEach((e, i) => {
    if (typeof e?.input !== 'string' || typeof e?.output !== 'string') {
      throw new UserError('validation_failed', `few_shot_examples[${i}] must have text fields 'input' and 'output'.`, {
        details: { field: 'few_shot_examples', index: i },
      });
    }
  });
}

function fill(t: ParsedTemplate, values: Record<string, JsonValue>): string {
  const parts: string[] = [];
  for (const s of t.segments) parts.push(s.kind === 'text' ? s.text : valueText(values[s.name]));
  return parts.join('');
}

/** Completion models see the examples as a block of Input/Output pairs, then the input and an open Output. */
export function completionText(system: string, examples: readonly FewShotExample[], user: string): string {
  const parts: string[] = [];
  if (system) parts.push(system, '');
  for (const e of examples) parts.push('Input:', e.input, 'Output:', e.output, '');
  if (examples.length === 0) {
    parts.push(user);
    return parts.join('\n');
  }
  parts.push('Input:', user, 'Output:', '');
  return parts.join('\n');
}

/** Readable transcript of chat messages, used as the preview of what a chat model receives. */
export function transcript(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
}

export function renderPrompt(input: RenderInput, values: Record<string, unknown>): Rendered {
  const checked = checkTemplates(input);
  const resolved = resolveValues(input.variables ?? [], checked.used, values ?? {});
  const system = fill(checked.system, resolved);
  const user = fill(checked.user, resolved);
  const examples = input.fewShotExamples ?? [];
  if (input.modelType === 'completion') {
    const text = completionText(system, examples, user);
    return { messages: [{ role: 'user', content: text }], text, variables: resolved };
  }
  const messages: ChatMessage[] = [];
  if (system) messages.push({ role: 'system', content: system });
  for (const e of examples) messages.push({ role: 'user', content: e.input }, { role: 'assistant', content: e.output });
  messages.push({ role: 'user', content: user });
  return { messages, text: transcript(messages), variables: resolved };
}
