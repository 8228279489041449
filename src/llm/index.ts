// The LLM gateway's public entry: the spec, the gateway and its capabilities, the embedders, ports and errors.

export { Assistant, type AssistantDefinition, type AssistantRun } from './assistants/assistant.ts';
export { chunkText } from './assistants/chunk-text.ts';
export { KeyValueThreadStore, type Thread, type ThreadMessage, type ThreadStore } from './assistants/thread-store.ts';
export type {
  GeneratedImage,
  ImageEditRequest,
  ImageRequest,
  ImageResult,
  ImageTarget,
  ImageVariationRequest,
} from './capabilities/images.ts';
export { extractJson, resolveSchema } from './capabilities/output-schema.ts';
export {
  type SpeechFormat,
  type SpeechRequest,
  type SpeechResult,
  speechFormats,
  type TranscriptionRequest,
  type TranscriptionResult,
} from './capabilities/speech.ts';
export type { VisionRequest, VisionResult } from './capabilities/vision.ts';
export { CachedEmbedder } from './embedders/cached-embedder.ts';
export { cosine, createEmbeddedEmbedder } from './embedders/embedded.ts';
export { cjkShare, LanguageRouterEmbedder } from './embedders/language-router.ts';
export { NgramEmbedder } from './embedders/ngram-embedder.ts';
export { ProviderEmbedder } from './embedders/provider-embedder.ts';
export { SentenceEncoderEmbedder } from './embedders/sentence-encoder.ts';
export * from './errors.ts';
export {
  FineTuneClient,
  type FineTuneJob,
  type FineTuneStatus,
  type SubmitFineTuneOptions,
} from './fine-tune/fine-tune-jobs.ts';
export {
  type ChatExample,
  chatToInstruction,
  type InstructionExample,
  toChatJsonl,
  toInstructionJsonl,
} from './fine-tune/training-data.ts';
export { createLlmGateway, LlmGateway, type LlmGatewayOptions } from './gateway.ts';
export { type ModelSpec, parseModelChain, parseModelSpec } from './model-spec.ts';
export { type BlobSink, type KeyValuePort, MemoryKeyValue } from './ports.ts';
export { type ProviderName, providerCatalog } from './providers/catalog.ts';
export { createLogger, type LlmLogger, redact, silentLogger } from './runtime/logger.ts';
export {
  type CachedResponse,
  canonicalJson,
  KeyValueResponseCache,
  type ResponseCache,
  requestKey,
} from './runtime/response-cache.ts';
export { configureHint, type LlmSettings, type ModelRole, resolveLlmSettings, roleEnvironment } from './settings.ts';
export type * from './spec.ts';
export { type BatchOptions, type BatchResult, runBatch } from './usage/batch.ts';
export { type BudgetLimits, JobBudget } from './usage/budget.ts';
export {
  KeyValueUsageLedger,
  type UsageCounters,
  type UsageLedger,
  type UsageQuery,
  type UsageTotals,
} from './usage/ledger.ts';
export { costOf, defaultPrices, estimateTokens, type Price, priceOf } from './usage/prices.ts';
