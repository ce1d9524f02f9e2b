// Logging: pino to stderr (the extension shows it in its "CodeTune" log channel) and to
// <data-dir>/logs/daemon.log. Never stdout: in `lsp --stdio` stdout carries only the LSP stream.
// No worker transports (they do not survive bundling); multistream is synchronous in-process.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'password',
  '*.password',
];

export function createLogger(opts: { dataDir?: string; level?: string; stderr?: boolean }): Logger {
  const level = opts.level ?? process.env.CODETUNE_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (opts.stderr !== false) {
    const stderr = process.env.CODETUNE_LOG_FORMAT === 'line' || (process.stderr.isTTY && process.env.CODETUNE_LOG_FORMAT !== 'json') ? lineStream() : pino.destination({ fd: 2, sync: true });
    streams.push({ level: level as pino.Level, stream: stderr });
  }
  if (opts.dataDir) {
    const dir = join(opts.dataDir, 'logs');
    mkdirSync(dir, { recursive: true });
    streams.push({ level: level as pino.Level, stream: pino.destination({ dest: join(dir, 'daemon.log'), sync: true, mkdir: true }) });
  }
  return pino(
    { level, base: { pid: process.pid }, redact: { paths: REDACT, censor: '[redacted]' } },
    streams.length ? pino.multistream(streams) : pino.destination({ fd: 2, sync: true }),
  );
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export type LineSink = (level: string, line: string) => void;
let lineSink: LineSink | null = null;

/**
 * Sends the readable log lines somewhere other than stderr. A daemon spawned by the editor routes them
 * through LSP `window/logMessage`, so the editor's log channel shows each at its own level (stderr would
 * all be shown as errors).
 */
export function routeLogLines(sink: LineSink | null): void {
  lineSink = sink;
}

/**
 * Readable one-line records for the editor's log channel (which adds its own timestamp):
 * `info daemon started ms=84 dialect="sqlite"`. The log file keeps full JSON.
 */
function lineStream(): pino.DestinationStream {
  return {
    write(chunk: string) {
      let rec: Record<string, unknown>;
      try {
        rec = JSON.parse(chunk) as Record<string, unknown>;
      } catch {
        process.stderr.write(chunk);
        return;
      }
      const { level, msg, time: _t, pid: _p, ...rest } = rec;
      const extra = Object.entries(rest)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v)}`)
        .join(' ');
      const name = LEVELS[level as number] ?? String(level);
      const text = `${String(msg ?? '')}${extra ? ' ' + extra : ''}`;
      if (lineSink) lineSink(name, text);
      else process.stderr.write(`${name} ${text}\n`);
    },
  };
}

/** A logger that drops everything; for tests and library callers that pass none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
