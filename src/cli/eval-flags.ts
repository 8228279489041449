// Parsing of `lmrec eval` flags into protocol, sampling and tuning settings, with one-line errors naming the flag.

import fs from 'node:fs';
import { InvalidInputError } from '../core/errors.ts';
import type { NegativeSampling } from '../eval/negative-sampling.ts';
import { type Protocol, parseProtocolName } from '../eval/protocol.ts';
import { checkSearchSpace, type SearchSpace } from '../eval/tuning/search-space.ts';

export interface EvalFlags {
  data?: string;
  format?: string;
  user?: string;
  item?: string;
  value?: string;
  time?: string;
  feedbackType?: string;
  protocol: string;
  testRatio: string;
  folds: string;
  stratifyBy: string;
  models: string;
  k: string;
  seed: string;
  seeds: string;
  metrics?: string;
  sampled?: string;
  sampler: string;
  json?: string;
  report?: string;
  tune?: boolean;
  tuneMethod: string;
  tuneTrials: string;
  tuneSpace?: string;
  tuneOutput?: string;
  workers?: string;
}

export function parseProtocol(flags: EvalFlags): Protocol {
  const seed = nonNegativeInteger(flags.seed, 'seed');
  const seeds = positiveInteger(flags.seeds, 'seeds');
  const testRatio = Number(flags.testRatio);
  if (!(testRatio > 0 && testRatio < 1)) {
    throw new InvalidInputError(`--test-ratio must be between 0 and 1, got ${flags.testRatio}`, {
      context: { field: 'test-ratio' },
    });
  }
  const stratifyBy = flags.stratifyBy;
  if (stratifyBy !== 'user' && stratifyBy !== 'item') {
    throw new InvalidInputError(`--stratify-by must be user or item, got ${stratifyBy}`, {
      context: { field: 'stratify-by' },
    });
  }
  return {
    name: parseProtocolName(flags.protocol),
    testRatio,
    folds: positiveInteger(flags.folds, 'folds'),
    stratifyBy,
    seeds: Array.from({ length: seeds }, (_, s) => seed + s),
    validation: false,
  };
}

export function parseSampling(flags: EvalFlags): Omit<NegativeSampling, 'seed'> | undefined {
  if (flags.sampled === undefined) return undefined;
  const negatives = positiveInteger(flags.sampled, 'sampled');
  if (flags.sampler !== 'uniform' && flags.sampler !== 'popularity') {
    throw new InvalidInputError(`--sampler must be uniform or popularity, got ${flags.sampler}`, {
      context: { field: 'sampler' },
    });
  }
  return { negatives, sampler: flags.sampler };
}

export function parseTuning(flags: EvalFlags): {
  method: 'random' | 'bayes';
  trials: number;
  spaces?: Record<string, SearchSpace>;
} {
  if (flags.tuneMethod !== 'random' && flags.tuneMethod !== 'bayes') {
    throw new InvalidInputError(`--tune-method must be random or bayes, got ${flags.tuneMethod}`, {
      context: { field: 'tune-method' },
    });
  }
  let spaces: Record<string, SearchSpace> | undefined;
  if (flags.tuneSpace) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(flags.tuneSpace, 'utf8'));
    } catch (error) {
      throw new InvalidInputError(`${flags.tuneSpace}: not readable JSON (${(error as Error).message})`, {
        cause: error,
        context: { file: flags.tuneSpace },
      });
    }
    if (typeof parsed !== 'object' || parsed === null) {
      throw new InvalidInputError(`${flags.tuneSpace}: expected {"model": {"param": {"type": ...}}}`, {
        context: { file: flags.tuneSpace },
      });
    }
    spaces = Object.fromEntries(
      Object.entries(parsed).map(([model, space]) => [model, checkSearchSpace(space, `${flags.tuneSpace}: ${model}`)]),
    );
  }
  return { method: flags.tuneMethod, trials: positiveInteger(flags.tuneTrials, 'tune-trials'), spaces };
}

export function positiveInteger(text: string, field: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidInputError(`--${field} must be a positive integer, got ${text}`, { context: { field } });
  }
  return value;
}

function nonNegativeInteger(text: string, field: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidInputError(`--${field} must be a non-negative integer, got ${text}`, { context: { field } });
  }
  return value;
}
