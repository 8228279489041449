import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignExperiment, assignUser, hashFraction, isHeldOut } from '../../../src/eval/experiments/assignment.ts';
import type { Experiment } from '../../../src/eval/experiments/experiment.ts';
import {
  ExperimentAssigner,
  mergedVariantConfig,
  variantCacheKey,
} from '../../../src/eval/experiments/experiment-assigner.ts';
import { ExperimentRepository } from '../../../src/eval/experiments/experiment-repository.ts';
import { experimentsMap, exposureContext, variantInContext } from '../../../src/eval/experiments/exposure.ts';
import { sampleRatioCheck } from '../../../src/eval/experiments/statistics/sample-ratio.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';

const users = Array.from({ length: 100_000 }, (_, k) => `user-${String(k + 1).padStart(6, '0')}`);

function counts(experiment: Experiment, ids: readonly string[]): Record<string, number> {
  const result: Record<string, number> = { none: 0 };
  for (const variant of experiment.variants) result[variant.name] = 0;
  for (const userId of ids) result[assignExperiment(experiment, userId)?.variant ?? 'none']++;
  return result;
}

describe('assignment', () => {
  it('is deterministic and balanced within 1% at 100k users, also for 3 variants and partial traffic', async () => {
    const store = SqliteStore.open(':memory:');
    const repository = new ExperimentRepository(store);
    const ab = await repository.start((await repository.create({ id: 'ab', name: 'A/B' })).id);
    const split = counts(ab, users);
    for (const name of ['control', 'treatment']) {
      assert.ok(Math.abs(split[name] / 50_000 - 1) < 0.01, `${name}: ${split[name]} of 100,000`);
    }
    assert.equal(split.none, 0);
    assert.equal(
      sampleRatioCheck({
        observed: { control: split.control, treatment: split.treatment },
        weights: { control: 1, treatment: 1 },
      }).mismatch,
      false,
    );
    // The same answer from a fresh read of the store, call after call.
    const reread = await new ExperimentRepository(store).get('ab');
    for (const userId of users.slice(0, 2000)) {
      assert.deepEqual(assignExperiment(reread, userId), assignExperiment(ab, userId));
    }
    const three = await repository.start(
      (
        await repository.create({
          id: 'three',
          name: 'three-way',
          traffic: 0.3,
          variants: [
            { name: 'a', weight: 1 },
            { name: 'b', weight: 1 },
            { name: 'c', weight: 2 },
          ],
        })
      ).id,
    );
    const third = counts(three, users);
    const inside = 100_000 - third.none;
    assert.ok(Math.abs(inside / 30_000 - 1) < 0.01, `in the experiment: ${inside}`);
    for (const [name, share] of [
      ['a', 0.25],
      ['b', 0.25],
      ['c', 0.5],
    ] as const) {
      assert.ok(Math.abs(third[name] / (inside * share) - 1) < 0.03, `${name}: ${third[name]} of ${inside}`);
    }
    await store.close();
  });

  it('detects an injected sample ratio mismatch', async () => {
    const store = SqliteStore.open(':memory:');
    const repository = new ExperimentRepository(store);
    const experiment = await repository.start((await repository.create({ id: 'srm', name: 'srm' })).id);
    // A logging bug loses the exposures of 3% of treatment users (say, a client that crashes on the new layout).
    const observed = { control: 0, treatment: 0 };
    for (const userId of users) {
      const variant = assignExperiment(experiment, userId)!.variant as 'control' | 'treatment';
      if (variant === 'treatment' && hashFraction('crash', userId) < 0.03) continue;
      observed[variant]++;
    }
    const check = sampleRatioCheck({ observed, weights: { control: 1, treatment: 1 } });
    assert.ok(check.mismatch, `p = ${check.pValue}`);
    await store.close();
  });

  it('keeps experiments of one layer mutually exclusive, and layers independent', async () => {
    const store = SqliteStore.open(':memory:');
    const repository = new ExperimentRepository(store);
    const first = await repository.start(
      (await repository.create({ id: 'ranker', name: 'ranker', layer: 'ranking', traffic: 0.5 })).id,
    );
    const second = await repository.start(
      (await repository.create({ id: 'mmr', name: 'mmr', layer: 'ranking', traffic: 0.5 })).id,
    );
    await assert.rejects(
      repository.create({ name: 'one more', layer: 'ranking', traffic: 0.1 }),
      /layer "ranking" has room for traffic 0 at most/,
    );
    const prompt = await repository.start(
      (await repository.create({ id: 'prompt', name: 'prompt', layer: 'llm', traffic: 0.5 })).id,
    );
    let both = 0;
    let inFirst = 0;
    let firstAndPrompt = 0;
    for (const userId of users.slice(0, 40_000)) {
      const assignments = assignUser([first, second, prompt], userId);
      const ids = assignments.map((assignment) => assignment.experimentId);
      if (ids.includes('ranker') && ids.includes('mmr')) both++;
      if (ids.includes('ranker')) inFirst++;
      if (ids.includes('ranker') && ids.includes('prompt')) firstAndPrompt++;
      assert.ok(ids.includes('ranker') !== ids.includes('mmr'), 'every user of the full layer is in exactly one');
    }
    assert.equal(both, 0);
    // Orthogonal layers: half of the ranker's users are also in the prompt experiment.
    assert.ok(Math.abs(firstAndPrompt / inFirst - 0.5) < 0.02, `${firstAndPrompt} of ${inFirst}`);
    // Stopping frees the buckets for a new experiment of the layer.
    await repository.stop('mmr');
    const next = await repository.create({ name: 'next ranker', layer: 'ranking', traffic: 0.5 });
    assert.deepEqual(next.range, second.range);
    assert.equal(next.id, 'next-ranker');
    await store.close();
  });

  it('holds out a share of users from every experiment', async () => {
    const store = SqliteStore.open(':memory:');
    const repository = new ExperimentRepository(store);
    const settings = await repository.setSettings({ holdout: 0.1 });
    const experiment = await repository.start((await repository.create({ id: 'h', name: 'h' })).id);
    const held = users.slice(0, 20_000).filter((userId) => isHeldOut(userId, settings));
    assert.ok(Math.abs(held.length / 2000 - 1) < 0.05, `${held.length} held out`);
    for (const userId of held.slice(0, 500)) assert.deepEqual(assignUser([experiment], userId, settings), []);
    await assert.rejects(repository.setSettings({ holdout: 0.9 }), /holdout must be between 0 and 0.5/);
    await store.close();
  });

  it('validates input, names the field, and follows the life cycle', async () => {
    const store = SqliteStore.open(':memory:');
    const repository = new ExperimentRepository(store);
    await assert.rejects(repository.create({ name: 'x', traffic: 2 }), /field "traffic"/);
    await assert.rejects(repository.create({ name: 'x', variants: [{ name: 'only' }] }), /field "variants"/);
    await assert.rejects(
      repository.create({ name: 'x', variants: [{ name: 'a' }, { name: 'a' }] }),
      /variant "a" appears twice/,
    );
    await assert.rejects(
      repository.create({ name: 'x', control: 'nope' }),
      /control "nope" is not one of the variants/,
    );
    await assert.rejects(repository.create({ name: 'x', primaryMetric: 'clicks' as never }), /field "primaryMetric"/);
    const draft = await repository.create({
      name: 'Life cycle',
      variants: [
        { name: 'a', config: { model: 'ease' } },
        { name: 'b', config: { model: 'als' } },
      ],
    });
    assert.equal(draft.status, 'draft');
    assert.equal(assignExperiment(draft, 'user-1'), null, 'a draft assigns nobody');
    await assert.rejects(repository.stop(draft.id), /is draft, not running/);
    const running = await repository.start(draft.id);
    const assignment = assignExperiment(running, 'user-1')!;
    assert.deepEqual(assignment.config, { model: assignment.variant === 'a' ? 'ease' : 'als' });
    await assert.rejects(repository.start(draft.id), /is running, not draft/);
    await assert.rejects(repository.remove(draft.id), /stop it first/);
    await repository.stop(draft.id);
    await repository.remove(draft.id);
    await assert.rejects(repository.get(draft.id), /does not exist/);
    await store.close();
  });
});

describe('exposure context', () => {
  it('carries variant, position, source, request id and propensity, and is read back', () => {
    const assignments = [
      { experimentId: 'ranker', layer: 'ranking', variant: 'treatment', config: {} },
      { experimentId: 'prompt', layer: 'llm', variant: 'control', config: {} },
    ];
    const context = exposureContext({
      assignments,
      position: 3,
      source: 'als',
      requestId: 'r1',
      propensity: 0.25,
      latencyMs: 7,
    });
    assert.deepEqual(context, {
      source: 'als',
      requestId: 'r1',
      position: 3,
      propensity: 0.25,
      experiments: { ranker: 'treatment', prompt: 'control' },
      latencyMs: 7,
    });
    assert.equal(variantInContext(context, 'prompt'), 'control');
    assert.equal(variantInContext(context, 'other'), null);
    assert.equal(variantInContext({ experiment: 'x', variant: 'b' }, 'x'), 'b');
    assert.deepEqual(experimentsMap([]), {});
  });
});

describe('the serving-side assigner', () => {
  it('caches running experiments, refreshes when stale, and merges variant configs', async () => {
    const store = SqliteStore.open(':memory:');
    const repository = new ExperimentRepository(store);
    let now = 1_000;
    const assigner = new ExperimentAssigner({ store, refreshMs: 5_000, now: () => now });
    assert.deepEqual(assigner.assignNow('user-1'), [], 'nothing before the first read');
    await repository.start(
      (
        await repository.create({
          id: 'rank',
          name: 'rank',
          variants: [
            { name: 'a', config: { model: 'ease' } },
            { name: 'b', config: { model: 'ials' } },
          ],
        })
      ).id,
    );
    await repository.start(
      (
        await repository.create({
          id: 'prompt',
          name: 'prompt',
          layer: 'llm',
          variants: [
            { name: 'short', config: { prompt: 'short' } },
            { name: 'long', config: { prompt: 'long' } },
          ],
        })
      ).id,
    );
    // The first call started a background read of the (then empty) store; the next read comes when it is stale.
    now += 6_000;
    const assignments = await assigner.assign('user-1');
    assert.deepEqual(assignments.map((assignment) => assignment.experimentId).sort(), ['prompt', 'rank']);
    const merged = mergedVariantConfig(assignments);
    assert.ok(['ease', 'ials'].includes(merged.model as string) && ['short', 'long'].includes(merged.prompt as string));
    assert.match(variantCacheKey(assignments), /^prompt=(short|long)&rank=(a|b)$/);
    // A stop reaches the assigner once its cache is stale.
    await repository.stop('rank');
    assert.equal((await assigner.assign('user-1')).length, 2, 'still cached');
    now += 6_000;
    assert.deepEqual(
      (await assigner.assign('user-1')).map((assignment) => assignment.experimentId),
      ['prompt'],
    );
    await store.close();
  });
});
