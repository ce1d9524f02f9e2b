// Semantic search for embedding plugins ("find prompts like this", and over history): documents are embedded
// once per content hash and kept in the embeddings table, the query is embedded and compared by cosine
// similarity. Without an embedding model, or when it fails, BM25 over the same documents answers instead
// and the result says so (`mode: 'lexical'` with the reason).
import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue } from '../../../../shared/src/model/index.js';
import type { PluginTaskInput } from '../../../../shared/src/protocol/plugins.js';
import type { DaemonContext } from '../../context.js';
import type { EmbeddingOwnerType } from '../../db/repositories/embeddings/types.js';
import type { PromptRow } from '../../db/schema/rowtypes.js';
import { errorMessage, isUserError } from '../../util/errors.js';
import type { HostCallOptions } from '../host/types.js';
import type { PluginRegistry } from '../registry.js';
import type { EmbeddingResult } from '../sdk/kinds.js';
import { embeddingModel } from '../services/embed.js';
import type { SearchHandler } from '../tasks.js';
import { EMBEDDINGS_ID } from './embeddings.js';
import { bm25, cosine } from './lexical.js';

const EMBED_BATCH = 32;
const MAX_DOC_CHARS = 8000;
const HISTORY_WINDOW = 500;

interface Doc {
  id: number;
  title: string;
  text: string;
  hash: string;
}

export function semanticSearch(ctx: DaemonContext, registry: () => PluginRegistry): SearchHandler {
  return async (pluginId: string, input: PluginTaskInput, opts: HostCallOptions): Promise<JsonValue> => {
    const query = input.query ?? '';
    const scope = input.scope ?? 'prompts';
    const owner: EmbeddingOwnerType = scope === 'history' ? 'history' : 'prompt';
    const limit = Math.min(Math.max(input.limit ?? 10, 1), 100);
    const docs = owner === 'prompt' ? await promptDocs(ctx) : await historyDocs(ctx);
    const lexical = (reason: string): JsonObject => ({
      mode: 'lexical',
      reason,
      scope,
      hits: bm25(query, docs.map((d) => ({ item: d, text: d.text })), limit).map((r) => hit(owner, r.item, r.score)),
    });

    const reg = registry();
    let modelKey: string;
    if (pluginId === EMBEDDINGS_ID) {
      let model;
      try {
        model = embeddingModel(ctx, String(reg.get(pluginId).settings.model ?? '') || undefined);
      } catch (e) {
        return lexical(isUserError(e) ? e.message : errorMessage(e));
      }
      if (!model) return lexical('No embedding model is configured; add a model with "kind": "embedding" for semantic search.');
      modelKey = model.id;
    } else {
      // an external embedding plugin: its vectors are kept apart per plugin version
      const p = reg.get(pluginId);
      modelKey = `${p.id}@${p.version}`;
    }

    const embed = async (texts: string[]) => (await reg.call<EmbeddingResult>(pluginId, 'embed', [texts], opts)).vectors;
    try {
      const stored = await ctx.repos.embeddings.hashes(owner, modelKey);
      const stale = docs.filter((d) => stored.get(d.id) !== d.hash);
      for (let i = 0; i < stale.length; i += EMBED_BATCH) {
        const batch = stale.slice(i, i + EMBED_BATCH);
        const vectors = await embed(batch.map((d) => d.text));
        for (const [j, d] of batch.entries()) await ctx.repos.embeddings.upsert({ ownerType: owner, ownerId: d.id, model: modelKey, contentHash: d.hash, vector: vectors[j]! });
      }
      if (owner === 'prompt') await ctx.repos.embeddings.prune('prompt', docs.map((d) => d.id));
      const [q] = await embed([query]);
      const byId = new Map(docs.map((d) => [d.id, d]));
      const hits = (await ctx.repos.embeddings.list(owner, modelKey))
        .filter((r) => byId.has(r.ownerId))
        .map((r) => ({ doc: byId.get(r.ownerId)!, score: cosine(q!, r.vector) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
      return { mode: 'semantic', model: modelKey, scope, hits: hits.map((h) => hit(owner, h.doc, h.score)) };
    } catch (e) {
      if (isUserError(e) && e.code === 'cancelled') throw e;
      ctx.log.warn({ plugin: pluginId, err: errorMessage(e) }, 'semantic search fell back to lexical');
      return lexical(`The embedding model failed (${isUserError(e) ? e.message : errorMessage(e)}); these are lexical matches.`);
    }
  };
}

function hit(owner: EmbeddingOwnerType, d: Doc, score: number): JsonObject {
  return { type: owner, id: d.id, title: d.title, score: Math.round(score * 10000) / 10000, snippet: d.text.slice(0, 200) };
}

function doc(id: number, title: string, text: string): Doc {
  const t = text.length > MAX_DOC_CHARS ? text.slice(0, MAX_DOC_CHARS) : text;
  return { id, title, text: t, hash: createHash('sha256').update(t).digest('hex') };
}

async function promptDocs(ctx: DaemonContext): Promise<Doc[]> {
  const out: Doc[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await ctx.repos.prompts.list({ active: true, sort: 'name', limit: 200, offset });
    for (const p of page.items) out.push(doc(p.id, p.name, promptText(p)));
    if (page.items.length < 200) return out;
  }
}

/** What of a prompt is embedded and matched: its name, description, labels and current templates. */
export function promptText(p: Pick<PromptRow, 'name' | 'description' | 'category' | 'useCase' | 'tags' | 'systemPrompt' | 'userPromptTemplate'>): string {
  return [p.name, p.description, `${p.category} ${p.useCase} ${p.tags.join(' ')}`, p.systemPrompt, p.userPromptTemplate].filter(Boolean).join('\n');
}

async function historyDocs(ctx: DaemonContext): Promise<Doc[]> {
  const page = await ctx.repos.history.list({}, { limit: HISTORY_WINDOW });
  return page.items.map((r) => doc(r.id, `#${r.id} ${r.modelUsed} ${r.createdAt.toISOString()}`, `${r.renderedPrompt}\n${r.output ?? ''}`));
}
