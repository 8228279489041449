// Resolves the `llm` config section and the environment into the gateway's settings: env wins over the file.

import { type LlmConfig, llmConfigSchema } from '../core/config/llm.ts';
import { ConfigError } from '../core/errors.ts';
import { type ModelSpec, parseModelChain } from './model-spec.ts';

export type ModelRole = 'chat' | 'fast' | 'embedding' | 'image' | 'speech' | 'transcription';

/** The environment variable that sets each role's model spec. */
export const roleEnvironment: Record<ModelRole, string> = {
  chat: 'LMREC_LLM',
  fast: 'LMREC_LLM_FAST',
  embedding: 'LMREC_EMBEDDINGS',
  image: 'LMREC_LLM_IMAGE',
  speech: 'LMREC_LLM_SPEECH',
  transcription: 'LMREC_LLM_TRANSCRIPTION',
};

export interface LlmSettings extends Omit<LlmConfig, ModelRole> {
  /** Fallback chain per role; empty when the role has no model. `fast` falls back to `chat`. */
  models: Record<ModelRole, ModelSpec[]>;
  /** True when embeddings come from the embedded offline embedder rather than a provider. */
  embeddedEmbeddings: boolean;
  /** Where API keys and hosts are read from (never logged). */
  env: Record<string, string | undefined>;
}

export function resolveLlmSettings(
  config: Partial<LlmConfig> = {},
  env: Record<string, string | undefined> = process.env,
): LlmSettings {
  const parsed = llmConfigSchema.parse(config);
  const value = (role: ModelRole): { text: string | null; source: string } => {
    const fromEnv = env[roleEnvironment[role]];
    if (fromEnv !== undefined && fromEnv.trim() !== '') return { text: fromEnv, source: roleEnvironment[role] };
    return { text: parsed[role], source: `llm.${role}` };
  };
  const chain = (role: ModelRole) => {
    const { text, source } = value(role);
    return parseModelChain(text, source);
  };
  const embedding = value('embedding');
  const embeddedEmbeddings = embedding.text === null || embedding.text.trim() === 'embedded';
  const chat = chain('chat');
  const fast = chain('fast');
  const models: Record<ModelRole, ModelSpec[]> = {
    chat,
    fast: fast.length ? fast : chat,
    embedding: embeddedEmbeddings ? [] : chain('embedding'),
    image: chain('image'),
    speech: chain('speech'),
    transcription: chain('transcription'),
  };
  for (const spec of models.embedding)
    if (spec.provider === 'local')
      throw new ConfigError(`${embedding.source}: local: models do not embed here; use embedded or a provider`, {
        context: { field: embedding.source },
      });
  const timeout = env.LMREC_LLM_TIMEOUT_MS;
  const timeoutMs = timeout ? Number(timeout) : parsed.timeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new ConfigError(`LMREC_LLM_TIMEOUT_MS: "${timeout}" is not a positive whole number of milliseconds`, {
      context: { field: 'LMREC_LLM_TIMEOUT_MS' },
    });
  const log = (env.LMREC_LLM_LOG as LlmConfig['log'] | undefined) ?? parsed.log;
  if (!['off', 'info', 'debug'].includes(log))
    throw new ConfigError(`LMREC_LLM_LOG: "${log}" must be off, info or debug`, {
      context: { field: 'LMREC_LLM_LOG' },
    });
  const { chat: _c, fast: _f, embedding: _e, image: _i, speech: _s, transcription: _t, ...rest } = parsed;
  return { ...rest, timeoutMs, log, models, embeddedEmbeddings, env };
}

/** The one-line hint on how to configure a model for a role. */
export function configureHint(role: ModelRole): string {
  const variable = roleEnvironment[role];
  const example = {
    chat: 'openai:gpt-4o-mini',
    fast: 'openai:gpt-4o-mini',
    embedding: 'openai:text-embedding-3-small',
    image: 'openai:gpt-image-1',
    speech: 'openai:gpt-4o-mini-tts',
    transcription: 'openai:whisper-1',
  }[role];
  return (
    `set ${variable}=${example} (or deepseek:, qwen:, glm:, ernie:, moonshot:, ollama:<model>, ` +
    `openai-compatible:<baseURL>#<model>, local:<file.gguf>) with the provider's API key, ` +
    `or "llm": { "${role}": "…" } in lmrec.config.json`
  );
}
