// Parses prompt templates: literal text with `{{name}}` references. The parser is a single linear scan
// (indexOf), so a large template costs one pass; errors carry a 1-based line and column so a user can
// find the spot in an editor.
import { UserError } from '../../util/errors.js';

/** Largest template accepted, per field. Prompts are sent to models whose context is far smaller; a
 * bigger template is almost certainly a pasted file that belongs in a variable instead. */
export const MAX_TEMPLATE_CHARS = 1_000_000;

export type Segment = { kind: 'text'; text: string } | { kind: 'var'; name: string; offset: number };

export interface ParsedTemplate {
  segments: Segment[];
  /** names referenced, in order of first use */
  names: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isValidVariableName(name: string): boolean {
  return NAME.test(name);
}

/** 1-based line and column of a UTF-16 offset. Only computed for errors. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function syntaxError(field: string, source: string, offset: number, what: string, hint: string): UserError {
  const { line, column } = lineColumn(source, offset);
  return new UserError('validation_failed', `${field}: ${what} at line ${line}, column ${column}.`, {
    hint,
    details: { field, line, column },
  });
}

/**
 * Parses `source`. `\{{` is a literal `{{` (so a prompt can show template syntax to a model). `field` names
 * the template in error messages (e.g. "user_prompt_template").
 */
export function parseTemplate(source: string, field: string): ParsedTemplate {
  if (source.length > MAX_TEMPLATE_CHARS) {
    throw new UserError('validation_failed', `${field} is ${source.length.toLocaleString('en-US')} characters, more than the ${MAX_TEMPLATE_CHARS.toLocaleString('en-US')} allowed.`, {
      hint: 'Move large content (code, documents) into a variable such as {{code}} and pass it at render time.',
      details: { field, length: source.length, max: MAX_TEMPLATE_CHARS },
    });
  }
  const segments: Segment[] = [];
  const names: string[] = [];
  const seen = new Set<string>();
  let text = '';
  let pos = 0;
  for (;;) {
    const open = source.indexOf('{{', pos);
    if (open === -1) {
      text += source.slice(pos);
      break;
    }
    if (open > 0 && source.charCodeAt(open - 1) === 92 /* \ */) {
      text += source.slice(pos, open - 1) + '{{';
      pos = open + 2;
      continue;
    }
    text += source.slice(pos, open);
    const close = source.indexOf('}}', open + 2);
    const nextOpen = source.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      throw syntaxError(field, source, open, "unclosed '{{'", "Close it with '}}', or write '\\{{' for a literal '{{'.");
    }
    const name = source.slice(open + 2, close).trim();
    if (!NAME.test(name)) {
      const shown = source.slice(open, Math.min(close + 2, open + 42));
      throw syntaxError(field, source, open, `invalid variable reference '${shown}'`, 'Variable names are letters, digits and _ and start with a letter or _, e.g. {{file_path}}.');
    }
    if (text) segments.push({ kind: 'text', text });
    text = '';
    segments.push({ kind: 'var', name, offset: open });
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
    pos = close + 2;
  }
  if (text) segments.push({ kind: 'text', text });
  return { segments, names };
}
