// `codetune prompts export DIR` / `import DIR`. Export writes one file per prompt (sorted, deterministic:
// export → import into an empty database → export gives the same bytes). Import never rewrites a version:
// versions beyond the stored ones are appended, an edited latest version becomes a new version, metadata
// is updated; every bad file is reported with its line while the good ones are imported, each prompt in
// one transaction.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImportPlan, NewVersion, PromptRow } from '../../db/repositories/prompts/types.js';
import type { Repositories } from '../../db/repositories/types.js';
import { errorMessage, isUserError, UserError } from '../../util/errors.js';
import type { PromptService } from '../service.js';
import { canonicalJson, contentOf, sameContent } from '../validate.js';
import { fileNameFor, parsePromptFile, PROMPT_FILE_SUFFIX, serializePrompt, type FileProblem, type PromptFile } from './format.js';

export interface ExportReport {
  dir: string;
  files: string[];
}

export async function exportPrompts(repos: Repositories, dir: string): Promise<ExportReport> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UserError('bad_request', `Cannot create the export folder ${dir}: ${errorMessage(e)}.`);
  }
  const files: string[] = [];
  const used = new Set<string>();
  for (const { id } of await repos.prompts.allIds()) {
    const p = await repos.prompts.get(id);
    if (!p) continue;
    let file = fileNameFor(p.name);
    for (let n = 2; used.has(file.toLowerCase()); n++) file = fileNameFor(`${p.name}_${n}`);
    used.add(file.toLowerCase());
    writeFileSync(join(dir, file), serializePrompt(p, await repos.prompts.listVersions(id)));
    files.push(file);
  }
  return { dir, files };
}

export interface ImportReport {
  created: string[];
  updated: { name: string; new_versions: number[] }[];
  unchanged: string[];
  problems: FileProblem[];
}

function sameMeta(p: PromptRow, f: PromptFile['meta']): boolean {
  return (
    p.description === f.description &&
    p.category === f.category &&
    p.useCase === f.useCase &&
    canonicalJson(p.tags) === canonicalJson(f.tags) &&
    p.isActive === f.isActive &&
    p.createdBy === f.createdBy &&
    p.cachePolicy === f.cachePolicy &&
    p.cacheTtlSeconds === f.cacheTtlSeconds
  );
}

/** What importing `f` changes for the stored prompt (null when nothing). */
async function planFor(repos: Repositories, f: PromptFile, file: string): Promise<ImportPlan | null> {
  const toNew = (v: PromptFile['versions'][number], notes?: string): NewVersion => ({
    content: v.content,
    createdBy: v.createdBy,
    changeNotes: notes ?? v.changeNotes,
    deploy: false,
    ...(v.createdAt ? { createdAt: v.createdAt } : {}),
  });
  const marked = f.versions.find((v) => v.deployed)?.version ?? null;
  const existing = await repos.prompts.getByName(f.meta.name);
  if (!existing) return { promptId: null, meta: f.meta, versions: f.versions.map((v) => toNew(v)), deployNumber: marked };

  const stored = await repos.prompts.listVersions(existing.id);
  const storedMax = stored.at(-1)?.versionNumber ?? 0;
  const appended = f.versions.filter((v) => v.version > storedMax);
  const versions = appended.map((v) => toNew(v));
  let deployNumber = marked;
  const last = f.versions.at(-1)!;
  const storedLast = stored.at(-1);
  if (appended.length === 0 && storedLast && !sameContent(last.content, contentOf(storedLast))) {
    const { createdAt: _kept, ...edited } = toNew(last, `Imported from ${basename(file)} (edited version ${last.version})`);
    versions.push(edited);
    if (marked === last.version) deployNumber = storedMax + 1;
  }
  const deployed = stored.find((v) => v.isDeployed)?.versionNumber ?? null;
  if (deployNumber === deployed) deployNumber = null;
  if (versions.length === 0 && deployNumber === null && sameMeta(existing, f.meta)) return null;
  return { promptId: existing.id, meta: f.meta, versions, deployNumber };
}

/**
 * Imports every *.prompt.yaml (and .yml) file of `dir`, sorted by name. `onlyNew` skips prompts that exist
 * (the starter library must never add versions to a library the user already edits).
 */
export async function importPrompts(service: PromptService, dir: string, opts: { onlyNew?: boolean } = {}): Promise<ImportReport> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(PROMPT_FILE_SUFFIX) || n.endsWith('.prompt.yml')).sort();
  } catch (e) {
    throw new UserError('bad_request', `Cannot read the import folder ${dir}: ${errorMessage(e)}.`, { hint: 'Give a folder written by `codetune prompts export`.' });
  }
  const report: ImportReport = { created: [], updated: [], unchanged: [], problems: [] };
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const parsed = parsePromptFile(file, readFileSync(file, 'utf8'));
    if ('problems' in parsed) {
      report.problems.push(...parsed.problems);
      continue;
    }
    const f = parsed.prompt;
    const other = seen.get(f.meta.name);
    if (other) {
      report.problems.push({ file, line: 1, message: `prompt '${f.meta.name}' is also defined in ${other}; it was imported from there` });
      continue;
    }
    seen.set(f.meta.name, file);
    try {
      if (opts.onlyNew && (await service.repos.prompts.getByName(f.meta.name))) {
        report.unchanged.push(f.meta.name);
        continue;
      }
      const plan = await planFor(service.repos, f, file);
      if (!plan) {
        report.unchanged.push(f.meta.name);
        continue;
      }
      const { prompt, created } = await service.repos.prompts.importPrompt(plan);
      if (plan.promptId === null) report.created.push(prompt.name);
      else report.updated.push({ name: prompt.name, new_versions: created.map((v) => v.versionNumber) });
      service.emit({ prompt_id: prompt.id, name: prompt.name, kind: plan.promptId === null ? 'created' : created.length ? 'version_created' : 'updated' });
    } catch (e) {
      if (!isUserError(e)) throw e;
      report.problems.push({ file, line: 1, message: e.message });
    }
  }
  return report;
}
