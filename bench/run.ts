// `npm run bench [-- NAME…]`: runs every bench/<name>.ts (or the named ones) one after another, each in its
// own process so one area's heap and timers do not skew the next. Each script prints its figures with the
// goal beside them; this runner adds the wall time and exits non-zero if a script failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

if (wanted.length && scripts.length !== wanted.length) {
  const known = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3));
  console.error(`unknown benchmark: ${wanted.filter((w) => !scripts.includes(w)).join(', ')} (known: ${known.join(', ')})`);
  process.exit(2);
}

let failed = 0;
for (const name of scripts) {
  console.log(`\n=== bench/${name}.ts`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, `${name}.ts`)], { stdio: 'inherit' });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed++;
    console.log(`=== bench/${name}.ts FAILED (exit ${r.status}) after ${s} s`);
  } else {
    console.log(`=== bench/${name}.ts done in ${s} s`);
  }
}
process.exit(failed ? 1 : 0);
