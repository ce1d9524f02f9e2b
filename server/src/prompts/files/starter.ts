// The starter library (server/prompts/starter/*.prompt.yaml) is imported on the first start of a database
// and never again: `starter_library_loaded` is claimed with setIfAbsent, so a prompt the user deleted does
// not come back and two daemons starting together import it once.
import type { Logger } from '../../logger.js';
import { resourcePath } from '../../util/paths.js';
import type { PromptService } from '../service.js';
import { importPrompts, type ImportReport } from './io.js';

export const STARTER_FLAG = 'starter_library_loaded';

export function starterDir(): string {
  return resourcePath('server', 'prompts', 'starter');
}

/** Imports the starter library when this database has never had it; null when it already had. */
export async function loadStarterLibrary(service: PromptService, log: Logger, dir = starterDir()): Promise<ImportReport | null> {
  if (!(await service.repos.meta.setIfAbsent(STARTER_FLAG, new Date().toISOString()))) return null;
  const report = await importPrompts(service, dir, { onlyNew: true });
  for (const p of report.problems) log.warn({ file: p.file, line: p.line }, `starter prompt not loaded: ${p.message}`);
  log.info({ created: report.created.length, problems: report.problems.length }, 'starter prompt library loaded');
  return report;
}
