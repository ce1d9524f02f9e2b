// Secrets detection with secretlint's recommended preset (AWS, GCP, GitHub, Slack, npm, private keys, basic
// auth in URLs…). Reported as CWE-798 findings; the secret itself is masked in the message.
import { lintSecrets } from '../util/secretlint.js';
import type { Finding, FindingRange } from '../../../shared/src/protocol/analysis.js';

export const SECRETS_RULE_PREFIX = 'secretlint/';
export const SECRETS_SET = 'secrets';

export interface RawSecret {
  ruleId: string;
  message: string;
  range: FindingRange;
  text: string;
}

/** Offsets → zero-based line/character, computed once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }
}

export async function findSecrets(text: string, filePath: string): Promise<RawSecret[]> {
  const result = await lintSecrets(text, filePath, true);
  if (result.messages.length === 0) return [];
  const lines = new LineIndex(text);
  return result.messages.map((m) => ({
    ruleId: SECRETS_RULE_PREFIX + m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''),
    message: `Hard-coded secret: ${m.message}. Anyone who can read the code or its history can use it; move it to a secret store or environment variable and revoke it.`,
    range: { start: lines.position(m.range[0]), end: lines.position(m.range[1]) },
    text: text.slice(m.range[0], m.range[1]),
  }));
}

export function secretFinding(s: RawSecret, file: string, fingerprint: string): Finding {
  return { ruleId: s.ruleId, cwe: 'CWE-798', severity: 'high', message: s.message, file, range: s.range, source: 'static', fingerprint };
}
