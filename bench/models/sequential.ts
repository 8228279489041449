// Sequential next-item models on ML-100K, leave-last-out by time: the last item of each user is the test item, the
// one before it the validation item; full ranking over every item, the user's history excluded; NDCG@10 and
// Recall@10 (one relevant item, so Recall@10 = HR@10). Also one SASRec epoch timed alone, with 1 and 2 threads.

import { parseModelSpec } from '../../src/models/params.ts';
import type { Model } from '../../src/models/recommender.ts';
import { getRecommender } from '../../src/models/registry.ts';
import { SasRecTrainer } from '../../src/models/sequential/sasrec-trainer.ts';
import { log, median, type ResultRow, timed } from './common.ts';
import { type LeaveLastOut, loadMovielens100k } from './movielens.ts';

export const sequentialModels = [
  'popularity',
  'ease',
  'ials',
  'session-knn',
  'markov:window=1,recentItems=1',
  'markov',
  'fpmc',
  'sasrec',
];

function evaluate(model: Model, split: LeaveLastOut, onValidation: boolean) {
  let ndcg = 0;
  let hits = 0;
  let users = 0;
  for (let user = 0; user < split.train.userCount; user++) {
    const target = (onValidation ? split.validation : split.test).itemsOf(user);
    if (target.length === 0) continue;
    const history = onValidation
      ? split.train.itemsOf(user).slice()
      : Int32Array.from([...split.train.itemsOf(user), ...split.validation.itemsOf(user)]);
    const { items } = model.recommend({ history }, 10, { exclude: history });
    const rank = items.indexOf(target[0]);
    if (rank >= 0) {
      hits++;
      ndcg += 1 / Math.log2(rank + 2);
    }
    users++;
  }
  return { ndcg: ndcg / users, recall: hits / users, users };
}

export async function sequentialBench(options: { models: string[]; seed: number }): Promise<ResultRow[]> {
  const split = await loadMovielens100k();
  if (!split) {
    log('sequential: ml-100k not found (set LMREC_DATASETS); skipped');
    return [];
  }
  const rows: ResultRow[] = [];
  for (const spec of options.models) {
    const { name, params } = parseModelSpec(spec);
    log(`sequential: fitting ${spec}`);
    const epochs: number[] = [];
    const progress = {
      start() {},
      tick() {},
      done() {},
      note: (message: string) => {
        const match = /epoch (\d+) .*?(\d+\.\d+)s$/.exec(message);
        if (match) epochs.push(Number(match[2]));
        log(`  ${message}`);
      },
    };
    const fitted = await timed(() =>
      getRecommender(name).fit(split.train, params, { seed: options.seed, validation: split.validation, progress }),
    );
    const validation = evaluate(fitted.value, split, true);
    const test = evaluate(fitted.value, split, false);
    rows.push({
      section: 'Sequential next-item, ML-100K leave-last-out (full ranking, history excluded)',
      name: spec,
      metrics: {
        'NDCG@10': test.ndcg,
        'Recall@10': test.recall,
        'validation NDCG@10': validation.ndcg,
        'fit s': Number(fitted.seconds.toFixed(1)),
        'fit CPU s': Number(fitted.cpuSeconds.toFixed(1)),
      },
      note: epochs.length ? `${epochs.length} epochs, median ${median(epochs).toFixed(1)} s each` : undefined,
    });
  }
  rows.push(
    {
      section: 'Sequential next-item, ML-100K leave-last-out (full ranking, history excluded)',
      name: 'LRURec (published, LlamaRec paper)',
      metrics: { 'NDCG@10': 0.0705, 'Recall@10': '', 'validation NDCG@10': '', 'fit s': '', 'fit CPU s': '' },
      note: 'their protocol: 5-core filter, last 200 items as input and as excluded history',
    },
    {
      section: 'Sequential next-item, ML-100K leave-last-out (full ranking, history excluded)',
      name: 'LlamaRec (published)',
      metrics: { 'NDCG@10': 0.0759, 'Recall@10': '', 'validation NDCG@10': '', 'fit s': '', 'fit CPU s': '' },
      note: 'LLM re-ranks LRURec top 20; users whose item is not in the 20 keep LRURec ranking',
    },
  );
  return rows;
}

/** One SASRec epoch (default shape) timed on its own: median of `epochs` runs, per thread count. */
export async function sasrecEpochBench(options: { epochs: number; threads: number[] }): Promise<ResultRow[]> {
  const split = await loadMovielens100k();
  if (!split) return [];
  const { sasrecDefaults: p } = await import('../../src/models/sequential/sasrec.ts');
  const rows: ResultRow[] = [];
  for (const threads of options.threads) {
    const trainer = new SasRecTrainer(split.train, {
      shape: {
        items: split.train.itemCount,
        dimension: p.dimension,
        heads: p.heads,
        inner: p.inner,
        blocks: p.blocks,
        maxLength: p.maxLength,
        activation: p.activation as 'relu',
      },
      dropout: { hidden: p.dropout, attention: p.attentionDropout },
      negatives: p.negatives,
      batchSize: p.batchSize,
      learningRate: p.learningRate,
      weightDecay: p.weightDecay,
      clipNorm: p.clipNorm,
      threads,
      seed: 1,
    });
    const samples: Array<{ seconds: number; cpuSeconds: number }> = [];
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const result = await timed(() => trainer.epoch(epoch));
      samples.push(result);
      log(
        `sasrec epoch timing: ${threads} thread(s), ${result.seconds.toFixed(1)} s wall, ${result.cpuSeconds.toFixed(1)} s CPU`,
      );
    }
    await trainer.close();
    rows.push({
      section: 'SASRec epoch on ML-100K (default shape; acceptance ≤ 60 s)',
      name: `sasrec, ${threads} thread${threads > 1 ? 's' : ''}`,
      metrics: {
        'median wall s': Number(median(samples.map((sample) => sample.seconds)).toFixed(1)),
        'median CPU s': Number(median(samples.map((sample) => sample.cpuSeconds)).toFixed(1)),
        positions: trainer.positions,
      },
      note: `${options.epochs} epochs timed`,
    });
  }
  return rows;
}
