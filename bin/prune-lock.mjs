#!/usr/bin/env node
// Removes from package-lock.json the optional dependencies that the lock cannot resolve. The registry this
// project builds against serves only some platform binaries of @ast-grep/napi (linux-x64 among them); npm
// leaves the others out of the lock but keeps them listed as optional edges, and `npm ci` then refuses the
// lock as "out of sync". Run `npm run lock:prune` after `npm install` changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const paths = Object.keys(lock.packages);
let removed = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!paths.some((p) => p.endsWith(`node_modules/${name}`))) {
      delete entry.optionalDependencies[name];
      removed++;
      console.log(`pruned ${name} (optional dependency of ${path || 'the project'}, not in the registry)`);
    }
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`${removed} unresolvable optional dependencies pruned`);
