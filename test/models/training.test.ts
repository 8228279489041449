import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AbortedError } from '../../src/core/errors.ts';
import { ials } from '../../src/models/ials.ts';
import { runEpochs } from '../../src/models/training.ts';
import { recommenderFixture } from '../../src/testing/index.ts';

it('training: stops early on the validation metric and restores the best epoch', async () => {
  const metric = [0.1, 0.3, 0.2, 0.25, 0.2, 0.9];
  const events: string[] = [];
  let epochs = 0;
  const { validation } = recommenderFixture();
  const reports = await runEpochs({
    label: 'fake',
    epochs: metric.length,
    fit: { validation, patience: 2 },
    epoch: (epoch) => {
      events.push(`epoch ${epoch}`);
      epochs = epoch;
      return 1 / epoch;
    },
    validate: () => metric[epochs - 1],
    keepBest: () => events.push('keep'),
    restoreBest: () => events.push('restore'),
  });
  assert.deepEqual(
    reports.map((report) => report.validation),
    [0.1, 0.3, 0.2, 0.25],
  );
  assert.deepEqual(events, ['epoch 1', 'keep', 'epoch 2', 'keep', 'epoch 3', 'epoch 4', 'restore']);
});

it('training: an aborted signal stops fitting with AbortedError', async () => {
  const { dataset } = recommenderFixture();
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    () => ials.fit(dataset, { factors: 4 }, { signal: controller.signal }),
    (error: unknown) => AbortedError.isInstance(error),
  );
});
