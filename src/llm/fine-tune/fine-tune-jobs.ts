// Fine-tuning jobs through the `openai` SDK (OpenAI, and compatible providers that offer /fine_tuning/jobs):
// upload the JSONL training file, create the job, and poll it to a final state with progress notes.

import OpenAI, { toFile } from 'openai';
import { type Progress, silentProgress } from '../../core/progress.ts';
import { LlmNotConfiguredError, LlmProviderError } from '../errors.ts';
import type { ModelSpec } from '../model-spec.ts';
import { apiKeyOf, baseUrlOf } from '../providers/create-models.ts';
import type { GatewayRuntime } from '../runtime/executor.ts';

export type FineTuneStatus = 'validating_files' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface FineTuneJob {
  id: string;
  status: FineTuneStatus;
  model: string;
  trainingFile: string;
  /** The new model's name once the job succeeded. */
  fineTunedModel: string | null;
  trainedTokens: number | null;
  error: string | null;
}

export interface SubmitFineTuneOptions {
  /** Training set as chat JSONL (toChatJsonl). */
  jsonl: string;
  /** Base model to tune, e.g. gpt-4o-mini-2024-07-18. */
  model: string;
  /** Added to the fine-tuned model's name. */
  suffix?: string;
  epochs?: number;
}

export class FineTuneClient {
  readonly #client: OpenAI;
  readonly spec: ModelSpec;

  constructor(runtime: GatewayRuntime, spec: ModelSpec | undefined = runtime.settings.models.chat[0]) {
    if (!spec || spec.provider === 'ollama' || spec.provider === 'local')
      throw new LlmNotConfiguredError('fine-tuning needs an OpenAI-protocol provider', {
        hint: 'set LMREC_LLM=openai:<model> (or openai-compatible:<baseURL>#<model> for a server with /fine_tuning/jobs); local models take LoRA adapters through llm.local.lora',
      });
    this.spec = spec;
    this.#client = new OpenAI({
      apiKey: apiKeyOf(spec, runtime.providers.env) ?? 'not-needed',
      baseURL: baseUrlOf(spec, runtime.providers.env),
      fetch: runtime.providers.fetchFor(spec.provider),
      // The resilient fetch underneath already retries 429 and 5xx.
      maxRetries: 0,
    });
  }

  async submit(options: SubmitFineTuneOptions): Promise<FineTuneJob> {
    return this.#wrap(async () => {
      const file = await this.#client.files.create({
        file: await toFile(Buffer.from(options.jsonl, 'utf8'), 'training.jsonl', { type: 'application/jsonl' }),
        purpose: 'fine-tune',
      });
      const job = await this.#client.fineTuning.jobs.create({
        model: options.model,
        training_file: file.id,
        suffix: options.suffix,
        ...(options.epochs ? { hyperparameters: { n_epochs: options.epochs } } : {}),
      });
      return toJob(job);
    });
  }

  status(id: string): Promise<FineTuneJob> {
    return this.#wrap(async () => toJob(await this.#client.fineTuning.jobs.retrieve(id)));
  }

  cancel(id: string): Promise<FineTuneJob> {
    return this.#wrap(async () => toJob(await this.#client.fineTuning.jobs.cancel(id)));
  }

  /** Polls until the job succeeds, fails or is cancelled. */
  async wait(
    id: string,
    options: { intervalMs?: number; progress?: Progress; signal?: AbortSignal } = {},
  ): Promise<FineTuneJob> {
    const progress = options.progress ?? silentProgress;
    progress.start(`fine-tune ${id}`);
    let last = '';
    for (;;) {
      const job = await this.status(id);
      if (job.status !== last) progress.note(`${id}: ${job.status}`);
      last = job.status;
      if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') {
        progress.done(job.fineTunedModel ?? job.status);
        return job;
      }
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 30_000));
      options.signal?.throwIfAborted();
    }
  }

  async #wrap<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof OpenAI.APIError)
        throw new LlmProviderError(`${this.spec.id}: fine-tuning: HTTP ${error.status}: ${error.message}`, {
          cause: error,
          status: error.status,
        });
      throw error;
    }
  }
}

function toJob(job: OpenAI.FineTuning.FineTuningJob): FineTuneJob {
  return {
    id: job.id,
    status: job.status,
    model: job.model,
    trainingFile: job.training_file,
    fineTunedModel: job.fine_tuned_model,
    trainedTokens: job.trained_tokens,
    error: job.error?.message ?? null,
  };
}
