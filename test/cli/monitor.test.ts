import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { capture } from './capture.ts';

it('lmrec monitor shows the series, exports JSON and Prometheus text, records metrics and posts alerts', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-monitor-'));
  const db = path.join(dir, 'demo.db');
  const received: unknown[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    assert.equal((await capture(['demo', 'init', '--db', db, '--scale', '0.05', '--quiet'])).code, 0);
    const table = await capture(['monitor', '--db', db, '--window', '14d', '--bucket', '1d']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /business\s+ctr\s+\d+\.\d+%/);
    assert.match(table.stdout, /data\s+cold_user_share/);
    const json = JSON.parse(
      (await capture(['monitor', '--db', db, '--to', 'latest', '--window', '14d', '--bucket', '1d', '--json'])).stdout,
    );
    const ctr = json.series.find((series: { name: string }) => series.name === 'ctr');
    assert.ok(ctr.points.length >= 14 && ctr.points.length <= 15, `${ctr.points.length} daily buckets`);
    assert.ok(ctr.points.every((point: { value: number }) => point.value > 0 && point.value < 0.5));
    assert.equal(
      (await capture(['monitor', 'record-metric', '--db', db, '--metric', 'ndcg@10', '--value', '0.42'])).code,
      0,
    );
    const prometheus = await capture([
      'monitor',
      '--db',
      db,
      '--to',
      'now',
      '--window',
      '1d',
      '--bucket',
      '1h',
      '--prometheus',
    ]);
    assert.match(
      prometheus.stdout,
      /^lmrec_monitor_value\{series="offline_metric",group="model",unit="ndcg@10"\} 0.42$/m,
    );
    // A rule that fires on any traffic, and a webhook.
    const config = path.join(dir, 'lmrec.config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ monitoring: { rules: [{ name: 'any-ctr', metric: 'ctr', kind: 'threshold', above: 0 }] } }),
    );
    const port = (server.address() as AddressInfo).port;
    const alerted = await capture([
      'monitor',
      '--db',
      db,
      '--config',
      config,
      '--window',
      '3d',
      '--bucket',
      '1d',
      '--webhook',
      `http://127.0.0.1:${port}/alerts`,
    ]);
    assert.match(alerted.stdout, /ALERT warning any-ctr: ctr = [\d.]+ is above 0/);
    assert.equal((received[0] as { alerts: Array<{ rule: string }> }).alerts[0].rule, 'any-ctr');
    fs.writeFileSync(
      config,
      JSON.stringify({ monitoring: { rules: [{ name: 'bad', metric: 'nope', kind: 'threshold', above: 1 }] } }),
    );
    const bad = await capture(['monitor', '--db', db, '--config', config]);
    assert.match(bad.stderr, /alert rule "bad": unknown metric "nope"/);
    assert.match((await capture(['monitor', '--db', db, '--window', 'forever'])).stderr, /--window must be a duration/);
  } finally {
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
