// Online experiments on the serving path: per request, the user's variants in the running experiments (a hash, no
// I/O: ExperimentAssigner keeps the running experiments in memory), the pipeline overrides those variants apply, the
// cache-field key that keeps variants apart, and the `x-lmrec-experiments` header value. Built once per variant key.

import type { Assignment } from '../eval/experiments/assignment.ts';
import { mergedVariantConfig, variantCacheKey } from '../eval/experiments/experiment-assigner.ts';
import { experimentsMap } from '../eval/experiments/exposure.ts';
import type { PipelineVariant } from '../pipeline/pipeline-variants.ts';

export const experimentsHeader = 'x-lmrec-experiments';

/** What one request serves for its experiments. */
export interface ServedVariant {
  /** The engine's variant: its key and the merged `pipeline` overrides of the variants' configs. */
  variant: PipelineVariant;
  /** `{ experimentId: variant }`, echoed in the response and logged with each exposure. */
  experiments: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class ExperimentServing {
  readonly #byKey = new Map<string, ServedVariant>();

  /** The served variant of a user's assignments, or null when the user is in no experiment. */
  of(assignments: readonly Assignment[]): ServedVariant | null {
    if (assignments.length === 0) return null;
    const key = variantCacheKey(assignments);
    let served = this.#byKey.get(key);
    if (!served) {
      // A variant's config: `pipeline` is a partial serving.pipeline (rank, rerank, recall, …); other keys (a prompt,
      // a description) are recorded with the experiment but not applied by recommendations.
      const pipeline = mergedVariantConfig(assignments).pipeline;
      served = {
        variant: { key, pipeline: isRecord(pipeline) ? pipeline : {} },
        experiments: experimentsMap(assignments),
      };
      if (this.#byKey.size >= 1024) this.#byKey.clear();
      this.#byKey.set(key, served);
    }
    return served;
  }
}
