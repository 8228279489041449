// The configuration schema: one typed object, defaults in one place, validated at load time.
// Sections owned by other layers live beside this file and are composed here.

import { z } from 'zod';
import { defaultFeedbackTypes } from '../types.ts';
import { llmConfigSchema } from './llm.ts';
import { monitoringConfigSchema } from './monitoring.ts';
import { servingSchema } from './serving.ts';

export const feedbackTypeSchema = z.strictObject({
  name: z.string().min(1),
  class: z.enum(['positive', 'exposure', 'negative']),
  weight: z.number(),
});

export const configSchema = z.strictObject({
  /** Store location: a SQLite file path or a postgres:// URL. Env: LMREC_DB. */
  db: z.string().min(1).default('./lmrec.db'),
  /** Redis URL for shared caches and pub/sub when several API processes run. Env: LMREC_REDIS_URL. */
  redisUrl: z.string().nullable().default(null),
  /** Feedback types with their class and training weight. */
  feedbackTypes: z.array(feedbackTypeSchema).default(() => defaultFeedbackTypes.map((type) => ({ ...type }))),
  /** Users and items with fewer positive interactions than this count as cold in stats and reports. */
  coldThreshold: z.number().int().min(1).default(5),
  /** Folder with the shared datasets for tests and benchmarks. Env: LMREC_DATASETS. */
  datasets: z.string().default('../shared/datasets'),
  /** Cache folder for downloads, embeddings and other derived files. Env: LMREC_CACHE. */
  cacheDir: z.string().default('./.lmrec-cache'),
  /** LLM gateway: model specs per role, timeouts, retries, cache, prices, budgets (src/core/config/llm.ts). */
  llm: llmConfigSchema.prefault({}),
  /** Monitoring: series window and bucket, alert rules, webhook (src/core/config/monitoring.ts). */
  monitoring: monitoringConfigSchema.prefault({}),
  /** The recommendation pipeline, HTTP server, auth, caching and background trainer (src/core/config/serving.ts). */
  serving: servingSchema.prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
