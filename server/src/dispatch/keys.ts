// API keys: from the environment (HF_TOKEN, OPENAI_API_KEY, ANTHROPIC_API_KEY, or the model's apiKeyEnv)
// or set at run time by the extension over LSP (codetune/models/setApiKey, from VS Code's SecretStorage).
// Run-time keys live only in this process's memory: never in the database, the config or the logs.
import type { ModelConfig } from '../config/schema.js';

export const DEFAULT_KEY_ENV: Record<ModelConfig['provider'], string | undefined> = {
  hf: 'HF_TOKEN',
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  'openai-compatible': undefined,
};

export class KeyStore {
  /** by model id, or by provider name (applies to every model of that provider without its own key) */
  private readonly memory = new Map<string, string>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** `target` is a model id or a provider name; null/empty removes the key */
  set(target: string, key: string | null): void {
    if (key) this.memory.set(target, key);
    else this.memory.delete(target);
  }

  get(m: ModelConfig): string | undefined {
    const envName = m.apiKeyEnv ?? DEFAULT_KEY_ENV[m.provider];
    return this.memory.get(m.id) ?? this.memory.get(m.provider) ?? (envName ? this.env[envName] || undefined : undefined);
  }

  /** where the key comes from, for the models list (never the key itself) */
  source(m: ModelConfig): 'memory' | 'env' | 'none' {
    if (this.memory.has(m.id) || this.memory.has(m.provider)) return 'memory';
    const envName = m.apiKeyEnv ?? DEFAULT_KEY_ENV[m.provider];
    return envName && this.env[envName] ? 'env' : 'none';
  }

  /** every key value known (memory and the env variables models name), for redaction */
  knownValues(models: readonly ModelConfig[]): string[] {
    const out = new Set<string>(this.memory.values());
    const names = new Set<string>(Object.values(DEFAULT_KEY_ENV).filter((v): v is string => !!v));
    for (const m of models) if (m.apiKeyEnv) names.add(m.apiKeyEnv);
    for (const n of names) {
      const v = this.env[n];
      if (v) out.add(v);
    }
    return [...out].filter((v) => v.length >= 8);
  }
}

/** Providers whose real endpoint refuses anonymous calls: fail before calling, with a hint. */
export function requiresKey(m: ModelConfig): boolean {
  return m.provider === 'anthropic' || (m.provider === 'openai' && !m.baseUrl);
}
