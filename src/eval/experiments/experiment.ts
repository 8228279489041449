// An online experiment as it is stored: variants with opaque configs the serving layer applies, its place in a
// layer (experiments in one layer never share a user), its metrics and guardrails, and its life cycle.

import { z } from 'zod';
import { InvalidInputError } from '../../core/errors.ts';
import { type MetricName, metricNames, testedMetricNames } from './metric-names.ts';

/** Buckets of the hash space a layer is divided into; traffic is allocated in whole buckets (0.01%). */
export const bucketCount = 10_000;

export type ExperimentStatus = 'draft' | 'running' | 'stopped';

export interface Variant {
  name: string;
  /** Relative share of the experiment's users. */
  weight: number;
  /** What the serving layer applies for this variant: pipeline config, model, rerank settings, prompt (opaque JSON). */
  config: unknown;
  description?: string;
}

/** A metric that must not get worse by more than `tolerance` (relative) for the treatment to ship. */
export interface Guardrail {
  metric: MetricName;
  /** Largest acceptable relative degradation, e.g. 0.05 for 5%. */
  tolerance: number;
}

export interface Experiment {
  id: string;
  name: string;
  description: string;
  status: ExperimentStatus;
  /** Experiments in one layer are mutually exclusive; different layers are independent (orthogonal hashes). */
  layer: string;
  /** Salt of the variant hash (default: the id), so that each experiment splits users independently. */
  salt: string;
  /** Share of the layer's users in the experiment, 0 < traffic ≤ 1. */
  traffic: number;
  /** The buckets [start, end) of the layer it holds; once stopped, the buckets are free for new experiments. */
  range: [number, number];
  variants: Variant[];
  /** Name of the control variant. */
  control: string;
  primaryMetric: MetricName;
  guardrails: Guardrail[];
  /** Significance level of the tests. */
  alpha: number;
  /** Smallest relative effect worth detecting: the power calculation and the sequential test's τ use it. */
  minimumDetectableEffect: number;
  /** Feedback type of exposures (default `impression`). */
  exposureType: string;
  /** Days of history before the start used as the CUPED covariate (0: no CUPED). */
  preperiodDays: number;
  createdAt: number;
  startedAt: number | null;
  stoppedAt: number | null;
}

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const variantSchema = z.strictObject({
  name: z.string().regex(idPattern, 'letters, digits, ".", "_" or "-", at most 100'),
  weight: z.number().positive().default(1),
  config: z.unknown().default({}),
  description: z.string().optional(),
});

const guardrailSchema = z.strictObject({
  metric: z.enum(testedMetricNames),
  tolerance: z.number().min(0).max(10),
});

/** What `create` accepts: everything but the life-cycle fields has a default. */
export const experimentInputSchema = z.strictObject({
  id: z.string().regex(idPattern, 'letters, digits, ".", "_" or "-", at most 100').optional(),
  name: z.string().min(1).max(200),
  description: z.string().max(5000).default(''),
  layer: z.string().min(1).max(100).optional(),
  salt: z.string().min(1).max(200).optional(),
  traffic: z.number().gt(0).max(1).default(1),
  variants: z
    .array(variantSchema)
    .min(2, 'an experiment needs at least two variants')
    .default([
      { name: 'control', weight: 1, config: {} },
      { name: 'treatment', weight: 1, config: {} },
    ]),
  control: z.string().optional(),
  primaryMetric: z.enum(testedMetricNames).default('ctr'),
  guardrails: z.array(guardrailSchema).default([
    { metric: 'revenuePerUser', tolerance: 0.05 },
    { metric: 'latencyMs', tolerance: 0.1 },
  ]),
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  minimumDetectableEffect: z.number().gt(0).max(10).default(0.05),
  exposureType: z.string().min(1).default('impression'),
  preperiodDays: z.number().int().min(0).max(365).default(28),
});

export type ExperimentInput = z.input<typeof experimentInputSchema>;

/** Validates input (from JSON, the CLI or the API); errors name the field. */
export function parseExperimentInput(raw: unknown, source = 'experiment'): z.output<typeof experimentInputSchema> {
  const result = experimentInputSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || '(root)';
    throw new InvalidInputError(`${source}: field "${field}": ${issue.message}`, { context: { field } });
  }
  const input = result.data;
  const names = new Set<string>();
  for (const variant of input.variants) {
    if (names.has(variant.name)) {
      throw new InvalidInputError(`${source}: variant "${variant.name}" appears twice`, {
        context: { field: 'variants' },
      });
    }
    names.add(variant.name);
  }
  if (input.control !== undefined && !names.has(input.control)) {
    throw new InvalidInputError(
      `${source}: control "${input.control}" is not one of the variants (${[...names].join(', ')})`,
      {
        context: { field: 'control' },
      },
    );
  }
  return input;
}

/** A complete experiment from validated input; the repository adds the id, the layer range and the status. */
export function buildExperiment(
  input: z.output<typeof experimentInputSchema>,
  options: { id: string; range: [number, number]; now: number; status?: ExperimentStatus },
): Experiment {
  return {
    id: options.id,
    name: input.name,
    description: input.description,
    status: options.status ?? 'draft',
    layer: input.layer ?? options.id,
    salt: input.salt ?? options.id,
    traffic: (options.range[1] - options.range[0]) / bucketCount,
    range: options.range,
    variants: input.variants.map((variant) => ({ ...variant, config: variant.config ?? {} })),
    control: input.control ?? input.variants[0].name,
    primaryMetric: input.primaryMetric,
    guardrails: input.guardrails,
    alpha: input.alpha,
    minimumDetectableEffect: input.minimumDetectableEffect,
    exposureType: input.exposureType,
    preperiodDays: input.preperiodDays,
    createdAt: options.now,
    startedAt: options.status === 'running' ? options.now : null,
    stoppedAt: null,
  };
}

/** The buckets a traffic share takes: at least one. */
export function bucketsFor(traffic: number): number {
  return Math.max(1, Math.round(traffic * bucketCount));
}

/** Every metric name is known; used where a report asks for one by name. */
export function isMetricName(name: string): name is MetricName {
  return (metricNames as readonly string[]).includes(name);
}

/** Variant weights normalised to shares that sum to 1, in variant order. */
export function variantShares(experiment: Pick<Experiment, 'variants'>): number[] {
  const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
  return experiment.variants.map((variant) => variant.weight / total);
}
