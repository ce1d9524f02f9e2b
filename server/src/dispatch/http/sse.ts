// Server-sent events for POST /api/prompts/{id}/execute?stream=true. The stream opens on the first
// dispatch event, so errors found before anything happens (unknown prompt, bad variables) are still plain
// JSON errors with their status. Events: queued, started, loading, retry, fallback (JSON objects), delta
// ({"text"}), then done (the execute response) or error ({"error":{code,message,hint}}).
import type { FastifyReply } from 'fastify';
import type { DispatchEvent } from '../call.js';

export class SseStream {
  private open = false;

  constructor(private readonly reply: FastifyReply) {}

  get started(): boolean {
    return this.open;
  }

  private begin(): void {
    if (this.open) return;
    this.open = true;
    this.reply.hijack();
    this.reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  }

  send(event: string, data: unknown): void {
    this.begin();
    if (this.reply.raw.destroyed) return;
    this.reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  dispatchEvent(e: DispatchEvent): void {
    if (e.type === 'delta') this.send('delta', { text: e.text });
    else {
      const { type, ...rest } = e;
      this.send(type, rest);
    }
  }

  end(): void {
    if (this.open && !this.reply.raw.destroyed) this.reply.raw.end();
  }
}
