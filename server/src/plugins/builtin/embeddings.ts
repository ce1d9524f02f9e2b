// Embeddings (embedding kind): texts → vectors with the configured embedding model (sentence-transformers on
// the GPU Space, or any OpenAI-compatible embedding endpoint), and semantic search over the prompt library
// and the execution history ("find prompts like this") with vectors stored in the embeddings table.
import type { DaemonContext } from '../../context.js';
import { UserError } from '../../util/errors.js';
import { embedWith, embeddingModel } from '../services/embed.js';
import { definePlugin, type PluginDefinition } from '../sdk/kinds.js';
import { builtinManifest } from './common.js';

export const EMBEDDINGS_ID = 'embeddings';

export function embeddingsPlugin(ctx: DaemonContext): PluginDefinition<'embedding'> {
  return definePlugin({
    manifest: {
      ...builtinManifest(ctx, {
        id: EMBEDDINGS_ID,
        name: 'Embeddings',
        kind: 'embedding',
        description: 'Sentence embeddings for semantic search of the prompt library and history; lexical search when no embedding model is configured.',
        tasks: ['embed', 'search'],
        capabilities: ['embeddings'],
      }),
      settings: {
        type: 'object',
        properties: { model: { type: 'string', default: '', description: 'Embedding model id. Empty: the first configured model with "kind": "embedding".' } },
        additionalProperties: false,
      },
    },
    activate(plugin) {
      return {
        async embed(texts, opts) {
          const model = embeddingModel(ctx, String(plugin.settings.model ?? '') || undefined);
          if (!model) {
            throw new UserError('bad_request', 'No embedding model is configured.', {
              hint: 'Add a model with "kind": "embedding" to "models" in the config file (the GPU Space serves one), or set the Embeddings plugin\'s "model" setting.',
            });
          }
          return { vectors: await embedWith(ctx, model, texts, opts?.signal), model: model.id };
        },
      };
    },
  });
}
