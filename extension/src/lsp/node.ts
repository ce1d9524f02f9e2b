// Finds a Node.js ≥ 20 to run the daemon on. Not VS Code's own runtime: the daemon's native modules
// (better-sqlite3) are built for a system Node ABI.
import { execFile } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { access, constants } from 'node:fs/promises';

export const MIN_NODE_MAJOR = 20;

export interface NodeRuntime {
  path: string;
  version: string;
}

export class NodeNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeNotFoundError';
  }
}

function versionOf(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: 5000, windowsHide: true }, (err, stdout) => resolve(err ? null : stdout.trim()));
  });
}

function major(v: string): number {
  return Number(/^v?(\d+)/.exec(v)?.[1] ?? 0);
}

async function candidatesOnPath(): Promise<string[]> {
  const names = process.platform === 'win32' ? ['node.exe'] : ['node'];
  const out: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const n of names) {
      const p = join(dir, n);
      try {
        await access(p, constants.X_OK);
        out.push(p);
      } catch {
        // not here
      }
    }
  }
  return out;
}

/** The configured runtime if set (it must work), else the first Node ≥ 20 on PATH. */
export async function findNode(configured: string): Promise<NodeRuntime> {
  if (configured) {
    const v = await versionOf(configured);
    if (!v) throw new NodeNotFoundError(`The Node.js set in codetune.daemon.nodePath (${configured}) does not run.`);
    if (major(v) < MIN_NODE_MAJOR) throw new NodeNotFoundError(`The Node.js set in codetune.daemon.nodePath is ${v}; CodeTune's daemon needs Node.js ${MIN_NODE_MAJOR} or newer.`);
    return { path: configured, version: v };
  }
  const seen: string[] = [];
  for (const p of await candidatesOnPath()) {
    const v = await versionOf(p);
    if (v && major(v) >= MIN_NODE_MAJOR) return { path: p, version: v };
    if (v) seen.push(`${p} (${v})`);
  }
  throw new NodeNotFoundError(
    seen.length
      ? `CodeTune's daemon needs Node.js ${MIN_NODE_MAJOR} or newer; found only ${seen.join(', ')}.`
      : `CodeTune's daemon needs Node.js ${MIN_NODE_MAJOR} or newer, and none was found on PATH.`,
  );
}
