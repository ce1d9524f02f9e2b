// The common part of the local model servers: an HTTP server on 127.0.0.1 (port 0), a record of every
// call (so tests can count upstream calls and see whether the client went away), and a queue of faults
// consumed one per generation request. Protocol files (openai.ts, anthropic.ts, tgi.ts) only add routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What can go wrong with one generation request. */
export type Fault =
  /** an HTTP error status with the protocol's error body; `retryAfter` (seconds) sets the Retry-After header */
  | { kind: 'status'; status: number; retryAfter?: number; message?: string }
  /** HF only: 503 {"error":"Model is currently loading","estimated_time":N} */
  | { kind: 'loading'; estimatedTime: number }
  /** accept the request and never answer (until the client gives up or the server stops) */
  | { kind: 'hang' }
  /** stream: send this many chunks, then destroy the socket without finishing the stream */
  | { kind: 'cut'; afterChunks: number }
  /** answer 200 with a body that is not valid JSON (or an SSE data line that is not) */
  | { kind: 'malformed' }
  /** wait this long before the first byte of the answer (headers included for JSON, first chunk for streams) */
  | { kind: 'slowFirstToken'; delayMs: number };

export interface CallRecord {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** the fault applied to this call, if any */
  fault?: Fault;
  /** the server finished writing its answer */
  completed: boolean;
  /** the client closed the connection before the server finished (cancellation reached the server) */
  aborted: boolean;
}

export interface FakeOptions {
  /** faults applied to the next generation requests, one each, in order; later requests succeed */
  faults?: Fault[];
  /** applied to every generation request once `faults` is used up */
  always?: Fault;
  /** the answer text; default: a function of the last user message ("Echo: …") */
  reply?: string | ((prompt: string) => string);
  /** delay between streamed chunks (default 0) */
  chunkDelayMs?: number;
}

export interface FakeServer {
  /** base URL, e.g. http://127.0.0.1:PORT (protocol paths are appended by the clients) */
  readonly url: string;
  /** every request received, in order */
  readonly calls: CallRecord[];
  /** number of generation requests received (what single-flight tests count) */
  generationCalls(): number;
  /** replaces the pending faults */
  setFaults(faults: Fault[], always?: Fault): void;
  /** resolves once `n` generation requests have arrived */
  waitForCalls(n: number): Promise<void>;
  /** resolves once the generation call number `index` (0-based) was aborted by the client */
  waitForAbort(index?: number): Promise<CallRecord>;
  stop(): Promise<void>;
}

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
  call: CallRecord;
  /** the fault for this request (already removed from the queue) */
  fault: Fault | undefined;
  opts: FakeOptions;
  sleep(ms: number): Promise<void>;
  /** writes a JSON body (or malformed JSON when the fault says so) and marks the call completed */
  json(status: number, body: unknown, headers?: Record<string, string>): Promise<void>;
  /** starts an SSE response; `send(event?, data)` writes one event; `end()` completes the call */
  sse(): Promise<SseWriter>;
}

export interface SseWriter {
  send(data: unknown, event?: string): Promise<void>;
  raw(text: string): Promise<void>;
  end(): void;
  /** destroys the socket mid-stream (fault "cut") */
  cut(): void;
}

export type Route = (ex: Exchange) => Promise<void>;

export interface RouteTable {
  /** `METHOD /path` → handler; generation routes consume a fault */
  routes: Record<string, { handler: Route; generation: boolean }>;
}

export async function startBase(table: RouteTable, opts: FakeOptions = {}): Promise<FakeServer> {
  let faults = [...(opts.faults ?? [])];
  let always = opts.always;
  const calls: CallRecord[] = [];
  const generation: CallRecord[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `fake server failure: ${String(e)}` }));
      } else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the raw text: the route answers 400 the way the real server would
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const entry = table.routes[`${req.method} ${path}`];
    const call: CallRecord = { method: req.method ?? 'GET', path, headers: req.headers, body, completed: false, aborted: false };
    calls.push(call);
    res.on('close', () => {
      if (!call.completed) call.aborted = true;
      notify();
    });
    if (!entry) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `no route ${req.method} ${path}` }));
      call.completed = true;
      return;
    }
    let fault: Fault | undefined;
    if (entry.generation) {
      fault = faults.shift() ?? always;
      if (fault) call.fault = fault;
      generation.push(call);
      notify();
    }
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, ms);
        timers.add(t);
      });
    const ex: Exchange = {
      req,
      res,
      body,
      call,
      fault,
      opts,
      sleep,
      async json(status, value, headers = {}) {
        if (fault?.kind === 'slowFirstToken') await sleep(fault.delayMs);
        if (res.destroyed) return;
        const payload = fault?.kind === 'malformed' && status === 200 ? '{"id": "broken", "choices": [' : JSON.stringify(value);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        call.completed = true;
        res.end(payload);
      },
      async sse() {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        res.flushHeaders();
        let first = true;
        const write = async (text: string) => {
          if (first && fault?.kind === 'slowFirstToken') await sleep(fault.delayMs);
          else if (!first && opts.chunkDelayMs) await sleep(opts.chunkDelayMs);
          first = false;
          if (!res.destroyed) res.write(text);
        };
        return {
          async send(data, event) {
            await write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
          },
          raw: write,
          end() {
            call.completed = true;
            res.end();
          },
          cut() {
            // flush what was written, then close without the final chunk: the client sees a premature end
            const sock = res.socket;
            sock?.end();
            setTimeout(() => sock?.destroy(), 50).unref();
          },
        };
      },
    };
    if (fault?.kind === 'hang') return; // the response stays open; 'close' marks the abort
    await entry.handler(ex);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = (cond: () => boolean) =>
    new Promise<void>((resolve) => {
      if (cond()) return resolve();
      const w = () => {
        if (cond()) {
          waiters.delete(w);
          resolve();
        }
      };
      waiters.add(w);
    });

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    generationCalls: () => generation.length,
    setFaults(f, a) {
      faults = [...f];
      always = a;
    },
    waitForCalls: (n) => waitFor(() => generation.length >= n),
    async waitForAbort(index = 0) {
      await waitFor(() => generation[index]?.aborted === true);
      return generation[index]!;
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The answer for a prompt: the configured reply, or "Echo: <prompt>" so distinct prompts get distinct answers. */
export function replyFor(opts: FakeOptions, prompt: string): string {
  if (typeof opts.reply === 'function') return opts.reply(prompt);
  return opts.reply ?? `Echo: ${prompt}`;
}

/** Splits a reply into stream chunks of one word each (spaces kept), like a tokenizer would roughly. */
export function chunksOf(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [''];
}

/** A rough token count the fakes report as usage (4 characters a token, at least 1). */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Error status for a status fault, with Retry-After when asked. */
export function faultHeaders(f: Fault): Record<string, string> {
  return f.kind === 'status' && f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {};
}
