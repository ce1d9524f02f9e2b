// The history service: every request's row goes through here, so secrets are redacted before anything is
// written and listeners (the LSP's codetune/history/didChange) hear of each new row. Prompt executions use
// the prompt repository's recordExecution (row + version/prompt counters in one transaction); raw prompts
// the history repository. Retention (N days, at most M rows) runs on a schedule.
import { EventEmitter } from 'node:events';
import type { Repositories } from '../db/repositories/types.js';
import type { ExecutionRow, NewExecutionRow } from '../db/schema/rowtypes.js';
import type { Logger } from '../logger.js';
import { redactJson, redactText } from './redact.js';

export const DEFAULT_RETENTION_DAYS = 90;
export const DEFAULT_RETENTION_ROWS = 1_000_000;
const PURGE_EVERY_MS = 3600_000;

export interface RetentionSettings {
  days?: number;
  maxRows?: number;
}

export interface HistoryChange {
  kind: 'created' | 'feedback' | 'purged';
  executionId?: number;
  promptId?: number | null;
  versionId?: number | null;
  purged?: number;
}

export class HistoryService extends EventEmitter<{ change: [HistoryChange] }> {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repos: Repositories,
    /** key values to scrub wherever they appear (the KeyStore's) */
    private readonly knownSecrets: () => string[],
    private readonly retention: RetentionSettings = {},
    private readonly log?: Logger,
  ) {
    super();
  }

  async record(row: NewExecutionRow): Promise<ExecutionRow> {
    const known = this.knownSecrets();
    const clean: NewExecutionRow = {
      ...row,
      inputVariables: row.inputVariables ? await redactJson(row.inputVariables, known) : {},
      renderedPrompt: await redactText(row.renderedPrompt ?? '', known),
      output: await redactText(row.output ?? '', known),
      errorMessage: row.errorMessage ? await redactText(row.errorMessage, known) : row.errorMessage ?? null,
    };
    const saved = clean.promptId != null ? await this.repos.prompts.recordExecution(clean) : await this.repos.history.insert(clean);
    this.emit('change', { kind: 'created', executionId: saved.id, promptId: saved.promptId, versionId: saved.versionId });
    return saved;
  }

  async feedback(id: number, rating: number, text: string | null): Promise<ExecutionRow | undefined> {
    const clean = text ? await redactText(text, this.knownSecrets()) : null;
    const row = await this.repos.history.setFeedback(id, rating, clean);
    if (row) this.emit('change', { kind: 'feedback', executionId: row.id, promptId: row.promptId, versionId: row.versionId });
    return row;
  }

  async purge(now = Date.now()): Promise<number> {
    const days = this.retention.days ?? DEFAULT_RETENTION_DAYS;
    const n = await this.repos.history.purge({ before: new Date(now - days * 86400_000), maxRows: this.retention.maxRows ?? DEFAULT_RETENTION_ROWS });
    if (n) {
      this.log?.info({ purged: n, days, maxRows: this.retention.maxRows ?? DEFAULT_RETENTION_ROWS }, 'history retention purge');
      this.emit('change', { kind: 'purged', purged: n });
    }
    return n;
  }

  /** purges now and then every hour */
  startRetention(): void {
    const run = () => void this.purge().catch((e) => this.log?.warn({ err: e }, 'history purge failed'));
    run();
    this.timer ??= setInterval(run, PURGE_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
