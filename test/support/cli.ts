// Runs the built `codetune` (dist/server.mjs, what users run) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SERVER = resolve('dist/server.mjs');

export function requireBuild(): void {
  if (!existsSync(SERVER)) throw new Error('dist/server.mjs is missing: run `node esbuild.mjs` (npm test does it first).');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function codetune(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): Promise<CliResult> {
  requireBuild();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [SERVER, ...args], { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`codetune ${args.join(' ')} did not exit within ${opts.timeoutMs ?? 15000} ms\n${stderr}`));
    }, opts.timeoutMs ?? 15000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** Starts a long-running codetune and resolves once `ready(stdout)` is true. */
export function startCodetune(args: string[], ready: (out: string) => boolean, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; stdout: () => string; stderr: () => string }> {
  requireBuild();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [SERVER, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`codetune ${args.join(' ')} not ready in 15 s\n${err}`)), 15000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      if (ready(out)) {
        clearTimeout(timer);
        resolvePromise({ child, stdout: () => out, stderr: () => err });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`codetune exited ${code} before it was ready\n${err}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));
}
