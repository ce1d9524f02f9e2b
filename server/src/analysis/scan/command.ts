// `codetune scan PATH… [--format sarif|json|text] [--output FILE] [--rules DIR] [--min-severity LEVEL]`
// Exit codes: 0 no finding at or above --min-severity, 1 at least one, 2 usage or run error.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SEVERITIES, severityRank, DEFAULT_ANALYSIS_SETTINGS, type Severity } from '../../../../shared/src/protocol/analysis.js';
import { defaultDataDir, loadConfigFile } from '../../config/load.js';
import type { ConfigFile } from '../../config/schema.js';
import { errorMessage, isUserError } from '../../util/errors.js';
import { version } from '../../util/paths.js';
import { withCommonOptions } from '../../cli/common.js';
import { toJson, toText } from './report.js';
import { defaultJobs, runScan } from './run.js';
import { toSarif } from './sarif.js';

interface ScanFlags {
  format: 'sarif' | 'json' | 'text';
  output?: string;
  rules: string[];
  minSeverity: Severity;
  maxFileBytes?: number;
  exclude: string[];
  jobs?: number;
  dataDir?: string;
  config?: string;
}

const positive = (what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of ${what} (1 or more).`);
  return n;
};
const collect = (v: string, prev: string[]) => [...prev, v];

export function scanCommand(): Command {
  return withCommonOptions(new Command('scan'))
    .description('scan files and folders for security issues (static rules, taint tracking, secrets)')
    .argument('<paths...>', 'files or folders to scan')
    .addOption(new Option('--format <format>', 'output format').choices(['sarif', 'json', 'text']).default('text'))
    .option('--output <file>', 'write the report to this file instead of stdout')
    .option('--rules <dir>', 'extra folder of YAML rules (repeatable)', collect, [])
    .addOption(new Option('--min-severity <level>', 'report findings at or above this severity; exit 1 when there is one').choices([...SEVERITIES]).default('high'))
    .option('--max-file-bytes <n>', `skip files larger than this (default ${DEFAULT_ANALYSIS_SETTINGS.maxFileBytes})`, positive('bytes'))
    .option('--exclude <glob>', 'skip paths matching this glob, relative to the current folder (repeatable)', collect, [])
    .option('--jobs <n>', 'worker threads (default: CPU cores, at most 8)', positive('threads'))
    .action(async (paths: string[], flags: ScanFlags) => {
      process.exitCode = await scan(paths, flags);
    });
}

async function scan(paths: string[], flags: ScanFlags): Promise<number> {
  try {
    const file = configFile(flags);
    const root = process.cwd();
    const result = await runScan({
      paths,
      root,
      rulePaths: [...(file.analysis?.rulePaths ?? []), ...flags.rules].map((p) => resolve(p)),
      minSeverity: flags.minSeverity,
      maxFileBytes: flags.maxFileBytes ?? file.analysis?.maxFileBytes ?? DEFAULT_ANALYSIS_SETTINGS.maxFileBytes,
      exclude: [...(file.analysis?.exclude ?? []), ...flags.exclude],
      jobs: flags.jobs ?? defaultJobs(),
    });
    for (const p of result.ruleProblems) process.stderr.write(`codetune scan: rule skipped: ${p}\n`);
    const report =
      flags.format === 'sarif'
        ? `${JSON.stringify(toSarif(result.findings, result.analyzer.ruleList(), result.notices, root, version()), null, 2)}\n`
        : flags.format === 'json'
          ? toJson(result.findings, result.notices, result.files, result.lines)
          : toText(result.findings, result.notices, result.files, result.lines, result.ms);
    if (flags.output) {
      writeFileSync(flags.output, report);
      if (flags.format !== 'text') process.stderr.write(toText([], [], result.files, result.lines, result.ms).replace(/: .*$/s, `: ${result.findings.filter((f) => !f.suppressed).length} findings → ${flags.output}\n`));
    } else process.stdout.write(report);
    const min = severityRank(flags.minSeverity);
    return result.findings.some((f) => !f.suppressed && severityRank(f.severity) >= min) ? 1 : 0;
  } catch (e) {
    const msg = isUserError(e) ? e.describe() : errorMessage(e);
    process.stderr.write(`codetune scan: ${msg}\n`);
    return 2;
  }
}

/** The config file's analysis settings, when there is one; scanning never creates the data folder. */
function configFile(flags: ScanFlags): ConfigFile {
  if (flags.config) return loadConfigFile(resolve(flags.config), true);
  return loadConfigFile(join(resolve(flags.dataDir ?? defaultDataDir()), 'config.json'), false);
}
