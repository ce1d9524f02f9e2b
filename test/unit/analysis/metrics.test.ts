// Function metrics, settings helpers and git hunk parsing.
import assert from 'node:assert/strict';
import { codeUnits, metrics } from '../../../server/src/analysis/metrics.js';
import { parseHunks } from '../../../server/src/analysis/lsp/git.js';
import { isExcluded, mergeAnalysis } from '../../../server/src/analysis/lsp/settings.js';

describe('metrics', () => {
  it('counts cyclomatic complexity and length per function', () => {
    const js = `function a(x) {\n  if (x && x.y) return 1;\n  for (const k of x) { if (k) continue; }\n  return x ? 2 : 3;\n}\nfunction b() { return 1; }\n`;
    const m = metrics(js, 'a.js');
    assert.deepEqual(m.map((u) => [u.name, u.complexity, u.lines]), [['a', 6, 5], ['b', 1, 1]]);
    const py = `def f(a, b):\n    if a and b or not a:\n        return 1\n    while a:\n        a -= 1\n    return 0\n`;
    assert.deepEqual(metrics(py, 'python').map((u) => [u.name, u.complexity]), [['f', 5]]);
  });

  it('lists classes and named functions for code lenses, skipping anonymous callbacks', () => {
    const units = codeUnits(`class A { run() { [1].map((x) => x); } }\nconst f = () => 1;\n`, 'typescript');
    assert.deepEqual(units.map((u) => [u.kind, u.name]), [['class', 'A'], ['function', 'run'], ['function', 'f']]);
  });
});

describe('analysis settings', () => {
  it('layers defaults, the config file and the editor settings', () => {
    const s = mergeAnalysis({ minSeverity: 'medium', rulePaths: ['/team'], maxFileBytes: 10 }, { minSeverity: 'bogus', rulePaths: ['/me'], onlyChangedLines: true });
    assert.equal(s.minSeverity, 'medium');
    assert.deepEqual(s.rulePaths, ['/team', '/me']);
    assert.equal(s.maxFileBytes, 10);
    assert.equal(s.onlyChangedLines, true);
  });

  it('matches exclude globs against workspace-relative paths', () => {
    assert.ok(isExcluded('vendor/a/b.js', ['vendor/**']));
    assert.ok(isExcluded('src/x.min.js', ['*.min.js']));
    assert.ok(!isExcluded('src/vendor.js', ['vendor/**']));
  });

  it('reads changed lines from git diff -U0 hunks', () => {
    const diff = '@@ -3,0 +4,2 @@\n+a\n+b\n@@ -10 +12 @@\n-x\n+y\n@@ -20,3 +22,0 @@\n';
    assert.deepEqual([...parseHunks(diff)].sort((a, b) => a - b), [3, 4, 11]);
  });
});
