import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BackgroundTrainer } from '../../src/pipeline/background-trainer.ts';
import { MemorySharedState } from '../../src/store/memory/shared-state.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('retrains once after N events, per model version, never two at a time', async () => {
  const shared = new MemorySharedState();
  let version = 1;
  let trainings = 0;
  const trainer = new BackgroundTrainer({
    counters: shared.counters,
    afterEvents: 100,
    intervalMs: 0,
    minGapMs: 0,
    version: () => version,
    train: async () => {
      trainings++;
      await wait(50);
      version++;
    },
  });
  trainer.count(60);
  await wait(300);
  assert.equal(trainings, 0);
  trainer.count(60);
  await wait(500);
  assert.equal(trainings, 1);
  assert.equal(version, 2);
  // Counts start again for the new version.
  trainer.count(99);
  await wait(300);
  assert.equal(trainings, 1);
  await trainer.stop();
});

it('retrains on a schedule, and two trainers sharing counters train once per slot', async () => {
  const shared = new MemorySharedState();
  let trainings = 0;
  const make = () =>
    new BackgroundTrainer({
      counters: shared.counters,
      afterEvents: 0,
      intervalMs: 0,
      minGapMs: 60_000,
      version: () => 1,
      train: async () => {
        trainings++;
      },
    });
  const [a, b] = [make(), make()];
  const results = await Promise.all([a.trigger('schedule'), b.trigger('schedule')]);
  assert.deepEqual(results.sort(), [false, true]);
  assert.equal(trainings, 1);
  assert.equal(await a.trigger('schedule'), false, 'the minimum gap holds');
  let scheduled = 0;
  const timed = new BackgroundTrainer({
    counters: new MemorySharedState().counters,
    afterEvents: 0,
    intervalMs: 40,
    minGapMs: 0,
    version: () => 1,
    train: async () => {
      scheduled++;
    },
  });
  const started = Date.now();
  await wait(150);
  await timed.stop();
  // Trainings are at most one per lock slot (whole seconds), whatever the interval: one, or two when the 150 ms
  // crossed a second's boundary, against three or four ticks of the 40 ms interval.
  const slots = Math.floor(Date.now() / 1000) - Math.floor(started / 1000) + 1;
  assert.ok(scheduled >= 1 && scheduled <= slots, `${scheduled} trainings in ${slots} slot(s)`);
  await Promise.all([a.stop(), b.stop()]);
});
