// Provider per config `provider` value.
import type { ModelConfig } from '../../config/schema.js';
import type { Provider } from '../types.js';
import { anthropicProvider } from './anthropic.js';
import { hfProvider } from './hf.js';
import { openAiProvider } from './openai.js';

const providers: Record<ModelConfig['provider'], Provider> = {
  hf: hfProvider(),
  openai: openAiProvider(),
  'openai-compatible': openAiProvider(),
  anthropic: anthropicProvider(),
};

export function providerFor(m: ModelConfig): Provider {
  return providers[m.provider];
}
