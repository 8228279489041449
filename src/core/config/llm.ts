// The `llm` config section: a model spec per role, resilience, cache, prices and budgets. Environment variables
// (LMREC_LLM, LMREC_LLM_FAST, LMREC_EMBEDDINGS, …) override these values; src/llm/settings.ts applies them.

import { z } from 'zod';

/** One model spec (`openai:gpt-4o-mini`), or several separated by commas: a fallback chain tried in order. */
const modelSpec = z.string().min(1);

const priceSchema = z.strictObject({
  /** US dollars per million input (prompt) tokens. */
  input: z.number().min(0),
  /** US dollars per million output (completion) tokens. */
  output: z.number().min(0).default(0),
});

export const llmConfigSchema = z.strictObject({
  /** Chat model spec (and fallbacks). Env: LMREC_LLM. `none` or null: no LLM. */
  chat: modelSpec.nullable().default(null),
  /** A cheaper model for bulk jobs; the chat model when unset. Env: LMREC_LLM_FAST. */
  fast: modelSpec.nullable().default(null),
  /** Embedding model spec; `embedded` is the offline default. Env: LMREC_EMBEDDINGS. */
  embedding: modelSpec.default('embedded'),
  /** Image generation model spec. Env: LMREC_LLM_IMAGE. */
  image: modelSpec.nullable().default(null),
  /** Text-to-speech model spec; local engines (espeak-ng, flite, festival) when unset. Env: LMREC_LLM_SPEECH. */
  speech: modelSpec.nullable().default(null),
  /** Speech-to-text model spec; pocketsphinx when unset. Env: LMREC_LLM_TRANSCRIPTION. */
  transcription: modelSpec.nullable().default(null),
  /** Time allowed for one HTTP request to a provider, in milliseconds. Env: LMREC_LLM_TIMEOUT_MS. */
  timeoutMs: z.number().int().positive().default(60_000),
  /** Retries of one request after a 429, a 5xx or a network error (with backoff, honouring Retry-After). */
  retries: z.number().int().min(0).max(10).default(2),
  /** Longest wait between two retries, in milliseconds; a longer Retry-After fails the request instead. */
  maxRetryDelayMs: z.number().int().min(0).default(30_000),
  /** Requests in flight at once per provider. */
  concurrency: z.number().int().min(1).default(4),
  /** Attempts at schema-valid JSON (the first answer plus repairs). */
  jsonAttempts: z.number().int().min(1).max(10).default(3),
  /** Tool-loop steps (model calls) allowed per run. */
  maxToolSteps: z.number().int().min(1).max(50).default(8),
  /** Response cache: read-write, refresh (always call, then store), or off. */
  cache: z.enum(['read-write', 'refresh', 'off']).default('read-write'),
  /** Prices per model spec (`openai:gpt-4o-mini`) or bare model name, overriding the built-in table. */
  prices: z.record(z.string(), priceSchema).default({}),
  /** Spending limit per calendar day (UTC), in US dollars; null: none. */
  dailyBudgetUsd: z.number().min(0).nullable().default(null),
  /** Structured log lines on stderr: off, info (one line per provider call) or debug. Env: LMREC_LLM_LOG. */
  log: z.enum(['off', 'info', 'debug']).default('off'),
  /** Dimension of the hashed character n-gram embedder used for Chinese and other non-English text. */
  ngramDimension: z.number().int().min(16).max(65_536).default(512),
  /** node-llama-cpp settings for `local:` models. */
  local: z
    .strictObject({
      /** Context size in tokens. */
      contextSize: z.number().int().positive().default(4096),
      /** Layers offloaded to a GPU ('auto' lets node-llama-cpp decide). */
      gpuLayers: z.union([z.number().int().min(0), z.literal('auto')]).default('auto'),
      /** LoRA adapters (GGUF) applied to the model, with their scale. */
      lora: z.array(z.strictObject({ path: z.string().min(1), scale: z.number().default(1) })).default([]),
    })
    .prefault({}),
});

export type LlmConfig = z.infer<typeof llmConfigSchema>;
