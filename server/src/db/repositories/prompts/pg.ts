// PostgreSQL implementation of the prompt repository. Version numbers are made contiguous by locking the
// prompt row (`select … for update`) before reading the highest number; deploys take the same lock, so
// exactly one version per prompt is deployed whatever runs concurrently.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import * as pg from '../../schema/pg.js';
import type { PgHandle } from '../../handles.js';
import { counterUpdates, isUniqueViolation, nameTaken, searchTerms, tsQuery } from './common.js';
import type { ExperimentSample, NewVersion, PromptRepository, PromptRow, PromptVersionRow } from './types.js';

const P = pg.promptLibrary;
const V = pg.promptVersions;
const X = pg.executionHistory;
const E = pg.promptExperiments;
type Tx = Parameters<Parameters<PgHandle['db']['transaction']>[0]>[0];

export function pgPrompts(h: PgHandle): PromptRepository {
  const db = h.db;

  async function lockPrompt(tx: Tx, promptId: number): Promise<boolean> {
    const rows = await tx.select({ id: P.id }).from(P).where(eq(P.id, promptId)).for('update');
    return rows.length === 1;
  }

  async function insertVersion(tx: Tx, promptId: number, v: NewVersion): Promise<PromptVersionRow> {
    const [last] = await tx.select({ n: sql<number | null>`max(${V.versionNumber})` }).from(V).where(eq(V.promptId, promptId));
    const [row] = await tx
      .insert(V)
      .values({ promptId, versionNumber: (last?.n ?? 0) + 1, ...v.content, createdBy: v.createdBy, changeNotes: v.changeNotes, ...(v.createdAt ? { createdAt: v.createdAt } : {}) })
      .returning();
    await tx.update(P).set({ ...v.content, updatedAt: new Date() }).where(eq(P.id, promptId));
    if (v.deploy) return (await deployIn(tx, promptId, row!.id))!;
    return row!;
  }

  async function deployIn(tx: Tx, promptId: number, versionId: number): Promise<PromptVersionRow | undefined> {
    const [target] = await tx.select({ promptId: V.promptId }).from(V).where(eq(V.id, versionId));
    if (!target || target.promptId !== promptId) return undefined;
    await tx.update(V).set({ isDeployed: false, deployedAt: null }).where(and(eq(V.promptId, promptId), eq(V.isDeployed, true)));
    const [row] = await tx.update(V).set({ isDeployed: true, deployedAt: new Date() }).where(eq(V.id, versionId)).returning();
    await tx.update(P).set({ currentVersionId: versionId }).where(eq(P.id, promptId));
    return row;
  }

  async function pageIds(f: Parameters<PromptRepository['list']>[0]): Promise<{ ids: number[]; total: number }> {
    const conds: SQL[] = [];
    if (f.category !== undefined) conds.push(sql`p.category = ${f.category}`);
    if (f.useCase !== undefined) conds.push(sql`p.use_case = ${f.useCase}`);
    if (f.modelType !== undefined) conds.push(sql`p.model_type = ${f.modelType}`);
    if (f.active !== undefined) conds.push(sql`p.is_active = ${f.active}`);
    if (f.tags?.length) conds.push(sql`p.tags @> array[${sql.join(f.tags.map((t) => sql`${t}`), sql`, `)}]::text[]`);
    const terms = searchTerms(f.q);
    const query = sql`to_tsquery('simple', ${tsQuery(terms)})`;
    const sort = f.sort ?? (terms.length ? 'relevance' : 'recent');
    // the stored vectors live in prompt_search (drizzle/postgres/0002_prompt_search_speed.sql)
    const join = terms.length ? sql`join prompt_search s on s.prompt_id = p.id and s.tsv @@ ${query}` : sql``;
    const where = conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
    const order =
      sort === 'name'
        ? sql`p.name asc`
        : sort === 'relevance' && terms.length
          ? sql`ts_rank(s.tsv, ${query}) desc, p.updated_at desc, p.id desc`
          : sql`p.updated_at desc, p.id desc`;
    // a page query and a count query: a window count would make every page visit every matching row
    const rows = await db.execute<{ id: number }>(sql`select p.id as id from prompt_library p ${join} ${where} order by ${order} limit ${f.limit} offset ${f.offset}`);
    const ids = rows.map((r) => Number(r.id));
    if (ids.length < f.limit && f.offset === 0) return { ids, total: ids.length };
    const c = await db.execute<{ n: string }>(sql`select count(*) as n from prompt_library p ${join} ${where}`);
    return { ids, total: Number(c[0]?.n ?? 0) };
  }

  return {
    async create(p) {
      try {
        return await db.transaction(async (tx) => {
          const { content, changeNotes, ...meta } = p;
          const [prompt] = await tx.insert(P).values({ ...meta, ...content }).returning();
          const version = await insertVersion(tx, prompt!.id, { content, createdBy: p.createdBy, changeNotes, deploy: true });
          const [fresh] = await tx.select().from(P).where(eq(P.id, prompt!.id));
          return { prompt: fresh!, version };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(p.name);
        throw e;
      }
    },
    async get(id) {
      const [row] = await db.select().from(P).where(eq(P.id, id));
      return row;
    },
    async getByName(name) {
      const [row] = await db.select().from(P).where(eq(P.name, name));
      return row;
    },
    async list(f) {
      const { ids, total } = await pageIds(f);
      if (ids.length === 0) return { items: [], total };
      const rows = await db.select().from(P).where(inArray(P.id, ids));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return { items: ids.map((id) => byId.get(id)).filter((r): r is PromptRow => r !== undefined), total };
    },
    async allIds() {
      return db.select({ id: P.id, name: P.name }).from(P).orderBy(asc(P.name));
    },
    async update(id, patch, version) {
      try {
        return await db.transaction(async (tx) => {
          if (!(await lockPrompt(tx, id))) return undefined;
          const v = version ? await insertVersion(tx, id, version) : null;
          const [row] = await tx.update(P).set({ ...patch, updatedAt: new Date() }).where(eq(P.id, id)).returning();
          return { prompt: row!, version: v };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(patch.name ?? '');
        throw e;
      }
    },
    async createVersion(promptId, v) {
      return db.transaction(async (tx) => ((await lockPrompt(tx, promptId)) ? insertVersion(tx, promptId, v) : undefined));
    },
    async importPrompt(plan) {
      try {
        return await db.transaction(async (tx) => {
          const first = plan.versions[0]?.content;
          let id = plan.promptId;
          if (id === null) {
            if (!first) throw new Error('a new prompt needs at least one version');
            const [row] = await tx.insert(P).values({ ...plan.meta, ...first }).returning({ id: P.id });
            id = row!.id;
          } else {
            await lockPrompt(tx, id);
            await tx.update(P).set({ ...plan.meta, updatedAt: new Date() }).where(eq(P.id, id));
          }
          const created: PromptVersionRow[] = [];
          for (const v of plan.versions) created.push(await insertVersion(tx, id, { ...v, deploy: false }));
          if (plan.deployNumber !== null) {
            const [target] = await tx.select({ id: V.id, isDeployed: V.isDeployed }).from(V).where(and(eq(V.promptId, id), eq(V.versionNumber, plan.deployNumber)));
            if (target && !target.isDeployed) await deployIn(tx, id, target.id);
          }
          const fresh = created.length ? await tx.select().from(V).where(inArray(V.id, created.map((c) => c.id))).orderBy(asc(V.versionNumber)) : [];
          const [prompt] = await tx.select().from(P).where(eq(P.id, id));
          return { prompt: prompt!, created: fresh };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(plan.meta.name);
        throw e;
      }
    },
    async getVersion(id) {
      const [row] = await db.select().from(V).where(eq(V.id, id));
      return row;
    },
    async getVersionByNumber(promptId, versionNumber) {
      const [row] = await db.select().from(V).where(and(eq(V.promptId, promptId), eq(V.versionNumber, versionNumber)));
      return row;
    },
    async listVersions(promptId) {
      return db.select().from(V).where(eq(V.promptId, promptId)).orderBy(asc(V.versionNumber));
    },
    async getDeployedVersion(promptId) {
      const [row] = await db.select().from(V).where(and(eq(V.promptId, promptId), eq(V.isDeployed, true)));
      return row;
    },
    async deploy(promptId, versionId) {
      return db.transaction(async (tx) => ((await lockPrompt(tx, promptId)) ? deployIn(tx, promptId, versionId) : undefined));
    },
    async hardDelete(id) {
      const rows = await db.delete(P).where(eq(P.id, id)).returning({ id: P.id });
      return rows.length === 1;
    },
    async recordExecution(row) {
      return db.transaction(async (tx) => {
        const [inserted] = await tx.insert(X).values(row).returning();
        if (row.versionId != null) {
          const c = counterUpdates({ count: V.testExecutions, rate: V.testSuccessRate, avg: V.testAvgExecutionTime }, row.success, row.executionTimeMs ?? 0);
          await tx.update(V).set({ testExecutions: c.count, testSuccessRate: c.rate, testAvgExecutionTime: c.avg }).where(eq(V.id, row.versionId));
        }
        if (row.promptId != null) {
          const c = counterUpdates({ count: P.usageCount, rate: P.successRate, avg: P.avgExecutionTime }, row.success, row.executionTimeMs ?? 0);
          await tx.update(P).set({ usageCount: c.count, successRate: c.rate, avgExecutionTime: c.avg }).where(eq(P.id, row.promptId));
        }
        return inserted!;
      });
    },
    async createExperiment(e) {
      const [row] = await db.insert(E).values({ promptId: e.promptId, name: e.name, variants: e.variants, status: 'running' }).returning();
      return row!;
    },
    async getExperiment(id) {
      const [row] = await db.select().from(E).where(eq(E.id, id));
      return row;
    },
    async listExperiments(promptId) {
      return db.select().from(E).where(eq(E.promptId, promptId)).orderBy(desc(E.id));
    },
    async runningExperiment(promptId) {
      const [row] = await db.select().from(E).where(and(eq(E.promptId, promptId), eq(E.status, 'running'))).orderBy(desc(E.id)).limit(1);
      return row;
    },
    async endExperiment(id, winner) {
      return db.transaction(async (tx) => {
        const [exp] = await tx.select().from(E).where(and(eq(E.id, id), eq(E.status, 'running'))).for('update');
        if (!exp) return undefined;
        if (winner !== null && !((await lockPrompt(tx, exp.promptId)) && (await deployIn(tx, exp.promptId, winner)))) return undefined;
        const [row] = await tx.update(E).set({ status: 'ended', endedAt: new Date(), winnerVersionId: winner }).where(eq(E.id, id)).returning();
        return row;
      });
    },
    async experimentSamples(id) {
      const rows = await db
        .select({ versionId: X.versionId, success: X.success, executionTimeMs: X.executionTimeMs, rating: X.rating })
        .from(X)
        .where(eq(X.experimentId, id));
      return rows.filter((r): r is ExperimentSample => r.versionId !== null);
    },
  };
}
