// Resolves the daemon's configuration from flags, environment and the config file, and checks what can be
// checked before anything starts (data dir writable, config parses, database URL well-formed).
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { Value } from 'typebox/value';
import { UserError, errorMessage } from '../util/errors.js';
import { ConfigFile } from './schema.js';

export interface CommonOptions {
  dataDir?: string;
  database?: string;
  config?: string;
}

export interface DatabaseTarget {
  dialect: 'sqlite' | 'postgres';
  /** file path for SQLite, connection URL for PostgreSQL */
  location: string;
  /** safe to print: the URL with its password removed */
  display: string;
}

export interface ResolvedConfig {
  dataDir: string;
  configPath: string;
  file: ConfigFile;
  database: DatabaseTarget;
}

export function defaultDataDir(): string {
  return process.env.CODETUNE_DATA_DIR || envPaths('codetune', { suffix: '' }).data;
}

export function resolveConfig(opts: CommonOptions, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const dataDir = resolve(opts.dataDir ?? env.CODETUNE_DATA_DIR ?? defaultDataDir());
  ensureWritableDir(dataDir);
  const configPath = resolve(opts.config ?? join(dataDir, 'config.json'));
  const file = loadConfigFile(configPath, opts.config !== undefined);
  const database = parseDatabaseTarget(opts.database ?? env.DATABASE_URL, dataDir);
  return { dataDir, configPath, file, database };
}

export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (e) {
    throw new UserError('data_dir_unwritable', `The data directory ${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}).`, {
      hint: 'Pass --data-dir with a folder you can write to, or fix its permissions.',
    });
  }
}

export function loadConfigFile(path: string, mustExist: boolean): ConfigFile {
  if (!existsSync(path)) {
    if (mustExist) throw new UserError('config_invalid', `The config file ${path} does not exist.`, { hint: 'Check the --config path.' });
    return {};
  }
  let raw: unknown;
  const text = readFileSync(path, 'utf8');
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError('config_invalid', `The config file ${path} is not valid JSON: ${errorMessage(e)}.`, {
      hint: 'Fix the file (or move it away to start with defaults).',
    });
  }
  const errors = [...Value.Errors(ConfigFile, raw)];
  if (errors.length) {
    const first = errors.find((e) => e.keyword !== 'boolean') ?? errors[0]!;
    const where = first.instancePath ? first.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
    const extra = first.keyword === 'additionalProperties' ? ` (unknown field ${JSON.stringify((first.params as { additionalProperties?: string[] }).additionalProperties?.[0])})` : '';
    throw new UserError('config_invalid', `The config file ${path} is invalid at ${where}: ${first.message}${extra}.`, {
      hint: 'See the README section "Configuration" for the accepted fields.',
    });
  }
  return raw as ConfigFile;
}

export function parseDatabaseTarget(value: string | undefined, dataDir: string): DatabaseTarget {
  if (!value) {
    const location = join(dataDir, 'codetune.db');
    return { dialect: 'sqlite', location, display: location };
  }
  if (/^postgres(ql)?:/i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new UserError('config_invalid', 'The database URL is malformed (expected postgres://user:password@host:port/database).', {
        hint: 'Fix --database or DATABASE_URL.',
      });
    }
    if (!url.hostname) throw new UserError('config_invalid', 'The database URL names no host.', { hint: 'Use postgres://user:password@host:port/database.' });
    const display = new URL(url.toString());
    if (display.password) display.password = '****';
    return { dialect: 'postgres', location: value, display: display.toString() };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^sqlite:/i.test(value) && !/^file:/i.test(value)) {
    throw new UserError('config_invalid', `Unsupported database URL scheme "${value.split(':')[0]}".`, {
      hint: 'Use postgres://… for PostgreSQL, or a file path / sqlite:PATH for SQLite.',
    });
  }
  const path = value.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:(\/\/)?/i, '');
  const location = isAbsolute(path) ? path : resolve(path);
  return { dialect: 'sqlite', location, display: location };
}
