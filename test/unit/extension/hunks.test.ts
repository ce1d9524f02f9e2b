// Hunks of an inline diff: computing them, applying any subset, and extracting code from a model's answer.
import assert from 'node:assert/strict';
import { applyHunks, computeHunks, describeHunk, extractCode, reindent, splitLines } from '../../../extension/src/diff/hunks.js';

const original = ['def f(x):', '    a = 1', '    b = 2', '    return a + b + x', '', 'def g():', '    pass', ''].join('\n');
const proposed = ['def f(x):', '    a = 10', '    b = 2', '    return a + b + x', '', 'def g():', '    """Does nothing."""', '    pass', ''].join('\n');

describe('inline diff hunks', () => {
  it('splits lines keeping their terminators', () => {
    assert.deepEqual(splitLines('a\nb\n'), ['a\n', 'b\n']);
    assert.deepEqual(splitLines('a\r\nb'), ['a\r\n', 'b']);
    assert.deepEqual(splitLines(''), []);
  });

  it('finds one hunk per separate change, with the original line where it starts', () => {
    const hunks = computeHunks(original, proposed);
    assert.equal(hunks.length, 2);
    assert.deepEqual(hunks[0], { index: 0, oldStart: 1, oldLines: ['    a = 1\n'], newLines: ['    a = 10\n'] });
    assert.deepEqual(hunks[1], { index: 1, oldStart: 6, oldLines: [], newLines: ['    """Does nothing."""\n'] });
  });

  it('applying all hunks gives the proposal, none gives the original, one gives exactly that change', () => {
    const hunks = computeHunks(original, proposed);
    assert.equal(applyHunks(original, hunks, new Set([0, 1])), proposed);
    assert.equal(applyHunks(original, hunks, new Set()), original);
    const onlySecond = applyHunks(original, hunks, new Set([1]));
    assert.ok(onlySecond.includes('    a = 1\n'));
    assert.ok(onlySecond.includes('"""Does nothing."""'));
  });

  it('handles a file without a final newline and changes on its last line', () => {
    const a = 'x = 1\ny = 2';
    const b = 'x = 1\ny = 3';
    const hunks = computeHunks(a, b);
    assert.equal(hunks.length, 1);
    assert.equal(applyHunks(a, hunks, new Set([0])), b);
  });

  it('handles an empty original (generated file)', () => {
    const hunks = computeHunks('', 'line\n');
    assert.equal(applyHunks('', hunks, new Set([0])), 'line\n');
  });

  it('describes a hunk by its lines and first changed text', () => {
    const [first, second] = computeHunks(original, proposed);
    assert.deepEqual(describeHunk(first!), { label: 'line 2: −1 +1', detail: 'a = 10' });
    assert.equal(describeHunk(second!).label, 'after line 6: −0 +1');
  });
});

describe('code from a model answer', () => {
  it('takes the fenced block in the file language, the longest when there are several', () => {
    const answer = 'Here:\n```python\nshort\n```\nand\n```python\nlonger code\nline 2\n```\n```bash\nrun me please now\n```';
    assert.equal(extractCode(answer, 'python'), 'longer code\nline 2\n');
  });
  it('takes the whole answer when there is no fence', () => {
    assert.equal(extractCode('  return 1  '), 'return 1\n');
  });
  it('re-indents code to the replaced range', () => {
    assert.equal(reindent('def f():\n    return 1\n', '    '), '    def f():\n        return 1\n');
  });
});
