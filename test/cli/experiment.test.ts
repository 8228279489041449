import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { capture } from './capture.ts';

let dir: string;
let demo: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-experiment-'));
  demo = path.join(dir, 'demo.db');
  const built = await capture(['demo', 'init', '--db', demo, '--scale', '0.1', '--seed', '5', '--quiet']);
  assert.equal(built.code, 0, built.stderr);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('lmrec experiment', () => {
  it('creates, starts, lists, assigns, reports and stops an experiment', async () => {
    const db = path.join(dir, 'plain.db');
    const variants = path.join(dir, 'variants.json');
    fs.writeFileSync(
      variants,
      JSON.stringify([
        { name: 'base', config: { rerank: { mmr: 0 } } },
        { name: 'mmr', config: { rerank: { mmr: 0.3 } } },
      ]),
    );
    const created = await capture([
      'experiment',
      'create',
      '--db',
      db,
      '--name',
      'MMR diversity',
      '--variants',
      `@${variants}`,
      '--traffic',
      '0.5',
      '--layer',
      'rerank',
      '--guardrail',
      'revenuePerUser:0.02',
      '--json',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const experiment = JSON.parse(created.stdout);
    assert.equal(experiment.id, 'mmr-diversity');
    assert.deepEqual(experiment.range, [0, 5000]);
    assert.deepEqual(experiment.guardrails, [{ metric: 'revenuePerUser', tolerance: 0.02 }]);
    assert.equal(
      (await capture(['experiment', 'start', 'mmr-diversity', '--db', db])).stdout,
      'experiment mmr-diversity is running\n',
    );
    const listed = await capture(['experiment', 'list', '--db', db]);
    assert.match(listed.stdout, /mmr-diversity\s+running\s+rerank\s+50\.0%\s+base,mmr\s+ctr/);
    // Half of the users are in the experiment, each with the variant's config.
    let inside = 0;
    for (let k = 0; k < 60; k++) {
      const assigned = await capture(['experiment', 'assign', `user-${k}`, '--db', db, '--json']);
      const assignments = JSON.parse(assigned.stdout);
      if (assignments.length) {
        inside++;
        assert.deepEqual(assignments[0].config, { rerank: { mmr: assignments[0].variant === 'base' ? 0 : 0.3 } });
      }
    }
    assert.ok(inside > 15 && inside < 45, `${inside} of 60 users assigned`);
    const report = await capture(['experiment', 'report', 'mmr-diversity', '--db', db]);
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /verdict: no-data/);
    assert.match(report.stdout, /sample ratio: no exposed users yet/);
    assert.equal((await capture(['experiment', 'stop', 'mmr-diversity', '--db', db])).code, 0);
    const holdout = await capture(['experiment', 'holdout', '0.05', '--db', db]);
    assert.equal(holdout.stdout, 'holdout 5.0% (salt holdout)\n');
  });

  it('names the bad flag or field', async () => {
    const db = path.join(dir, 'bad.db');
    const traffic = await capture(['experiment', 'create', '--db', db, '--name', 'x', '--traffic', 'lots']);
    assert.equal(traffic.code, 1);
    assert.match(traffic.stderr, /--traffic must be a number from 0 to 1 \(got "lots"\)/);
    const variants = await capture([
      'experiment',
      'create',
      '--db',
      db,
      '--name',
      'x',
      '--variants',
      '[{"name":"a","weight":-1},{"name":"b"}]',
    ]);
    assert.match(variants.stderr, /field "variants\.0\.weight"/);
    const json = await capture(['experiment', 'create', '--db', db, '--name', 'x', '--variants', '[{']);
    assert.match(json.stderr, /--variants is not valid JSON/);
    const guardrail = await capture(['experiment', 'create', '--db', db, '--name', 'x', '--guardrail', 'revenue']);
    assert.match(guardrail.stderr, /--guardrail must look like metric:tolerance/);
    const missing = await capture(['experiment', 'report', 'nope', '--db', db]);
    assert.match(missing.stderr, /experiment "nope" does not exist/);
    const notDemo = await capture(['experiment', 'simulate', '--db', db, '--quiet']);
    assert.match(notDemo.stderr, /holds no demo shop; create one with `lmrec demo init`/);
  });

  it('computes sample sizes', async () => {
    const proportions = await capture(['experiment', 'power', '--baseline', '0.1', '--effect', '0.1', '--json']);
    assert.equal(JSON.parse(proportions.stdout).control, 14751);
    const means = await capture(['experiment', 'power', '--baseline', '1', '--effect', '0.2', '--sd', '1']);
    assert.match(means.stdout, /^393 control \+ 393 treatment users \(786 in all\)/);
  });

  it('simulates an experiment against the demo simulator, in the store and repeated in memory', async () => {
    const single = await capture([
      'experiment',
      'simulate',
      '--db',
      demo,
      '--effect',
      '0.3',
      '--days',
      '14',
      '--quiet',
    ]);
    assert.equal(single.code, 0, single.stderr);
    assert.match(single.stdout, /calculator: [\d,]+ users per variant detect \+30\.0%/);
    assert.match(single.stdout, /estimate [+-][\d.]+% \[.*\] against the true \+30\.00%: (covered|not covered)/);
    assert.match(single.stdout, /sample ratio: .*ok/);
    const id = /lmrec experiment report (\S+) shows it again/.exec(single.stdout)![1];
    const again = await capture(['experiment', 'report', id, '--db', demo, '--json']);
    const report = JSON.parse(again.stdout);
    assert.equal(report.experiment.status, 'stopped');
    assert.equal(report.variants.length, 2);
    const repeated = await capture([
      'experiment',
      'simulate',
      '--db',
      demo,
      '--aa',
      '--days',
      '14',
      '--runs',
      '4',
      '--quiet',
      '--json',
    ]);
    assert.equal(repeated.code, 0, repeated.stderr);
    const { result } = JSON.parse(repeated.stdout);
    assert.equal(result.runs, 4);
    assert.equal(result.trueEffect, 0);
  });

  it('estimates new policies off-line from the logged home feed', async () => {
    const ope = await capture(['experiment', 'ope', '--db', demo, '--quiet', '--json']);
    assert.equal(ope.code, 0, ope.stderr);
    const { stats, results } = JSON.parse(ope.stdout);
    assert.ok(stats.slates > 1000);
    assert.deepEqual(
      results.map((entry: { estimate: { policy: string } }) => entry.estimate.policy),
      ['greedy', 'model', 'oracle'],
    );
    const greedy = results[0];
    assert.ok(Math.abs(greedy.estimate.snips.ctr / greedy.truth - 1) < 0.15, JSON.stringify(greedy));
  });
});
