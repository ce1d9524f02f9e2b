// Child process for the multi-process test: opens the given SQLite file as a daemon does (migrations
// included) and writes N keys, each in its own transaction. Prints a JSON summary on stdout.
import { openRepositories } from '../../server/src/db/open.js';
import { parseDatabaseTarget } from '../../server/src/config/load.js';

const [file, prefix, countArg] = process.argv.slice(2);
const count = Number(countArg);
const repos = await openRepositories(parseDatabaseTarget(file!, '.'));
let errors = 0;
for (let i = 0; i < count; i++) {
  try {
    await repos.meta.set(`${prefix}-${i}`, String(i));
    if (process.env.WRITER_ECHO) process.stdout.write(`committed ${prefix}-${i}\n`);
    if (i % 10 === 0) await repos.meta.setIfAbsent('shared-once', prefix!);
  } catch (e) {
    errors++;
    process.stderr.write(`${(e as Error).message}\n`);
  }
}
await repos.close();
process.stdout.write(JSON.stringify({ prefix, count, errors }) + '\n');
