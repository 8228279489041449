// Pipeline variants for online experiments: a variant's partial pipeline config (e.g. other rerank settings) merged
// over the served config, validated with the same schema, and built once per variant key, so that a request of an
// experiment's user runs the same named stages with that variant's settings.

import { type PipelineConfig, pipelineSchema } from '../core/config/serving.ts';
import { ConfigError } from '../core/errors.ts';
import type { RecommendationPipeline } from './pipeline.ts';

/** What one request's experiments change: a stable key (cache field, pipeline memo) and the pipeline overrides. */
export interface PipelineVariant {
  /** Stable and short, e.g. `rerank-test=treatment`; part of the response cache field. */
  key: string;
  /** A partial `serving.pipeline`, deep-merged over the served one (arrays replace). */
  pipeline: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with `overrides` merged in: objects merge key by key, everything else (arrays too) replaces. */
export function deepMerge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    merged[key] = isRecord(value) && isRecord(base[key]) ? deepMerge(base[key], value) : value;
  }
  return merged;
}

/** The served pipeline config with a variant's overrides, validated; errors name the field (`source`.field). */
export function variantPipelineConfig(
  base: PipelineConfig,
  overrides: Record<string, unknown>,
  source = 'variant pipeline',
): PipelineConfig {
  const result = pipelineSchema.safeParse(deepMerge(base as unknown as Record<string, unknown>, overrides));
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || '(root)';
    throw new ConfigError(`${source}: field "${field}": ${issue.message}`, { context: { field } });
  }
  return result.data;
}

/** Pipelines built per variant key, at most `limit` of them (experiments are few; the memo starts over past it). */
export class PipelineVariants {
  readonly #pipelines = new Map<string, RecommendationPipeline>();
  readonly #options: {
    served: RecommendationPipeline;
    build: (config: PipelineConfig) => RecommendationPipeline;
    limit: number;
  };

  constructor(options: {
    /** The pipeline served to everyone else: its config is the base, and a variant without overrides runs it. */
    served: RecommendationPipeline;
    /** Builds a pipeline for a config (with the same registry, store and LLM ports as the served one). */
    build: (config: PipelineConfig) => RecommendationPipeline;
    limit?: number;
  }) {
    this.#options = { ...options, limit: options.limit ?? 256 };
  }

  /** The variant's pipeline; throws a ConfigError when its overrides are invalid. */
  get(variant: PipelineVariant): RecommendationPipeline {
    if (Object.keys(variant.pipeline).length === 0) return this.#options.served;
    let pipeline = this.#pipelines.get(variant.key);
    if (!pipeline) {
      const { served, build, limit } = this.#options;
      pipeline = build(variantPipelineConfig(served.config, variant.pipeline, `variant ${variant.key}`));
      if (this.#pipelines.size >= limit) this.#pipelines.clear();
      this.#pipelines.set(variant.key, pipeline);
    }
    return pipeline;
  }

  clear(): void {
    this.#pipelines.clear();
  }
}
