// SQLite implementation of the prompt repository. better-sqlite3 is synchronous: each operation is one
// BEGIN IMMEDIATE transaction, which takes the write lock before reading, so two processes creating a
// version at once are serialized and the numbers stay contiguous.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import * as lite from '../../schema/sqlite.js';
import type { SqliteHandle } from '../../handles.js';
import { counterUpdates, fts5Query, isUniqueViolation, nameTaken, searchTerms } from './common.js';
import type { ExperimentSample, PromptFilter, PromptRepository, PromptRow } from './types.js';

const P = lite.promptLibrary;
const V = lite.promptVersions;
const X = lite.executionHistory;
const E = lite.promptExperiments;

export function sqlitePrompts(h: SqliteHandle): PromptRepository {
  const db = h.db;
  const tx = <T>(fn: () => T): T => h.raw.transaction(fn).immediate();
  const getVersionStmt = db.select().from(V).where(eq(V.id, sql.placeholder('id'))).prepare();
  const getPromptStmt = db.select().from(P).where(eq(P.id, sql.placeholder('id'))).prepare();
  const deployedStmt = db.select().from(V).where(and(eq(V.promptId, sql.placeholder('id')), eq(V.isDeployed, true))).prepare();

  function insertVersion(promptId: number, v: Parameters<PromptRepository['createVersion']>[1]) {
    const last = db.select({ n: sql<number | null>`max(${V.versionNumber})` }).from(V).where(eq(V.promptId, promptId)).get();
    const row = db
      .insert(V)
      .values({ promptId, versionNumber: (last?.n ?? 0) + 1, ...v.content, createdBy: v.createdBy, changeNotes: v.changeNotes, ...(v.createdAt ? { createdAt: v.createdAt } : {}) })
      .returning()
      .get();
    db.update(P).set({ ...v.content, updatedAt: new Date() }).where(eq(P.id, promptId)).run();
    return v.deploy ? deployIn(promptId, row.id)! : row;
  }

  function deployIn(promptId: number, versionId: number) {
    const target = getVersionStmt.get({ id: versionId });
    if (!target || target.promptId !== promptId) return undefined;
    db.update(V).set({ isDeployed: false, deployedAt: null }).where(and(eq(V.promptId, promptId), eq(V.isDeployed, true))).run();
    const row = db.update(V).set({ isDeployed: true, deployedAt: new Date() }).where(eq(V.id, versionId)).returning().get();
    db.update(P).set({ currentVersionId: versionId }).where(eq(P.id, promptId)).run();
    return row;
  }

  function pageIds(f: PromptFilter): { ids: number[]; total: number } {
    const conds: SQL[] = [];
    if (f.category !== undefined) conds.push(sql`p.category = ${f.category}`);
    if (f.useCase !== undefined) conds.push(sql`p.use_case = ${f.useCase}`);
    if (f.modelType !== undefined) conds.push(sql`p.model_type = ${f.modelType}`);
    if (f.active !== undefined) conds.push(sql`p.is_active = ${f.active ? 1 : 0}`);
    for (const tag of f.tags ?? []) conds.push(sql`exists (select 1 from json_each(p.tags) where value = ${tag})`);
    const terms = searchTerms(f.q);
    const where = conds.length ? sql`and ${sql.join(conds, sql` and `)}` : sql``;
    const sort = f.sort ?? (terms.length ? 'relevance' : 'recent');
    // a page query and a count query: a window count would make every page visit every matching row
    if (terms.length) {
      const match = fts5Query(terms);
      const order =
        sort === 'name' ? sql`p.name asc` : sort === 'relevance' ? sql`bm25(prompt_fts, 10.0, 4.0, 1.0, 1.0) asc, p.updated_at desc, p.id desc` : sql`p.updated_at desc, p.id desc`;
      const from = sql`from prompt_fts join prompt_library p on p.id = prompt_fts.rowid where prompt_fts match ${match} ${where}`;
      const ids = db.all<{ id: number }>(sql`select p.id as id ${from} order by ${order} limit ${f.limit} offset ${f.offset}`).map((r) => r.id);
      const countFrom = conds.length ? from : sql`from prompt_fts where prompt_fts match ${match}`;
      const total = ids.length < f.limit && f.offset === 0 ? ids.length : (db.get<{ n: number }>(sql`select count(*) as n ${countFrom}`)?.n ?? 0);
      return { ids, total };
    }
    const order = sort === 'name' ? sql`p.name asc` : sql`p.updated_at desc, p.id desc`;
    const from = sql`from prompt_library p where 1 = 1 ${where}`;
    const ids = db.all<{ id: number }>(sql`select p.id as id ${from} order by ${order} limit ${f.limit} offset ${f.offset}`).map((r) => r.id);
    const total = ids.length < f.limit && f.offset === 0 ? ids.length : (db.get<{ n: number }>(sql`select count(*) as n ${from}`)?.n ?? 0);
    return { ids, total };
  }

  return {
    async create(p) {
      try {
        return tx(() => {
          const { content, changeNotes, ...meta } = p;
          const prompt = db.insert(P).values({ ...meta, ...content }).returning().get();
          const version = insertVersion(prompt.id, { content, createdBy: p.createdBy, changeNotes, deploy: true });
          return { prompt: getPromptStmt.get({ id: prompt.id })!, version };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(p.name);
        throw e;
      }
    },
    async get(id) {
      return getPromptStmt.get({ id });
    },
    async getByName(name) {
      return db.select().from(P).where(eq(P.name, name)).get();
    },
    async list(f) {
      const { ids, total } = pageIds(f);
      if (ids.length === 0) return { items: [], total };
      const rows = db.select().from(P).where(inArray(P.id, ids)).all();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return { items: ids.map((id) => byId.get(id)).filter((r): r is PromptRow => r !== undefined), total };
    },
    async allIds() {
      return db.select({ id: P.id, name: P.name }).from(P).orderBy(asc(P.name)).all();
    },
    async update(id, patch, version) {
      try {
        return tx(() => {
          if (!getPromptStmt.get({ id })) return undefined;
          const v = version ? insertVersion(id, version) : null;
          db.update(P).set({ ...patch, updatedAt: new Date() }).where(eq(P.id, id)).run();
          return { prompt: getPromptStmt.get({ id })!, version: v };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(patch.name ?? '');
        throw e;
      }
    },
    async createVersion(promptId, v) {
      return tx(() => (getPromptStmt.get({ id: promptId }) ? insertVersion(promptId, v) : undefined));
    },
    async importPrompt(plan) {
      try {
        return tx(() => {
          const first = plan.versions[0]?.content;
          let id = plan.promptId;
          if (id === null) {
            if (!first) throw new Error('a new prompt needs at least one version');
            id = db.insert(P).values({ ...plan.meta, ...first }).returning({ id: P.id }).get().id;
          } else {
            db.update(P).set({ ...plan.meta, updatedAt: new Date() }).where(eq(P.id, id)).run();
          }
          const created = plan.versions.map((v) => insertVersion(id, { ...v, deploy: false }));
          if (plan.deployNumber !== null) {
            const target = db.select({ id: V.id, isDeployed: V.isDeployed }).from(V).where(and(eq(V.promptId, id), eq(V.versionNumber, plan.deployNumber))).get();
            if (target && !target.isDeployed) deployIn(id, target.id);
          }
          const fresh = created.map((c) => getVersionStmt.get({ id: c.id })!);
          return { prompt: getPromptStmt.get({ id })!, created: fresh };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(plan.meta.name);
        throw e;
      }
    },
    async getVersion(id) {
      return getVersionStmt.get({ id });
    },
    async getVersionByNumber(promptId, versionNumber) {
      return db.select().from(V).where(and(eq(V.promptId, promptId), eq(V.versionNumber, versionNumber))).get();
    },
    async listVersions(promptId) {
      return db.select().from(V).where(eq(V.promptId, promptId)).orderBy(asc(V.versionNumber)).all();
    },
    async getDeployedVersion(promptId) {
      return deployedStmt.get({ id: promptId });
    },
    async deploy(promptId, versionId) {
      return tx(() => deployIn(promptId, versionId));
    },
    async hardDelete(id) {
      return tx(() => db.delete(P).where(eq(P.id, id)).run().changes === 1);
    },
    async recordExecution(row) {
      return tx(() => {
        const inserted = db.insert(X).values(row).returning().get();
        if (row.versionId != null) {
          const c = counterUpdates({ count: V.testExecutions, rate: V.testSuccessRate, avg: V.testAvgExecutionTime }, row.success, row.executionTimeMs ?? 0);
          db.update(V).set({ testExecutions: c.count, testSuccessRate: c.rate, testAvgExecutionTime: c.avg }).where(eq(V.id, row.versionId)).run();
        }
        if (row.promptId != null) {
          const c = counterUpdates({ count: P.usageCount, rate: P.successRate, avg: P.avgExecutionTime }, row.success, row.executionTimeMs ?? 0);
          db.update(P).set({ usageCount: c.count, successRate: c.rate, avgExecutionTime: c.avg }).where(eq(P.id, row.promptId)).run();
        }
        return inserted;
      });
    },
    async createExperiment(e) {
      return tx(() => db.insert(E).values({ promptId: e.promptId, name: e.name, variants: e.variants, status: 'running' }).returning().get());
    },
    async getExperiment(id) {
      return db.select().from(E).where(eq(E.id, id)).get();
    },
    async listExperiments(promptId) {
      return db.select().from(E).where(eq(E.promptId, promptId)).orderBy(desc(E.id)).all();
    },
    async runningExperiment(promptId) {
      return db.select().from(E).where(and(eq(E.promptId, promptId), eq(E.status, 'running'))).orderBy(desc(E.id)).get();
    },
    async endExperiment(id, winner) {
      return tx(() => {
        const exp = db.select().from(E).where(and(eq(E.id, id), eq(E.status, 'running'))).get();
        if (!exp) return undefined;
        if (winner !== null && !deployIn(exp.promptId, winner)) return undefined;
        return db.update(E).set({ status: 'ended', endedAt: new Date(), winnerVersionId: winner }).where(eq(E.id, id)).returning().get();
      });
    },
    async experimentSamples(id) {
      const rows = db
        .select({ versionId: X.versionId, success: X.success, executionTimeMs: X.executionTimeMs, rating: X.rating })
        .from(X)
        .where(eq(X.experimentId, id))
        .all();
      return rows.filter((r): r is ExperimentSample => r.versionId !== null);
    },
  };
}
