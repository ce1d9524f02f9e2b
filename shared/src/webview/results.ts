// Messages of the Results panel: the answers of the code commands (Analyze, Explain, Optimize…), streamed in
// as they arrive, each linked to its history entry with a 1–5 rating, and — for code suggestions — the
// buttons that open the inline diff.
import type { CommonRequests, WebviewError } from './protocol.js';

export type RunStatus = 'running' | 'done' | 'error' | 'cancelled';

export interface ResultRun {
  runId: string;
  /** command title, e.g. "Optimize" */
  title: string;
  /** library prompt that ran, e.g. "optimize" */
  promptName: string;
  /** what it ran on: "selection", "function foo", "file src/a.py" */
  target: string;
  file?: string;
  language?: string;
  startedAt: number;
  status: RunStatus;
  /** the answer so far (all of it once done) */
  output: string;
  /** ms from the command to the first token shown */
  firstTokenMs?: number;
  executionId?: number;
  model?: string;
  fromCache?: boolean;
  executionTimeMs?: number;
  tokensUsed?: number;
  costUsd?: number;
  error?: WebviewError;
  rating?: number;
  /** the answer carries code that can replace the target (optimize, refactor, fix, tests) */
  suggestion: boolean;
  /** state of the inline diff of the suggestion */
  proposal?: 'open' | 'accepted' | 'partial' | 'rejected';
}

export type ResultsRequests = CommonRequests & {
  /** rate the run's execution (1–5) with an optional comment; the daemon stores it on the history entry */
  'results.rate': [{ runId: string; rating: number; comment?: string }, { rating: number }];
  'results.cancel': [{ runId: string }, void];
  /** open the suggestion as an inline diff against the file */
  'results.previewDiff': [{ runId: string }, void];
  'results.openHistory': [{ runId: string }, void];
  'results.copy': [{ runId: string }, void];
  'results.clear': [Record<string, never>, void];
};

export type ResultsEvents = {
  /** a run started (or changed state: finished, failed, rated, diff accepted) */
  'run.update': ResultRun;
  /** tokens appended to a running answer */
  'run.token': { runId: string; text: string };
};

export interface ResultsInit {
  runs: ResultRun[];
}
