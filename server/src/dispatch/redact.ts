// Secrets are removed from what history stores (input variables, rendered prompt, output, error text)
// before it is written: secretlint's recommended preset finds API keys, tokens and private keys; the keys
// the daemon itself holds are replaced wherever they appear, even in forms the preset does not know.
import type { JsonObject, JsonValue } from '../../../shared/src/model/index.js';
import { lintSecrets } from '../util/secretlint.js';

export const REDACTED = '[REDACTED]';

/** Shapes the preset misses or needs context for: any PEM private key block, Hugging Face and Anthropic tokens, bearer headers. */
const EXTRA = [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, /\bhf_[A-Za-z0-9]{30,}\b/g, /\bsk-ant-[A-Za-z0-9_-]{20,}\b/g, /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\b/g, /\b(Bearer\s+)[A-Za-z0-9._~+/-]{20,}=*/g];

const CANDIDATE = /-----BEGIN|[A-Za-z0-9_\-+/=.]{16,}|:\/\/[^\s:@/]+:[^\s@/]+@/;

export async function redactText(text: string, known: readonly string[] = []): Promise<string> {
  if (!text) return text;
  let out = text;
  for (const k of known) if (out.includes(k)) out = out.split(k).join(REDACTED);
  for (const re of EXTRA) out = out.replace(re, (m, prefix: unknown) => (typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED));
  // Every rule of the preset looks for a long token-alphabet string, a PEM header or credentials in a
  // URL; text without any of those cannot match, and skipping the lint keeps a request's own cost (and the
  // garbage the linter leaves for the next request) off the common path.
  if (!CANDIDATE.test(out)) return out;
  // the shared loader keeps secretlint off the daemon's start path (loaded on first use)
  const result = await lintSecrets(out, 'history.txt', false);
  // replace from the end so earlier ranges stay valid; overlapping findings merge
  const ranges = result.messages.map((m) => m.range).sort((a, b) => b[0] - a[0]);
  let lastStart = Infinity;
  for (const [s, e] of ranges) {
    const end = Math.min(e, lastStart);
    if (end <= s) continue;
    out = out.slice(0, s) + REDACTED + out.slice(end);
    lastStart = s;
  }
  return out;
}

export async function redactJson(v: JsonObject, known: readonly string[] = []): Promise<JsonObject> {
  const walk = async (x: JsonValue): Promise<JsonValue> => {
    if (typeof x === 'string') return redactText(x, known);
    if (Array.isArray(x)) return Promise.all(x.map(walk));
    if (x && typeof x === 'object') {
      const o: JsonObject = {};
      for (const [k, val] of Object.entries(x)) o[k] = await walk(val);
      return o;
    }
    return x;
  };
  return (await walk(v)) as JsonObject;
}

/** Synchronous scrub of the exact key values (error messages on their way to a client or a log). */
export function scrubKnown(text: string, known: readonly string[]): string {
  let out = text;
  for (const k of known) if (out.includes(k)) out = out.split(k).join(REDACTED);
  return out;
}

/** true when redaction would change the text (a known key or a secretlint finding) */
export async function containsSecret(text: string, known: readonly string[]): Promise<boolean> {
  return (await redactText(text, known)) !== text;
}
