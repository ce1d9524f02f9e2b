// Lexical ranking used when no embedding model is configured (or it cannot be reached): BM25 over word and
// identifier parts, so "find prompts like this" still finds the prompts sharing its vocabulary.

/** Lower-case terms; camelCase and snake_case identifiers also give their parts. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of text.match(/[\p{L}\p{N}_]+/gu) ?? []) {
    const lower = word.toLowerCase();
    if (lower.length > 1) out.push(lower);
    const parts = word.split(/_|(?<=[a-z0-9])(?=[A-Z])/).map((p) => p.toLowerCase());
    if (parts.length > 1) for (const p of parts) if (p.length > 1) out.push(p);
  }
  return out;
}

export interface Ranked<T> {
  item: T;
  score: number;
}

/** BM25 (k1 = 1.2, b = 0.75) of `docs` against `query`; only documents sharing a term are returned. */
export function bm25<T>(query: string, docs: { item: T; text: string }[], limit: number): Ranked<T>[] {
  const q = [...new Set(terms(query))];
  if (q.length === 0 || docs.length === 0) return [];
  const tokenized = docs.map((d) => terms(d.text));
  const avg = tokenized.reduce((n, t) => n + t.length, 0) / docs.length || 1;
  const df = new Map<string, number>();
  for (const t of tokenized) for (const term of new Set(t)) df.set(term, (df.get(term) ?? 0) + 1);
  const k1 = 1.2;
  const b = 0.75;
  const ranked: Ranked<T>[] = [];
  tokenized.forEach((tokens, i) => {
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    let score = 0;
    for (const term of q) {
      const f = tf.get(term);
      if (!f) continue;
      const n = df.get(term) ?? 0;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * tokens.length) / avg));
    }
    if (score > 0) ranked.push({ item: docs[i]!.item, score });
  });
  return ranked.sort((x, y) => y.score - x.score).slice(0, limit);
}

export function cosine(a: number[], b: number[]): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
