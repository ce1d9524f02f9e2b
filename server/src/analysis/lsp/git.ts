// "Only changed lines": the lines of a file that differ from git HEAD, from `git diff -U0 HEAD -- file`.
// A file git does not track counts as entirely changed; outside a repository the filter is off.
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';

/** Zero-based changed line numbers of the working copy, or null when every line counts as changed. */
export function changedLines(filePath: string, timeoutMs = 3000): Promise<Set<number> | null> {
  return new Promise((resolve) => {
    execFile('git', ['diff', '-U0', '--no-color', '--no-ext-diff', 'HEAD', '--', filePath], { cwd: dirname(filePath), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) return resolve(null);
      if (!stdout.trim()) {
        // no diff: unchanged file, or untracked (git diff says nothing about those)
        execFile('git', ['ls-files', '--error-unmatch', '--', filePath], { cwd: dirname(filePath), timeout: timeoutMs }, (e2) => resolve(e2 ? null : new Set()));
        return;
      }
      resolve(parseHunks(stdout));
    });
  });
}

export function parseHunks(diff: string): Set<number> {
  const lines = new Set<number>();
  for (const m of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let i = 0; i < count; i++) lines.add(start - 1 + i);
  }
  return lines;
}
