// The LLM gateway: one object holding the settings, the ports (cache, ledger) and a resilient fetch per provider,
// with every capability as a typed method. Works with no LLM at all: embeddings are offline, chat says how to
// configure a model.

import type { LlmConfig } from '../core/config/llm.ts';
import { Assistant, type AssistantDefinition } from './assistants/assistant.ts';
import { KeyValueThreadStore, type ThreadStore } from './assistants/thread-store.ts';
import { chat, streamChat } from './capabilities/chat.ts';
import {
  generateImages,
  type ImageEditRequest,
  type ImageRequest,
  type ImageResult,
  type ImageVariationRequest,
  imageVariations,
} from './capabilities/images.ts';
import { json } from './capabilities/json.ts';
import {
  type SpeechRequest,
  type SpeechResult,
  speak,
  streamSpeech,
  type TranscriptionRequest,
  type TranscriptionResult,
  transcribeAudio,
  translateAudio,
} from './capabilities/speech.ts';
import { runTools } from './capabilities/tools.ts';
import { describeImage, type VisionRequest, type VisionResult } from './capabilities/vision.ts';
import { CachedEmbedder } from './embedders/cached-embedder.ts';
import { createEmbeddedEmbedder } from './embedders/embedded.ts';
import { embedBatch, knownDimensions, ProviderEmbedder } from './embedders/provider-embedder.ts';
import { FineTuneClient } from './fine-tune/fine-tune-jobs.ts';
import type { ModelSpec } from './model-spec.ts';
import { type KeyValuePort, MemoryKeyValue } from './ports.ts';
import type { ProviderContext } from './providers/create-models.ts';
import type { GatewayRuntime } from './runtime/executor.ts';
import { Limiter } from './runtime/limiter.ts';
import { createLogger, type LlmLogger } from './runtime/logger.ts';
import { createResilientFetch } from './runtime/resilient-fetch.ts';
import { KeyValueResponseCache, type ResponseCache } from './runtime/response-cache.ts';
import { type LlmSettings, type ModelRole, resolveLlmSettings } from './settings.ts';
import type {
  CallOptions,
  ChatReply,
  ChatRequest,
  Embedder,
  JsonRequest,
  JsonResult,
  LanguageCapabilities,
  NoLlmReply,
  ToolRequest,
  ToolRunResult,
} from './spec.ts';
import { type BudgetLimits, JobBudget } from './usage/budget.ts';
import { KeyValueUsageLedger, type UsageLedger, type UsageQuery, type UsageTotals } from './usage/ledger.ts';

export interface LlmGatewayOptions {
  /** The `llm` config section; environment variables override it. */
  config?: Partial<LlmConfig>;
  env?: Record<string, string | undefined>;
  /** Persistence for the response cache, usage and embeddings (the Store's `kv`); in memory when absent. */
  store?: KeyValuePort;
  /** Overrides the cache port built on `store`. */
  cache?: ResponseCache;
  /** Overrides the usage ledger built on `store`. */
  ledger?: UsageLedger;
  logger?: LlmLogger;
  /** The fetch under the resilient layer (tests); global fetch by default. */
  fetch?: typeof fetch;
}

export class LlmGateway implements LanguageCapabilities {
  readonly settings: LlmSettings;
  readonly store: KeyValuePort;
  /** HTTP requests sent by this gateway, retries included. */
  networkCalls = 0;
  readonly #runtime: GatewayRuntime;
  #embedder: Promise<Embedder> | null = null;

  constructor(options: LlmGatewayOptions = {}) {
    this.settings = resolveLlmSettings(options.config, options.env ?? process.env);
    this.store = options.store ?? new MemoryKeyValue();
    const logger = options.logger ?? createLogger(this.settings.log);
    // The AI SDK prints provider warnings (an unsupported seed, say) to the console; send them to the log instead,
    // unless the application set its own handler.
    globalThis.AI_SDK_LOG_WARNINGS ??= (warning) =>
      logger.debug('llm.sdk.warning', { provider: warning.provider, model: warning.model, warnings: warning.warnings });
    const fetches = new Map<string, typeof fetch>();
    const providers: ProviderContext = {
      env: this.settings.env,
      local: this.settings.local,
      fetchFor: (provider) => {
        let existing = fetches.get(provider);
        if (!existing) {
          existing = createResilientFetch({
            provider,
            timeoutMs: this.settings.timeoutMs,
            retries: this.settings.retries,
            maxRetryDelayMs: this.settings.maxRetryDelayMs,
            limiter: new Limiter(this.settings.concurrency),
            logger,
            fetch: options.fetch,
            onRequest: () => this.networkCalls++,
          });
          fetches.set(provider, existing);
        }
        return existing;
      },
    };
    this.#runtime = {
      settings: this.settings,
      cache: options.cache ?? new KeyValueResponseCache(this.store),
      ledger: options.ledger ?? new KeyValueUsageLedger(this.store),
      logger,
      providers,
      jobs: new Map(),
      spentBefore: null,
      spentHere: new Map(),
    };
  }

  /** For capability modules outside this file (images, speech, assistants). */
  get runtime(): GatewayRuntime {
    return this.#runtime;
  }

  configured(role: ModelRole = 'chat'): boolean {
    return this.settings.models[role].length > 0;
  }

  chat(request: ChatRequest): Promise<ChatReply | NoLlmReply> {
    return chat(this.#runtime, request);
  }

  streamChat(request: ChatRequest): AsyncIterable<string> {
    return streamChat(this.#runtime, request);
  }

  json<T>(request: JsonRequest<T>): Promise<JsonResult<T>> {
    return json(this.#runtime, request);
  }

  runTools(request: ToolRequest): Promise<ToolRunResult> {
    return runTools(this.#runtime, request);
  }

  /**
   * The configured embedder with its persisted per-text cache: the embedded offline one by default, else the
   * provider's (its dimension from a table of known models, or from one probe call).
   */
  embedder(options: CallOptions = {}): Promise<Embedder> {
    this.#embedder ??= (async () => {
      if (this.settings.embeddedEmbeddings)
        return new CachedEmbedder(createEmbeddedEmbedder({ ngramDimension: this.settings.ngramDimension }), this.store);
      const model = this.settings.models.embedding[0].model;
      const dimension =
        knownDimensions[model] ?? (await embedBatch(this.#runtime, ['dimension probe'], options))[0].length;
      return new CachedEmbedder(
        new ProviderEmbedder({ runtime: this.#runtime, dimension, callOptions: options }),
        this.store,
      );
    })();
    this.#embedder.catch(() => {
      this.#embedder = null;
    });
    return this.#embedder;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return (await this.embedder()).embed(texts);
  }

  generateImages(request: ImageRequest): Promise<ImageResult> {
    return generateImages(this.#runtime, request);
  }

  editImage(request: ImageEditRequest): Promise<ImageResult> {
    return generateImages(this.#runtime, request);
  }

  imageVariations(request: ImageVariationRequest): Promise<ImageResult> {
    return imageVariations(this.#runtime, request);
  }

  /** An image and a question to the chat model; OCR through tesseract when no model is configured. */
  describeImage(request: VisionRequest): Promise<VisionResult> {
    return describeImage(this.#runtime, request);
  }

  speak(request: SpeechRequest): Promise<SpeechResult> {
    return speak(this.#runtime, request);
  }

  streamSpeech(request: SpeechRequest): AsyncIterable<Uint8Array> {
    return streamSpeech(this.#runtime, request);
  }

  transcribe(request: TranscriptionRequest): Promise<TranscriptionResult> {
    return transcribeAudio(this.#runtime, request);
  }

  /** Speech in any language to English text. */
  translateSpeech(request: TranscriptionRequest): Promise<TranscriptionResult> {
    return translateAudio(this.#runtime, request);
  }

  /** Fine-tuning jobs on the chat provider (or `spec`). */
  fineTuning(spec?: ModelSpec): FineTuneClient {
    return new FineTuneClient(this.#runtime, spec);
  }

  /** An assistant whose threads and files persist in this gateway's store. */
  async assistant(definition: AssistantDefinition, threads?: ThreadStore): Promise<Assistant> {
    return new Assistant(definition, {
      llm: this,
      embedder: await this.embedder(),
      threads: threads ?? new KeyValueThreadStore(this.store),
      store: this.store,
    });
  }

  /** Registers a job's budget; calls with `job: name` are checked against it and accounted to it. */
  startJob(name: string, limits: BudgetLimits = {}): JobBudget {
    const budget = new JobBudget(name, limits);
    this.#runtime.jobs.set(name, budget);
    return budget;
  }

  usage(query?: UsageQuery): Promise<UsageTotals> {
    return this.#runtime.ledger.totals(query);
  }

  /** Writes pending usage; call before the process exits. */
  async close(): Promise<void> {
    await this.#runtime.ledger.flush();
  }
}

export function createLlmGateway(options: LlmGatewayOptions = {}): LlmGateway {
  return new LlmGateway(options);
}
