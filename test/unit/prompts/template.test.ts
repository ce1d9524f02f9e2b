import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { renderPrompt, parseTemplate, lineColumn, MAX_TEMPLATE_CHARS, type RenderInput } from '../../../server/src/prompts/template/index.js';
import { UserError } from '../../../server/src/util/errors.js';

function input(over: Partial<RenderInput> = {}): RenderInput {
  return {
    systemPrompt: 'You review {{language}} code.',
    userPromptTemplate: 'Review this:\n{{code}}\nFocus: {{focus}}',
    fewShotExamples: [],
    variables: [{ name: 'focus', type: 'enum', required: false, default: 'bugs', values: ['bugs', 'style'] }],
    modelType: 'chat',
    ...over,
  };
}

function validationError(fn: () => unknown, ...mustContain: string[]): UserError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${String(e)}`);
    assert.equal(e.code, 'validation_failed');
    for (const m of mustContain) assert.ok(e.message.includes(m), `message "${e.message}" should contain "${m}"`);
    return e;
  }
  assert.fail('expected a validation error');
}

describe('template parsing', () => {
  it('splits text and variables and lists names in order of first use', () => {
    const t = parseTemplate('a {{x}} b {{ y }} {{x}}', 'f');
    assert.deepEqual(t.names, ['x', 'y']);
    assert.deepEqual(t.segments.map((s) => (s.kind === 'text' ? s.text : `<${s.name}>`)).join(''), 'a <x> b <y> <x>');
  });

  it('reports an unclosed {{ with its line and column', () => {
    const e = validationError(() => parseTemplate('line one\n  ok {{a}} then {{broken\nmore', 'user_prompt_template'), 'user_prompt_template', "unclosed '{{'", 'line 2, column 17');
    assert.deepEqual((e.details as { line: number; column: number }), { field: 'user_prompt_template', line: 2, column: 17 });
  });

  it('treats a {{ followed by another {{ before any }} as unclosed', () => {
    validationError(() => parseTemplate('{{a {{b}}', 'system_prompt'), 'system_prompt', "unclosed '{{'", 'line 1, column 1');
  });

  it('rejects invalid names and accepts an escaped literal {{', () => {
    validationError(() => parseTemplate('x {{1abc}}', 't'), 'invalid variable reference', '{{1abc}}');
    const t = parseTemplate('show \\{{literal}} and {{v}}', 't');
    assert.deepEqual(t.names, ['v']);
    assert.equal(t.segments[0]?.kind === 'text' && t.segments[0].text, 'show {{literal}} and ');
  });

  it('counts lines and columns in UTF-16 units from 1', () => {
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumn('x', 0), { line: 1, column: 1 });
  });

  it('refuses a 5 MB template, naming the field', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    assert.ok(big.length > MAX_TEMPLATE_CHARS);
    validationError(() => renderPrompt(input({ userPromptTemplate: big }), { code: '' }), 'user_prompt_template', 'characters');
  });
});

describe('renderPrompt', () => {
  it('renders chat messages with defaults applied and sorted variables', () => {
    const r = renderPrompt(input(), { code: 'x = 1', language: 'python' });
    assert.deepEqual(r.messages, [
      { role: 'system', content: 'You review python code.' },
      { role: 'user', content: 'Review this:\nx = 1\nFocus: bugs' },
    ]);
    assert.deepEqual(Object.keys(r.variables), ['code', 'focus', 'language']);
    assert.equal(r.variables.focus, 'bugs');
    assert.equal(r.text, '[system]\nYou review python code.\n\n[user]\nReview this:\nx = 1\nFocus: bugs');
  });

  it('is deterministic: the same input gives the same bytes regardless of key order', () => {
    const a = renderPrompt(input(), { code: 'c', language: 'go', focus: 'style' });
    const b = renderPrompt(input(), { focus: 'style', language: 'go', code: 'c' });
    assert.equal(JSON.stringify(a), JSON.stringify(b));
  });

  it('never re-expands braces inside values', () => {
    const r = renderPrompt(input(), { code: 'const t = "{{focus}} {{code}} {{"; \\{{x}}', language: '{{language}}' });
    assert.equal(r.messages[0]?.content, 'You review {{language}} code.');
    assert.equal(r.messages[1]?.content, 'Review this:\nconst t = "{{focus}} {{code}} {{"; \\{{x}}\nFocus: bugs');
  });

  it('keeps unicode intact (astral characters, combining marks, RTL)', () => {
    const code = '// 😀 naïve café — שלום 𝕏 e\u0301';
    const r = renderPrompt(input({ userPromptTemplate: '→ {{code}} ←' }), { code });
    assert.equal(r.messages.at(-1)?.content, `→ ${code} ←`);
  });

  it('renders huge values in full', () => {
    const code = 'a'.repeat(8 * 1024 * 1024);
    const r = renderPrompt(input({ userPromptTemplate: '{{code}}!' }), { code });
    assert.equal(r.messages.at(-1)?.content.length, code.length + 1);
  });

  it('names a missing required variable', () => {
    validationError(() => renderPrompt(input(), { language: 'go' }), "missing required variable 'code'");
  });

  it('names an unknown variable', () => {
    validationError(() => renderPrompt(input(), { code: '', colour: 'red' }), "unknown variable 'colour'");
  });

  it('names each variable of the wrong type, all at once', () => {
    const variables: RenderInput['variables'] = [
      { name: 'n', type: 'number', required: true },
      { name: 'b', type: 'boolean', required: true },
      { name: 'e', type: 'enum', required: true, values: ['a', 'b'] },
    ];
    const e = validationError(
      () => renderPrompt(input({ userPromptTemplate: '{{n}} {{b}} {{e}}', systemPrompt: '', variables }), { n: '3', b: 'yes', e: 'c' }),
      "variable 'n' expects a finite number",
      "variable 'b' expects true or false",
      "variable 'e' expects one of a, b",
    );
    assert.equal((e.details as { issues: unknown[] }).issues.length, 3);
  });

  it('formats numbers, booleans and json values', () => {
    const variables: RenderInput['variables'] = [
      { name: 'n', type: 'number', required: true },
      { name: 'b', type: 'boolean', required: true },
      { name: 'j', type: 'json', required: true },
    ];
    const r = renderPrompt(input({ systemPrompt: '', userPromptTemplate: '{{n}}|{{b}}|{{j}}', variables }), { n: 2.5, b: false, j: { a: [1, null] } });
    assert.equal(r.messages[0]?.content, '2.5|false|{\n  "a": [\n    1,\n    null\n  ]\n}');
  });

  it('refuses a template that uses an undeclared variable', () => {
    validationError(() => renderPrompt(input({ userPromptTemplate: '{{code}} {{style}}' }), { code: '' }), '{{style}}', "no variable 'style' is declared");
  });

  it('refuses a declaration whose default does not fit its type', () => {
    validationError(() => renderPrompt(input({ variables: [{ name: 'focus', type: 'number', required: false, default: 'x' }] }), { code: '' }), "variable 'focus' has a default that does not fit");
  });

  it('turns few-shot examples into alternating chat messages', () => {
    const r = renderPrompt(input({ fewShotExamples: [{ input: 'i1', output: 'o1' }, { input: 'i2', output: 'o2' }] }), { code: 'c' });
    assert.deepEqual(r.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    assert.deepEqual(r.messages.slice(1, 5).map((m) => m.content), ['i1', 'o1', 'i2', 'o2']);
  });

  it('puts few-shot examples in a block before the input for completion models', () => {
    const r = renderPrompt(input({ modelType: 'completion', fewShotExamples: [{ input: 'i1', output: 'o1' }] }), { code: 'c', language: 'go' });
    assert.equal(r.text, 'You review go code.\n\nInput:\ni1\nOutput:\no1\n\nInput:\nReview this:\nc\nFocus: bugs\nOutput:\n');
    assert.deepEqual(r.messages, [{ role: 'user', content: r.text }]);
  });

  it('sends a completion model system and input only when there are no examples', () => {
    const r = renderPrompt(input({ modelType: 'completion' }), { code: 'c', language: 'go' });
    assert.equal(r.text, 'You review go code.\n\nReview this:\nc\nFocus: bugs');
  });
});
