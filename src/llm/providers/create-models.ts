// Builds AI SDK models from a model spec: OpenAI through @ai-sdk/openai, the OpenAI-compatible hosted providers
// (DeepSeek, Qwen, GLM, ERNIE, Moonshot) and self-hosted servers through @ai-sdk/openai-compatible, Ollama and local
// GGUF files through this folder's own providers. Every HTTP request goes through the gateway's resilient fetch.

import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type {
  EmbeddingModelV4,
  ImageModelV4,
  LanguageModelV4,
  SpeechModelV4,
  TranscriptionModelV4,
} from '@ai-sdk/provider';
import { LlmNotConfiguredError } from '../errors.ts';
import type { ModelSpec } from '../model-spec.ts';
import { type ProviderName, providerCatalog } from './catalog.ts';
import { createLocalLanguageModel, type LocalModelOptions } from './local.ts';
import { OllamaEmbeddingModel, OllamaLanguageModel } from './ollama.ts';

export interface ProviderContext {
  env: Record<string, string | undefined>;
  /** The resilient fetch for a provider (one per provider: its own concurrency limit). */
  fetchFor(provider: string): typeof fetch;
  local: LocalModelOptions;
}

/** The base URL a spec talks to: the spec's own, the provider's env override, or the catalog default. */
export function baseUrlOf(spec: ModelSpec, env: ProviderContext['env']): string {
  if (spec.baseURL) return spec.baseURL;
  const info = providerCatalog[spec.provider];
  const fromEnv = info.baseURLEnv ? env[info.baseURLEnv] : undefined;
  if (!fromEnv) return info.baseURL;
  if (spec.provider === 'ollama' && !/^https?:\/\//.test(fromEnv)) return `http://${fromEnv}`;
  return fromEnv.replace(/\/+$/, '');
}

/** The API key from the provider's usual variable; a typed error naming that variable when a hosted one lacks it. */
export function apiKeyOf(spec: ModelSpec, env: ProviderContext['env']): string | undefined {
  const names = providerCatalog[spec.provider].apiKeyEnv;
  for (const name of names) if (env[name]) return env[name];
  const selfHosted: ProviderName[] = ['openai-compatible', 'ollama', 'local'];
  if (selfHosted.includes(spec.provider)) return undefined;
  throw new LlmNotConfiguredError(`${spec.id}: no API key`, {
    hint: `set ${names[0]} to your ${spec.provider} API key`,
    context: { provider: spec.provider },
  });
}

function openAiProtocol(spec: ModelSpec, context: ProviderContext) {
  return createOpenAI({
    name: spec.provider,
    baseURL: baseUrlOf(spec, context.env),
    apiKey: apiKeyOf(spec, context.env) ?? 'not-needed',
    fetch: context.fetchFor(spec.provider),
  });
}

function compatible(spec: ModelSpec, context: ProviderContext) {
  const apiKey = apiKeyOf(spec, context.env);
  return createOpenAICompatible({
    name: spec.provider,
    baseURL: baseUrlOf(spec, context.env),
    apiKey,
    fetch: context.fetchFor(spec.provider),
    includeUsage: true,
    supportsStructuredOutputs: providerCatalog[spec.provider].structuredOutput === 'json-schema',
  });
}

export function createLanguageModel(spec: ModelSpec, context: ProviderContext): LanguageModelV4 {
  switch (spec.provider) {
    case 'openai':
      return openAiProtocol(spec, context).chat(spec.model);
    case 'ollama':
      return new OllamaLanguageModel(spec.model, {
        baseURL: baseUrlOf(spec, context.env),
        fetch: context.fetchFor('ollama'),
      });
    case 'local':
      return createLocalLanguageModel(spec, context.local);
    default:
      return compatible(spec, context).chatModel(spec.model);
  }
}

export function createEmbeddingModel(spec: ModelSpec, context: ProviderContext): EmbeddingModelV4 {
  if (spec.provider === 'openai') return openAiProtocol(spec, context).embedding(spec.model);
  if (spec.provider === 'ollama')
    return new OllamaEmbeddingModel(spec.model, {
      baseURL: baseUrlOf(spec, context.env),
      fetch: context.fetchFor('ollama'),
    });
  return compatible(spec, context).embeddingModel(spec.model);
}

/** Images, speech and transcription use OpenAI's protocol, which the compatible providers that offer them follow. */
export function createImageModel(spec: ModelSpec, context: ProviderContext): ImageModelV4 {
  return openAiProtocol(requireHttp(spec, 'images'), context).image(spec.model);
}

export function createSpeechModel(spec: ModelSpec, context: ProviderContext): SpeechModelV4 {
  return openAiProtocol(requireHttp(spec, 'speech'), context).speech(spec.model);
}

export function createTranscriptionModel(spec: ModelSpec, context: ProviderContext): TranscriptionModelV4 {
  return openAiProtocol(requireHttp(spec, 'transcription'), context).transcription(spec.model);
}

function requireHttp(spec: ModelSpec, capability: string): ModelSpec {
  if (spec.provider === 'ollama' || spec.provider === 'local')
    throw new LlmNotConfiguredError(`${spec.id}: ${spec.provider} models do not offer ${capability}`, {
      hint: 'configure an OpenAI-protocol provider for this role (openai:, openai-compatible:<baseURL>#<model>)',
      context: { provider: spec.provider },
    });
  return spec;
}
