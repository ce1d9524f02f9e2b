// Prompt library figures on each dialect with 10,000 prompts and 100,000 versions: list p95 (recent and
// filtered), full-text search p95 (one and two words, with a filter), and template render throughput.
//   node --import tsx bench/prompts.ts            (npm run bench -- prompts)
// Env: BENCH_PROMPTS (default 10000), BENCH_VERSIONS_PER_PROMPT (default 10), BENCH_QUERIES (default 300),
//      BENCH_DIALECTS (default sqlite,postgres).
import { cpus, loadavg } from 'node:os';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import type { Dialect } from '../shared/src/model/index.js';
import { openRepositories } from '../server/src/db/open.js';
import type { Repositories } from '../server/src/db/repositories/types.js';
import { percentile } from '../server/src/prompts/experiments/stats.js';
import { PromptService } from '../server/src/prompts/service.js';
import { renderPrompt, type RenderInput } from '../server/src/prompts/template/index.js';
import { freshDatabase } from '../test/support/db.js';
import { stopPgServer } from '../test/support/pg.js';
import { PROMPT_CATEGORIES } from '../shared/src/model/index.js';

const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 10_000);
const PER = Number(process.env.BENCH_VERSIONS_PER_PROMPT ?? 10);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Dialect[];
const GOAL: Record<Dialect, number> = { sqlite: 10, postgres: 20 };

const line = (what: string, value: string, goal = '') => console.log(`  ${what.padEnd(56)} ${value.padStart(14)}${goal ? `   (goal ${goal})` : ''}`);

// deterministic pseudo-random words with a skewed frequency, so some words are common and most are rare
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const SYL = ['ka', 'lo', 'mi', 'ne', 'ra', 'tu', 'sel', 'dor', 'vin', 'pax', 'que', 'zor', 'bel', 'fin', 'gar', 'hul'];
const VOCAB = Array.from({ length: 3000 }, (_, i) => SYL[i % 16]! + SYL[Math.floor(i / 16) % 16]! + (i >= 256 ? SYL[Math.floor(i / 256) % 16]! : ''));
const word = () => VOCAB[Math.floor(VOCAB.length * rand() ** 3)]!;
const text = (n: number) => Array.from({ length: n }, word).join(' ');

interface Row {
  name: string;
  description: string;
  category: string;
  tags: string[];
  system: string;
  user: string;
}

function rows(): Row[] {
  return Array.from({ length: PROMPTS }, (_, i) => ({
    name: `prompt-${i}-${word()}`,
    description: text(12),
    category: PROMPT_CATEGORIES[i % PROMPT_CATEGORIES.length]!,
    tags: [word(), word()],
    system: text(30),
    user: `${text(20)}\n{{code}}`,
  }));
}

async function seedSqlite(file: string, data: Row[]): Promise<void> {
  const db = new Database(file);
  const insP = db.prepare(`insert into prompt_library (name, description, category, tags, system_prompt, user_prompt_template, updated_at) values (?, ?, ?, ?, ?, ?, ?)`);
  const insV = db.prepare(`insert into prompt_versions (prompt_id, version_number, system_prompt, user_prompt_template, is_deployed) values (?, ?, ?, ?, ?)`);
  const setCur = db.prepare(`update prompt_library set current_version_id = ? where id = ?`);
  db.transaction(() => {
    data.forEach((r, i) => {
      const id = Number(insP.run(r.name, r.description, r.category, JSON.stringify(r.tags), r.system, r.user, 1_700_000_000_000 + i).lastInsertRowid);
      for (let n = 1; n <= PER; n++) {
        const vid = Number(insV.run(id, n, n === PER ? r.system : `${r.system} v${n}`, r.user, n === PER ? 1 : 0).lastInsertRowid);
        if (n === PER) setCur.run(vid, id);
      }
    });
  })();
  db.close();
}

async function seedPg(url: string, data: Row[]): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.begin(async (tx) => {
    for (let b = 0; b < data.length; b += 1000) {
      const chunk = data.slice(b, b + 1000).map((r, j) => ({
        name: r.name,
        description: r.description,
        category: r.category,
        tags: r.tags,
        system_prompt: r.system,
        user_prompt_template: r.user,
        updated_at: new Date(1_700_000_000_000 + b + j),
      }));
      const ids = await tx`insert into prompt_library ${tx(chunk)} returning id`;
      const versions = ids.flatMap(({ id }, j) =>
        Array.from({ length: PER }, (_, k) => ({
          prompt_id: id as number,
          version_number: k + 1,
          system_prompt: k + 1 === PER ? chunk[j]!.system_prompt : `${chunk[j]!.system_prompt} v${k + 1}`,
          user_prompt_template: chunk[j]!.user_prompt_template,
          is_deployed: k + 1 === PER,
        })),
      );
      for (let v = 0; v < versions.length; v += 2000) await tx`insert into prompt_versions ${tx(versions.slice(v, v + 2000))}`;
    }
    await tx`update prompt_library p set current_version_id = v.id from prompt_versions v where v.prompt_id = p.id and v.is_deployed`;
  });
  // a live database is vacuumed by autovacuum; without it index-only scans still visit the heap
  await sql`vacuum analyze`;
  await sql.end();
}

interface Timing {
  p50: number;
  p95: number;
  /** p95 of this process's CPU time per call: on a loaded machine wall time includes waiting for a core,
   * CPU time does not. For SQLite (in-process) it is the query's whole cost; for PostgreSQL only the client's. */
  cpuP95: number;
}

async function timeP95(fn: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 20; i++) await fn(i); // warm caches and prepared statements
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { p50: percentile(samples, 0.5)!, p95: percentile(samples, 0.95)!, cpuP95: percentile(cpu, 0.95)! };
}

async function benchDialect(dialect: Dialect, data: Row[]): Promise<void> {
  const db = await freshDatabase(dialect);
  let repos: Repositories | undefined;
  try {
    (await openRepositories(db.target)).close();
    const t = performance.now();
    if (dialect === 'sqlite') await seedSqlite(db.target.location, data);
    else await seedPg(db.target.location, data);
    repos = await openRepositories(db.target);
    const svc = new PromptService(repos);
    console.log(`\n  ${dialect}: ${PROMPTS.toLocaleString('en-US')} prompts, ${(PROMPTS * PER).toLocaleString('en-US')} versions generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const goal = `p95 ≤ ${GOAL[dialect]} ms`;
    const show = (what: string, r: Timing) =>
      line(what, `p50 ${r.p50.toFixed(2)} / p95 ${r.p95.toFixed(2)} ms${dialect === 'sqlite' ? ` (cpu p95 ${r.cpuP95.toFixed(2)})` : ''}`, goal);
    show('list, recent first, 50 per page (random page)', await timeP95((i) => svc.list({ limit: 50, offset: ((i * 7919) % 200) * 50 })));
    show('list, category filter + active, 50 per page', await timeP95((i) => svc.list({ limit: 50, category: PROMPT_CATEGORIES[i % PROMPT_CATEGORIES.length]!, active: true })));
    // query words drawn uniformly from the vocabulary (users search for topics), and separately the 20 most
    // frequent words, which occur in most prompts (the worst case: every match must be ranked)
    const words = Array.from({ length: QUERIES + 20 }, () => VOCAB[Math.floor(rand() * VOCAB.length)]!);
    show('search, one word (relevance, 20 per page)', await timeP95((i) => svc.list({ q: words[i]!, limit: 20 })));
    show('search, one of the 20 most frequent words', await timeP95((i) => svc.list({ q: VOCAB[i % 20]!, limit: 20 })));
    show('search, two words', await timeP95((i) => svc.list({ q: `${words[i]} ${words[(i + 7) % words.length]}`, limit: 20 })));
    show('search, word prefix + category filter', await timeP95((i) => svc.list({ q: words[i]!.slice(0, 3), category: 'security', limit: 20 })));
    const sample = await svc.list({ q: words[0]!, limit: 1 });
    line(`(search '${words[0]}' matches)`, `${sample.total} prompts`);
  } finally {
    await repos?.close();
    await db.drop();
  }
}

function renderThroughput(): void {
  const input: RenderInput = {
    systemPrompt: 'You are a senior {{language}} engineer. Review {{file_path}} carefully.',
    userPromptTemplate: 'Analyze this code (focus: {{focus}}):\n```{{language}}\n{{code}}\n```\nAnswer as a list.',
    fewShotExamples: [{ input: 'def f(): pass', output: 'Nothing to report.' }],
    variables: [{ name: 'focus', type: 'enum', required: false, default: 'bugs', values: ['bugs', 'style'] }],
    modelType: 'chat',
  };
  const code = Array.from({ length: 80 }, (_, i) => `    x${i} = compute(${i}) + {{not_a_var}}`).join('\n');
  const values = { code, language: 'python', file_path: 'src/app.py' };
  for (let i = 0; i < 2000; i++) renderPrompt(input, values);
  let n = 0;
  const t = performance.now();
  while (performance.now() - t < 1000) {
    renderPrompt(input, values);
    n++;
  }
  const secs = (performance.now() - t) / 1000;
  line(`render throughput (chat, ${code.length.toLocaleString('en-US')}-char code value)`, `${Math.round(n / secs).toLocaleString('en-US')} /s`);
}

console.log(`prompt library: ${PROMPTS} prompts × ${PER} versions, ${QUERIES} timed queries per figure; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
renderThroughput();
const data = rows();
for (const d of DIALECTS) await benchDialect(d, data);
await stopPgServer();
