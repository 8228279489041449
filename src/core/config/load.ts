// Loads the configuration: defaults, then the config file, then environment variables, then explicit overrides.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { type Config, configSchema } from './schema.ts';

/** Environment variables and the config path each one sets. */
export const environmentVariables: Record<string, { path: string; description: string }> = {
  LMREC_DB: { path: 'db', description: 'store location: SQLite file path or postgres:// URL (default ./lmrec.db)' },
  LMREC_REDIS_URL: { path: 'redisUrl', description: 'redis:// URL for shared caches, rate limits and model updates' },
  LMREC_DATASETS: { path: 'datasets', description: 'folder holding the shared datasets (default ../shared/datasets)' },
  LMREC_CACHE: { path: 'cacheDir', description: 'cache folder for downloads and embeddings (default ./.lmrec-cache)' },
};

export const configFileNames = ['lmrec.config.json', 'lmrec.config.ts', 'lmrec.config.js'];

export interface LoadConfigOptions {
  /** Explicit config file; otherwise LMREC_CONFIG, then lmrec.config.{json,ts,js} in `cwd`. */
  file?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Values that win over everything else (CLI flags). Nested paths use dots: `{ 'server.port': 9000 }`. */
  overrides?: Record<string, unknown>;
}

export async function loadConfig(options: LoadConfigOptions = {}): Promise<Config & { configFile: string | null }> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const file = findConfigFile(options.file ?? env.LMREC_CONFIG, cwd);
  const raw: Record<string, unknown> = file ? await readConfigFile(file) : {};
  for (const [name, target] of Object.entries(environmentVariables)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, target.path, value);
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) setPath(raw, key, value);
  }
  return { ...parseConfig(raw, file ?? 'configuration'), configFile: file };
}

/** Validates a raw object, with errors that name the file and the field path. */
export function parseConfig(raw: unknown, source = 'configuration'): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw configProblem(result.error, source);
  return result.data;
}

function configProblem(error: z.ZodError, source: string): ConfigError {
  const issue = error.issues[0];
  const field = issue.path.join('.') || '(root)';
  const extra = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return new ConfigError(`${source}: field "${field}": ${issue.message}${extra}`, { context: { file: source, field } });
}

function findConfigFile(explicit: string | undefined, cwd: string): string | null {
  if (explicit) {
    const resolved = path.resolve(cwd, explicit);
    if (!fs.existsSync(resolved))
      throw new ConfigError(`config file ${explicit} does not exist`, { context: { file: explicit } });
    return resolved;
  }
  for (const name of configFileNames) {
    const candidate = path.join(cwd, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  try {
    if (file.endsWith('.json')) return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return (module.default ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${file}: cannot be read: ${(error as Error).message}`, { cause: error, context: { file } });
  }
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}
