// The models the daemon can call: those of the config file plus those the extension configures at run
// time (codetune/models/configure, from its settings). Run-time models replace config ones with the same id.
import { Value } from 'typebox/value';
import { ModelConfig } from '../config/schema.js';
import { UserError } from '../util/errors.js';

export class ModelRegistry {
  private runtime: ModelConfig[] = [];

  constructor(
    private readonly fromConfig: readonly ModelConfig[],
    private defaultId: string | undefined,
  ) {}

  all(): ModelConfig[] {
    const ids = new Set(this.runtime.map((m) => m.id));
    return [...this.fromConfig.filter((m) => !ids.has(m.id)), ...this.runtime];
  }

  /** replaces the run-time models (the extension sends its whole list each time its settings change) */
  configure(models: unknown[], defaultModel?: string): ModelConfig[] {
    const checked = models.map((m, i) => {
      const errors = [...Value.Errors(ModelConfig, m)];
      if (errors.length) {
        const first = errors[0]!;
        throw new UserError('validation_failed', `Model ${i + 1} is invalid at ${first.instancePath || '(top level)'}: ${first.message}.`, {
          hint: 'Check codetune.models in your settings.',
        });
      }
      return m as ModelConfig;
    });
    this.runtime = checked;
    if (defaultModel !== undefined) this.defaultId = defaultModel || undefined;
    return this.all();
  }

  find(id: string): ModelConfig | undefined {
    return this.all().find((m) => m.id === id);
  }

  /** the named model, else the default, else the first configured; UserError when none fits */
  resolve(id?: string | null): ModelConfig {
    const list = this.all();
    if (id) {
      const m = list.find((x) => x.id === id);
      if (!m) {
        throw new UserError('not_found', `No model "${id}" is configured.`, {
          hint: list.length ? `Configured models: ${list.map((x) => x.id).join(', ')}.` : 'Add it to "models" in the config file or to codetune.models in the settings.',
        });
      }
      return m;
    }
    const m = (this.defaultId ? list.find((x) => x.id === this.defaultId) : undefined) ?? list[0];
    if (!m) throw new UserError('bad_request', 'No model is configured.', { hint: 'Add one to "models" in the config file or to codetune.models in the settings.' });
    return m;
  }

  get defaultModel(): string | undefined {
    return this.defaultId;
  }
}
