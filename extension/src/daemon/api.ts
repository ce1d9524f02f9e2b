// Typed calls of the daemon's custom LSP methods (always through their shared `.type` objects), and
// notification subscriptions that survive daemon restarts (each new client gets them registered again).
import * as vscode from 'vscode';
import type { NotificationType, ProgressType, RequestType, RequestType0 } from 'vscode-languageclient/node';
import type { LanguageClient } from 'vscode-languageclient/node';
import { HistoryFeedbackRequest, type ExecutionInfo } from '../../../shared/src/protocol/history.js';
import { ExecutePartialProgress, PromptsExecuteRequest, type ExecuteParams, type ExecuteResult } from '../../../shared/src/protocol/models.js';
import { PromptsGetRequest, PromptsListRequest, PromptsListVersionsRequest } from '../../../shared/src/protocol/prompts.js';
import type { JsonObject } from '../../../shared/src/model/index.js';
import type { DaemonClient } from '../lsp/client.js';

interface Subscription {
  register(client: LanguageClient): vscode.Disposable;
}

export class DaemonApi implements vscode.Disposable {
  private readonly subscriptions = new Set<Subscription>();
  private readonly live = new Map<Subscription, vscode.Disposable>();
  private readonly changeListener: vscode.Disposable;
  private tokenSeq = 0;

  constructor(readonly daemon: DaemonClient) {
    this.changeListener = daemon.onDidChangeClient((client) => {
      for (const d of this.live.values()) d.dispose();
      this.live.clear();
      if (client) for (const s of this.subscriptions) this.live.set(s, s.register(client));
    });
  }

  /**
   * Sends a request once the daemon runs; rejects with an actionable message when it does not. The typed
   * `.type` object fixes params and result here; the wire call uses its method name because the object may
   * come from another bundle (the integration tests) whose vscode-jsonrpc copy the client does not
   * recognise ("Unknown parameter structure").
   */
  async send<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
    const client = await this.daemon.ready();
    return client.sendRequest<R>(type.method, params, token);
  }

  async send0<R>(type: RequestType0<R, void>, token?: vscode.CancellationToken): Promise<R> {
    const client = await this.daemon.ready();
    return client.sendRequest(type, token);
  }

  /**
   * Sends a request whose partial results stream back as LSP progress on `partialResultToken`
   * (the daemon reports tokens as they arrive); `onPartial` sees each chunk in order.
   */
  async stream<P extends { partialResultToken?: string | number }, R, C>(
    type: RequestType<P, R, void>,
    params: Omit<P, 'partialResultToken'>,
    progress: ProgressType<C>,
    onPartial: (chunk: C) => void,
    token?: vscode.CancellationToken,
  ): Promise<R> {
    const client = await this.daemon.ready();
    const partialResultToken = `codetune-${process.pid}-${++this.tokenSeq}`;
    const sub = client.onProgress(progress, partialResultToken, onPartial);
    try {
      return await client.sendRequest<R>(type.method, { ...params, partialResultToken }, token);
    } finally {
      sub.dispose();
    }
  }

  /** Subscribes to a daemon notification for as long as the returned disposable lives, across restarts. */
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): vscode.Disposable {
    const sub: Subscription = { register: (client) => client.onNotification(type, handler) };
    this.subscriptions.add(sub);
    const client = this.daemon.client;
    if (client?.isRunning()) this.live.set(sub, sub.register(client));
    return new vscode.Disposable(() => {
      this.subscriptions.delete(sub);
      this.live.get(sub)?.dispose();
      this.live.delete(sub);
    });
  }

  /**
   * Runs a library prompt by name (its deployed version) through model dispatch, streaming the answer's
   * pieces to `onText` as they arrive. Cancelling the token aborts the upstream model call.
   */
  async executePrompt(p: { name: string; variables: JsonObject; model?: string; bypassCache?: boolean }, onText: (text: string) => void, token?: vscode.CancellationToken): Promise<ExecuteResult> {
    const details = await this.send(PromptsGetRequest.type, { prompt: p.name }, token);
    // the editor offers code, language, file_path and diagnostics to every prompt; a version takes only
    // the variables it declares (the daemon refuses unknown ones)
    const declared = new Set((details.deployed_version?.variables ?? details.prompt.variables).map((v) => v.name));
    const variables: JsonObject = Object.fromEntries(Object.entries(p.variables).filter(([k]) => declared.has(k)));
    return this.execute({ promptId: details.prompt.id, variables, ...(p.model ? { model: p.model } : {}), ...(p.bypassCache ? { bypassCache: true } : {}) }, onText, token);
  }

  /** codetune/prompts/execute with the answer streamed to `onText`. */
  execute(params: Omit<ExecuteParams, 'partialResultToken'>, onText: (text: string) => void, token?: vscode.CancellationToken): Promise<ExecuteResult> {
    return this.stream(PromptsExecuteRequest.type, params, ExecutePartialProgress, (c) => onText(c.text), token);
  }

  /** Rates an execution (and so its version) 1–5. */
  rate(executionId: number, rating: number, feedback?: string): Promise<ExecutionInfo> {
    return this.send(HistoryFeedbackRequest.type, { id: executionId, rating, ...(feedback ? { feedback } : {}) });
  }

  /** Every prompt's id and name, by name (the list is paged by 200). */
  async promptNames(active?: boolean): Promise<{ id: number; name: string }[]> {
    const out: { id: number; name: string }[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.send(PromptsListRequest.type, { sort: 'name', limit: 200, offset, ...(active === undefined ? {} : { active }) });
      out.push(...page.items.map((p) => ({ id: p.id, name: p.name })));
      if (out.length >= page.total || !page.items.length) return out;
    }
  }

  /** "name v3" for each version id of the given prompts (chart labels). */
  async versionLabels(pairs: { promptId: number | null; versionId: number | null }[]): Promise<Record<string, string>> {
    const names = new Map((await this.promptNames()).map((p) => [p.id, p.name]));
    const out: Record<string, string> = {};
    const ids = [...new Set(pairs.map((p) => p.promptId).filter((x): x is number => x !== null))];
    await Promise.all(
      ids.map(async (id) => {
        for (const v of await this.send(PromptsListVersionsRequest.type, { prompt: id })) out[String(v.id)] = `${names.get(id) ?? `#${id}`} v${v.version_number}`;
      }),
    );
    return out;
  }

  dispose(): void {
    this.changeListener.dispose();
    for (const d of this.live.values()) d.dispose();
    this.live.clear();
    this.subscriptions.clear();
  }
}
