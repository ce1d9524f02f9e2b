// The bearer token of the HTTP API lives in <data-dir>/daemon.token, readable only by its owner. It is
// created once and reused, so a shared daemon's clients keep working across restarts.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function tokenFilePath(dataDir: string): string {
  return join(dataDir, 'daemon.token');
}

export function ensureToken(dataDir: string): { token: string; file: string } {
  const file = tokenFilePath(dataDir);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 32) {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return { token, file };
    }
  }
  const token = randomBytes(32).toString('base64url');
  // wx fails if another daemon created it a moment ago; then use theirs
  try {
    writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return { token: readFileSync(file, 'utf8').trim(), file };
  }
  return { token, file };
}

export function tokensMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
