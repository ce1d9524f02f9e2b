// Types shared by the dispatch pipeline and its providers.
import type { ModelConfig } from '../config/schema.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Generation parameters the daemon understands; anything else is refused at the API edge. */
export interface GenParams {
  temperature?: number;
  max_tokens?: number;
  top_p?: number;
  stop?: string[];
  seed?: number;
}

export interface Usage {
  input: number;
  output: number;
}

/** One call to one model, already rendered. */
export interface ProviderCall {
  model: ModelConfig;
  /** chat models get `messages`; completion models get `text` (the same prompt flattened) */
  messages: ChatMessage[];
  text: string;
  params: GenParams;
  /** stream from the upstream server (default) or ask for one JSON answer */
  stream: boolean;
  apiKey: string | undefined;
  signal: AbortSignal;
  /** response headers arrived later than this → connect timeout (see timedFetch) */
  connectTimeoutMs: number;
  /** called with each piece of text as it arrives (once with the whole text when not streaming) */
  onDelta(text: string): void;
}

export interface ProviderResult {
  text: string;
  /** from the provider's usage report; absent when it sent none */
  usage?: Usage;
}

export interface Provider {
  generate(call: ProviderCall): Promise<ProviderResult>;
}

export type ModelKind = 'chat' | 'completion' | 'embedding';

export function modelKind(m: ModelConfig): ModelKind {
  return m.kind ?? 'chat';
}
