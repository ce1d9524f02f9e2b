// The runs shown in the Results panel, kept in the extension host so a reloaded or reopened panel shows
// them again. Pure (no `vscode`): the panel subscribes through `onEvent`; unit-tested on its own.
import type { ResultRun, ResultsEvents } from '../../../shared/src/webview/results.js';

export const MAX_RUNS = 20;
/** workspaceState key of the saved runs */
export const RESULTS_KEY = 'codetune.results';
/** globalState keys of the prompt the library and the workbench showed last (reopened there) */
export const LAST_LIBRARY_PROMPT = 'codetune.library.lastPrompt';
export const LAST_WORKBENCH = 'codetune.workbench.last';

type Emit = <K extends keyof ResultsEvents & string>(event: K, data: ResultsEvents[K]) => void;

export class RunStore<Extra = unknown> {
  private readonly runs = new Map<string, { run: ResultRun; extra: Extra }>();
  private seq = 0;
  private readonly listeners = new Set<Emit>();

  constructor(private readonly now: () => number = Date.now) {}

  onEvent(fn: Emit): { dispose(): void } {
    this.listeners.add(fn);
    return { dispose: () => this.listeners.delete(fn) };
  }

  list(): ResultRun[] {
    return [...this.runs.values()].map((r) => r.run);
  }

  get(runId: string): ResultRun | undefined {
    return this.runs.get(runId)?.run;
  }

  extra(runId: string): Extra | undefined {
    return this.runs.get(runId)?.extra;
  }

  start(init: Omit<ResultRun, 'runId' | 'startedAt' | 'status' | 'output'>, extra: Extra): ResultRun {
    const run: ResultRun = { ...init, runId: `r${++this.seq}-${this.now().toString(36)}`, startedAt: this.now(), status: 'running', output: '' };
    this.runs.set(run.runId, { run, extra });
    // the oldest runs go first once there are too many
    while (this.runs.size > MAX_RUNS) this.runs.delete(this.runs.keys().next().value!);
    this.emit('run.update', run);
    return run;
  }

  /** Appends streamed text; records when the first token arrived. */
  append(runId: string, text: string): void {
    const r = this.runs.get(runId)?.run;
    if (!r || r.status !== 'running' || !text) return;
    if (r.firstTokenMs === undefined) r.firstTokenMs = this.now() - r.startedAt;
    r.output += text;
    this.emit('run.token', { runId, text });
  }

  /** Merges fields into a run (final output, metrics, rating, proposal state) and pushes the whole run. */
  update(runId: string, patch: Partial<Omit<ResultRun, 'runId' | 'startedAt'>>): ResultRun | undefined {
    const r = this.runs.get(runId)?.run;
    if (!r) return undefined;
    Object.assign(r, patch);
    if (patch.output !== undefined && r.firstTokenMs === undefined && patch.output) r.firstTokenMs = this.now() - r.startedAt;
    this.emit('run.update', r);
    return r;
  }

  /**
   * The finished runs, oldest first, for the workspace state (so the panel shows them after a window
   * reload). Long answers are cut to `maxOutput` characters.
   */
  snapshot(maxOutput = 20_000): ResultRun[] {
    return this.list()
      .filter((r) => r.status !== 'running')
      .map((r) => ({ ...r, output: r.output.length > maxOutput ? `${r.output.slice(0, maxOutput)}\n… (cut)` : r.output }));
  }

  /** Puts saved runs back (before any new run). Their suggestions cannot be re-opened: the file may have changed. */
  restore(saved: unknown, extra: () => Extra): void {
    if (!Array.isArray(saved)) return;
    for (const r of saved.slice(-MAX_RUNS) as ResultRun[]) {
      if (!r || typeof r.runId !== 'string' || typeof r.output !== 'string' || r.status === 'running') continue;
      this.runs.set(r.runId, { run: { ...r, suggestion: false }, extra: extra() });
    }
  }

  clear(): void {
    for (const [id, { run }] of this.runs) if (run.status !== 'running') this.runs.delete(id);
  }

  private emit: Emit = (event, data) => {
    for (const fn of this.listeners) fn(event, data);
  };
}

/** Validates a rating from the page (untrusted input). */
export function parseRating(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) throw new Error(`A rating is a whole number from 1 to 5 (got ${JSON.stringify(v)}).`);
  return v;
}
