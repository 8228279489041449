// Sample size, power and minimum detectable effect of a two-sided test at level α. Proportions use Fleiss's
// formula (pooled variance under the null, unpooled under the alternative); means and ratio metrics use the normal
// approximation with per-unit standard deviations, which for a ratio metric is that of its linearisation
// (`ratioUnitStandardDeviation`). CUPED enters as a variance reduction ρ² measured on pre-experiment data.

import { InvalidInputError } from '../../../core/errors.ts';
import { normalCdf, normalQuantile } from './distributions.ts';
import { type RatioSample, ratioEstimate } from './tests.ts';

export interface DesignOptions {
  /** Significance level of the two-sided test (default 0.05). */
  alpha?: number;
  /** Wanted probability of detecting the effect (default 0.8). */
  power?: number;
  /** Treatment units per control unit (default 1: equal split). */
  ratio?: number;
}

/** Units needed per variant. */
export interface SampleSize {
  control: number;
  treatment: number;
  total: number;
  alpha: number;
  power: number;
  /** The absolute difference the design detects. */
  absoluteEffect: number;
}

function resolveDesign(options: DesignOptions): { alpha: number; power: number; ratio: number } {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  const ratio = options.ratio ?? 1;
  if (!(alpha > 0 && alpha < 1)) {
    throw new InvalidInputError(`alpha must be between 0 and 1 (got ${alpha})`, { context: { field: 'alpha' } });
  }
  if (!(power > 0 && power < 1)) {
    throw new InvalidInputError(`power must be between 0 and 1 (got ${power})`, { context: { field: 'power' } });
  }
  if (!(ratio > 0) || !Number.isFinite(ratio)) {
    throw new InvalidInputError(`ratio must be a positive number (got ${ratio})`, { context: { field: 'ratio' } });
  }
  return { alpha, power, ratio };
}

/** The effect as an absolute difference, from `absoluteEffect` or `relativeEffect` × baseline. */
function absoluteEffectOf(options: { baseline: number; absoluteEffect?: number; relativeEffect?: number }): number {
  const effect =
    options.absoluteEffect ??
    (options.relativeEffect !== undefined ? options.relativeEffect * options.baseline : Number.NaN);
  if (!Number.isFinite(effect) || effect === 0) {
    throw new InvalidInputError('give a non-zero absoluteEffect or relativeEffect', {
      context: { field: 'relativeEffect' },
    });
  }
  return effect;
}

function sized(control: number, design: { alpha: number; power: number; ratio: number }, effect: number): SampleSize {
  const n = Math.ceil(control);
  const treatment = Math.ceil(n * design.ratio);
  return {
    control: n,
    treatment,
    total: n + treatment,
    alpha: design.alpha,
    power: design.power,
    absoluteEffect: effect,
  };
}

/** Units per variant to detect a change of a proportion (Fleiss, Levin & Paik 2003, eq. 4.19). */
export function sampleSizeForProportions(
  options: DesignOptions & {
    /** The control's rate, 0 … 1. */
    baseline: number;
    relativeEffect?: number;
    absoluteEffect?: number;
  },
): SampleSize {
  const design = resolveDesign(options);
  const p1 = options.baseline;
  if (!(p1 > 0 && p1 < 1)) {
    throw new InvalidInputError(`baseline must be a rate between 0 and 1 (got ${p1})`, {
      context: { field: 'baseline' },
    });
  }
  const effect = absoluteEffectOf(options);
  const p2 = p1 + effect;
  if (!(p2 > 0 && p2 < 1)) {
    throw new InvalidInputError(`baseline + effect must stay between 0 and 1 (got ${p2})`, {
      context: { field: 'relativeEffect' },
    });
  }
  const k = design.ratio;
  const pooled = (p1 + k * p2) / (1 + k);
  const za = normalQuantile(1 - design.alpha / 2);
  const zb = normalQuantile(design.power);
  const root =
    za * Math.sqrt(pooled * (1 - pooled) * (1 + 1 / k)) + zb * Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / k);
  return sized((root * root) / (effect * effect), design, effect);
}

export interface MeanDesign extends DesignOptions {
  /** The control's mean (for a relative effect). */
  baseline: number;
  /** Per-unit standard deviation in control. */
  standardDeviation: number;
  /** Per-unit standard deviation in treatment (default: the control's). */
  treatmentStandardDeviation?: number;
  relativeEffect?: number;
  absoluteEffect?: number;
  /** Share of variance CUPED removes (ρ², 0 … 1; default 0). */
  varianceReduction?: number;
}

function meanVariances(options: MeanDesign): { control: number; treatment: number } {
  const reduction = options.varianceReduction ?? 0;
  if (!(reduction >= 0 && reduction < 1)) {
    throw new InvalidInputError(`varianceReduction must be in [0, 1) (got ${reduction})`, {
      context: { field: 'varianceReduction' },
    });
  }
  const sd = options.standardDeviation;
  const sdTreatment = options.treatmentStandardDeviation ?? sd;
  if (!(sd > 0) || !(sdTreatment > 0)) {
    throw new InvalidInputError(`standard deviations must be positive (got ${sd}, ${sdTreatment})`, {
      context: { field: 'standardDeviation' },
    });
  }
  return { control: sd * sd * (1 - reduction), treatment: sdTreatment * sdTreatment * (1 - reduction) };
}

/** Units per variant to detect a change of a mean (or of a ratio metric, through its linearisation). */
export function sampleSizeForMeans(options: MeanDesign): SampleSize {
  const design = resolveDesign(options);
  const effect = absoluteEffectOf(options);
  const variances = meanVariances(options);
  const z = normalQuantile(1 - design.alpha / 2) + normalQuantile(design.power);
  return sized((z * z * (variances.control + variances.treatment / design.ratio)) / (effect * effect), design, effect);
}

/** Probability that the two-sided test detects the effect with `controlUnits` in control (both tails). */
export function powerForMeans(options: Omit<MeanDesign, 'power'> & { controlUnits: number }): number {
  const design = resolveDesign({ ...options, power: 0.5 });
  const effect = absoluteEffectOf(options);
  const variances = meanVariances(options);
  const n = options.controlUnits;
  if (!(n > 0))
    throw new InvalidInputError(`controlUnits must be positive (got ${n})`, { context: { field: 'controlUnits' } });
  const error = Math.sqrt(variances.control / n + variances.treatment / (n * design.ratio));
  const za = normalQuantile(1 - design.alpha / 2);
  const shift = Math.abs(effect) / error;
  return normalCdf(shift - za) + normalCdf(-shift - za);
}

/** The smallest absolute effect the design detects with the wanted power, given `controlUnits`. */
export function minimumDetectableEffect(
  options: DesignOptions & {
    standardDeviation: number;
    treatmentStandardDeviation?: number;
    varianceReduction?: number;
    controlUnits: number;
  },
): number {
  const design = resolveDesign(options);
  const variances = meanVariances({ ...options, baseline: 1, relativeEffect: 1 });
  const z = normalQuantile(1 - design.alpha / 2) + normalQuantile(design.power);
  return (
    z *
    Math.sqrt(variances.control / options.controlUnits + variances.treatment / (options.controlUnits * design.ratio))
  );
}

/**
 * The per-unit standard deviation of a ratio metric's linearisation, σ = √(n · Var(R̂)), and the ratio itself:
 * the inputs of `sampleSizeForMeans` for CTR-like metrics, measured on a pilot or pre-period sample.
 */
export function ratioUnitStandardDeviation(sample: RatioSample): { baseline: number; standardDeviation: number } {
  const estimate = ratioEstimate(sample);
  return { baseline: estimate.value, standardDeviation: Math.sqrt(estimate.variance * sample.n) };
}
