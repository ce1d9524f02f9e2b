// Helpers of the prompt library tests: a service over the suite's repositories and a valid prompt body.
import assert from 'node:assert/strict';
import type { PromptCreate } from '../../../shared/src/api/prompts.js';
import type { Repositories } from '../../../server/src/db/repositories/types.js';
import { ExperimentService } from '../../../server/src/prompts/experiments/service.js';
import { PromptService } from '../../../server/src/prompts/service.js';
import { UserError } from '../../../server/src/util/errors.js';

export function services(repos: Repositories): { prompts: PromptService; experiments: ExperimentService } {
  const prompts = new PromptService(repos);
  return { prompts, experiments: new ExperimentService(prompts) };
}

export function promptBody(over: Partial<PromptCreate> = {}): PromptCreate {
  return {
    name: 'explain-code',
    description: 'Explains a piece of code',
    category: 'explanation',
    use_case: 'learning',
    tags: ['beginner', 'explain'],
    system_prompt: 'You explain {{language}} code clearly.',
    user_prompt_template: 'Explain:\n{{code}}\nAudience: {{audience}}',
    variables: [{ name: 'audience', type: 'enum', required: false, default: 'junior', values: ['junior', 'senior'] }],
    few_shot_examples: [{ input: 'x = 1', output: 'Assigns 1 to x.' }],
    ...over,
  };
}

/** Awaits `p` and checks it fails with a UserError of `code` whose message contains every `parts`. */
export async function rejectsWith(p: Promise<unknown>, code: string, ...parts: string[]): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const part of parts) assert.ok(e.message.includes(part), `"${e.message}" should contain "${part}"`);
    return e;
  }
  assert.fail(`expected a ${code} error`);
}
