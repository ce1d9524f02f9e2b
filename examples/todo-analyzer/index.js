// Example CodeTune analyzer plugin. It runs in a worker thread of the daemon: keep it pure (code in,
// findings out), and return plain JSON. See ../README.md for the whole contract.
//
// Findings use zero-based lines and characters, like LSP; the end is exclusive.

/** Debugging statements per language family (VS Code language ids). */
const DEBUG_PATTERNS = {
  javascript: /\bconsole\.(log|debug|trace)\s*\(|\bdebugger\s*;/,
  typescript: /\bconsole\.(log|debug|trace)\s*\(|\bdebugger\s*;/,
  javascriptreact: /\bconsole\.(log|debug|trace)\s*\(|\bdebugger\s*;/,
  typescriptreact: /\bconsole\.(log|debug|trace)\s*\(|\bdebugger\s*;/,
  python: /^\s*(print\s*\(|breakpoint\s*\(\s*\)|import\s+pdb|pdb\.set_trace\s*\()/,
  go: /\bfmt\.Print(ln|f)?\s*\(/,
  java: /\bSystem\.(out|err)\.print(ln)?\s*\(/,
  ruby: /^\s*(puts|p|pp)\s|binding\.pry/,
  php: /\b(var_dump|print_r|dd)\s*\(/,
};

/** A comment start for the line, per language; markers are only reported inside comments. */
const COMMENT = /(\/\/|#|\/\*|<!--)\s*/;

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** @param {{ markers: string[]; reportDebug: boolean }} settings */
export function scan(code, language, settings, file) {
  const markers = new RegExp(`\\b(${settings.markers.map(escape).join('|')})\\b[:(]?`);
  const debug = settings.reportDebug ? DEBUG_PATTERNS[language] : undefined;
  const isTest = /(^|[/\\])(test|tests|__tests__)[/\\]|[._-](test|spec)\.[a-z]+$/i.test(file ?? '');
  const findings = [];
  const lines = code.split('\n');
  lines.forEach((text, line) => {
    const comment = COMMENT.exec(text);
    if (comment) {
      const after = text.slice(comment.index);
      const m = markers.exec(after);
      if (m) {
        const character = comment.index + m.index;
        findings.push({
          ruleId: 'example.todo',
          message: `${m[1]} comment: ${text.slice(character).replace(/\*\/\s*$/, '').trim()}`,
          severity: m[1] === 'FIXME' || m[1] === 'HACK' ? 'low' : 'info',
          range: { start: { line, character }, end: { line, character: text.length } },
        });
      }
    }
    if (debug && !isTest) {
      const d = debug.exec(text);
      if (d) {
        const character = d.index + (d[0].length - d[0].trimStart().length);
        findings.push({
          ruleId: 'example.debug-leftover',
          message: `Debugging statement left in code: ${text.trim()}`,
          severity: 'low',
          cwe: 'CWE-489',
          range: { start: { line, character }, end: { line, character: text.length } },
        });
      }
    }
  });
  return { findings, metrics: { lines: lines.length, maxComplexity: 1, units: [] } };
}

/** @type {import('../../server/src/plugins/sdk/index.js').PluginDefinition<'analyzer'>} */
export default {
  activate(ctx) {
    const settings = /** @type {{ markers: string[]; reportDebug: boolean }} */ (ctx.settings);
    ctx.log.debug('todo analyzer active', { markers: settings.markers.join(',') });
    return {
      async analyze(input) {
        return scan(input.code, input.language, settings, input.path);
      },
    };
  },
};
