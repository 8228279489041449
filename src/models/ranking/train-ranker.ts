// Trains the learned ranker from a feedback log: impressions (with position in their context) replayed in time
// order become examples; the click model learns pCTR on all of them and the purchase model pCVR on the clicked
// ones; the latest `calibrationShare` of impressions is held out to fit the calibrators.

import { InvalidInputError } from '../../core/errors.ts';
import { type Progress, silentProgress } from '../../core/progress.ts';
import type { Feedback, Item, User } from '../../core/types.ts';
import { requireRange, resolveParams } from '../params.ts';
import { BehaviourState } from './behaviour-state.ts';
import { type Calibrator, fitIsotonic, fitPlatt, identityCalibrator } from './calibration.ts';
import { type ClickModel, sigmoid } from './click-model.ts';
import { type ClickModelKind, clickModelKinds, createClickModel } from './click-models.ts';
import { FeatureSpace } from './feature-space.ts';
import { type ImpressionExamples, impressionExamples } from './impression-log.ts';
import { LearnedRanker, type LearnedRankerParams, learnedRankerDefaults } from './learned-ranker.ts';
import { RankingCatalog, type RankingCatalogOptions } from './ranking-catalog.ts';

export interface TrainRankerOptions extends RankingCatalogOptions {
  items: readonly Item[];
  users?: readonly User[];
  /** The feedback log, oldest first; impressions need `position` (and `requestId` to match clicks) in context. */
  events: readonly Feedback[];
  params?: Partial<LearnedRankerParams>;
  /** Recall sources whose scores are features (their scores must then be given at serving time). */
  sources?: readonly string[];
  /** Impressions from this time on (ms) are encoded for evaluation but neither train nor calibrate. */
  trainUntil?: number;
  seed?: number;
  progress?: Progress;
}

export interface TrainedRanker {
  ranker: LearnedRanker;
  /** The encoded impressions (for evaluation), and which rows trained, calibrated and were held out. */
  examples: ImpressionExamples;
  trainRows: Int32Array;
  calibrationRows: Int32Array;
  heldOutRows: Int32Array;
}

const choices = { model: [...clickModelKinds], calibration: ['isotonic', 'platt', 'none'] };

export function trainLearnedRanker(options: TrainRankerOptions): TrainedRanker {
  const params = resolveParams({
    model: 'learned-ranker',
    defaults: learnedRankerDefaults,
    given: options.params,
    choices,
  });
  requireRange('learned-ranker', params, {
    epochs: [0, 1000],
    factors: [4, 256],
    buckets: [16, 1 << 26],
    calibrationShare: [0, 0.9],
    servingPosition: [1, 1000],
    diversity: [0, 1],
  });
  if (params.factors % 4 !== 0) {
    throw new InvalidInputError(`learned-ranker: factors must be a multiple of 4 (got ${params.factors})`, {
      context: { field: 'learned-ranker.factors' },
    });
  }
  const progress = options.progress ?? silentProgress;
  const catalog = new RankingCatalog(options.items, options);
  const space = new FeatureSpace(new BehaviourState(catalog), {
    buckets: params.buckets,
    sources: options.sources,
    users: options.users,
    utcOffsetMinutes: params.utcOffsetMinutes,
  });
  progress.start('ranker: encoding impressions');
  const examples = impressionExamples({ events: options.events, space });
  progress.done(`ranker: ${examples.count.toLocaleString('en-US')} impressions`);
  if (examples.count === 0) {
    throw new InvalidInputError('learned-ranker: the log holds no impression with a position in its context', {
      context: { field: 'events' },
    });
  }
  const until = options.trainUntil ?? Number.POSITIVE_INFINITY;
  let used = 0;
  while (used < examples.count && examples.time[used] < until) used++;
  const split = Math.floor(used * (1 - params.calibrationShare));
  const all = Int32Array.from({ length: examples.count }, (_, row) => row);
  const trainRows = all.subarray(0, split);
  const calibrationRows = all.subarray(split, used);
  const heldOutRows = all.subarray(used);
  const seed = options.seed ?? 0;
  const settings = { buckets: params.buckets, fieldCount: space.fieldCount, factors: params.factors, seed };
  const kind = params.model as ClickModelKind;
  const ctr = createClickModel({ ...settings, kind });
  const cvr = createClickModel({ ...settings, kind });
  const clickedOnly = (rows: Int32Array) => rows.filter((row) => examples.clicked[row] === 1);
  progress.start('ranker: training', params.epochs * 2);
  for (let epoch = 0; epoch < params.epochs; epoch++) {
    const loss = ctr.trainEpoch({ examples, labels: examples.clicked, rows: trainRows, seed: seed + epoch + 1 });
    progress.tick();
    const purchaseLoss = cvr.trainEpoch({
      examples,
      labels: examples.purchased,
      rows: clickedOnly(trainRows),
      seed: seed + epoch + 101,
    });
    progress.tick();
    progress.note(`ranker epoch ${epoch + 1}: click loss ${loss.toFixed(4)}, purchase loss ${purchaseLoss.toFixed(4)}`);
  }
  progress.done();
  const calibrate = (model: ClickModel, labels: Uint8Array, rows: Int32Array): Calibrator => {
    if (params.calibration === 'none' || rows.length === 0) return identityCalibrator;
    const targets = Array.from(rows, (row) => labels[row]);
    const predictions = Array.from(rows, (row) => sigmoid(model.logit(examples, row)));
    return params.calibration === 'platt' ? fitPlatt(targets, predictions) : fitIsotonic(targets, predictions);
  };
  const ranker = new LearnedRanker({
    params,
    space,
    ctr,
    cvr,
    ctrCalibrator: calibrate(ctr, examples.clicked, calibrationRows),
    cvrCalibrator: calibrate(cvr, examples.purchased, clickedOnly(calibrationRows)),
  });
  return { ranker, examples, trainRows, calibrationRows, heldOutRows };
}
