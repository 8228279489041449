// Learned rankers on the demo shop's logs: train on the impressions before day 76 (the last tenth of them held
// out for calibration), evaluate pCTR on the impressions of days 76–90 at their logged positions: AUC, GAUC,
// log loss and ECE (10 bins), against the popularity ranker (decayed clicks at impression time).

import type { Feedback } from '../../src/core/types.ts';
import type { DemoRun } from '../../src/data/demo/run-simulation.ts';
import { expectedCalibrationError } from '../../src/models/ranking/calibration.ts';
import { auc, groupAuc, logLoss } from '../../src/models/ranking/metrics.ts';
import { type TrainedRanker, trainLearnedRanker } from '../../src/models/ranking/train-ranker.ts';
import { log, type ResultRow, timed } from './common.ts';

const day = 86_400_000;
const section = 'CTR rankers on demo-store impressions (held-out days 76–90, logged positions)';

export async function rankingBench(options: {
  run: DemoRun;
  events: readonly Feedback[];
  models: string[];
  seed: number;
}): Promise<{ rows: ResultRow[]; rankers: Map<string, TrainedRanker> }> {
  const { run, events } = options;
  const trainUntil = run.simulator.startTime + 76 * day;
  const rows: ResultRow[] = [];
  const rankers = new Map<string, TrainedRanker>();
  for (const model of options.models) {
    log(`ranking: training ${model}`);
    const result = await timed(() =>
      trainLearnedRanker({
        items: run.world.items,
        users: run.world.users,
        events,
        params: { model, utcOffsetMinutes: 480 },
        trainUntil,
        seed: options.seed,
      }),
    );
    const trained = result.value;
    rankers.set(model, trained);
    const { examples, heldOutRows, ranker } = trained;
    const labels = Array.from(heldOutRows, (row) => examples.clicked[row]);
    const users = Array.from(heldOutRows, (row) => examples.user[row]);
    if (rows.length === 0) {
      const field = ranker.space.fieldNames.indexOf('itemClicks');
      const popularity = Array.from(heldOutRows, (row) => examples.values[row * examples.fieldCount + field]);
      rows.push({
        section,
        name: 'popularity (decayed clicks)',
        metrics: {
          AUC: auc(labels, popularity),
          GAUC: groupAuc(labels, popularity, users),
          'log loss': '',
          ECE: '',
          'raw ECE': '',
          'train s': '',
        },
        note: `${heldOutRows.length} held-out impressions, CTR ${(labels.reduce((a, b) => a + b, 0) / labels.length).toFixed(4)}`,
      });
    }
    const calibrated = Array.from(ranker.predictRows(examples, heldOutRows).ctr);
    const raw = Array.from(heldOutRows, (row) => 1 / (1 + Math.exp(-ranker.ctr.logit(examples, row))));
    rows.push({
      section,
      name: `${model} (learned ranker)`,
      metrics: {
        AUC: auc(labels, calibrated),
        GAUC: groupAuc(labels, calibrated, users),
        'log loss': logLoss(labels, calibrated),
        ECE: expectedCalibrationError(labels, calibrated),
        'raw ECE': expectedCalibrationError(labels, raw),
        'train s': Number(result.seconds.toFixed(1)),
      },
      note: `isotonic calibration on ${trained.calibrationRows.length} impressions; ${ranker.space.fieldCount} fields`,
    });
  }
  return { rows, rankers };
}
