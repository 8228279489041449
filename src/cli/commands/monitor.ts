// `lmrec monitor`: the monitored series over a window, their latest values and the alerts the rules raise (as a
// table, JSON for the dashboard, or Prometheus text), optionally posted to a webhook; and `lmrec monitor
// record-metric` to record a training run's offline metric.

import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { Alerter } from '../../eval/monitoring/alerter.ts';
import { recordOfflineMetric } from '../../eval/monitoring/model-series.ts';
import { renderPrometheus } from '../../eval/monitoring/prometheus.ts';
import { monitoringSnapshot } from '../../eval/monitoring/snapshot.ts';
import { parseDuration } from '../../eval/monitoring/time-series.ts';
import type { Store } from '../../store/store.ts';
import { printJson, printTable, withStore } from '../context.ts';
import { numberFlag } from './number-flag.ts';

interface MonitorOptions {
  window: string;
  bucket: string;
  to: string;
  json?: boolean;
  prometheus?: boolean;
  webhook?: string;
}

/** The newest event's time, or null for an empty store. */
async function newestEvent(store: Store): Promise<number | null> {
  let newest: number | null = null;
  for await (const batch of store.feedback.scan()) {
    for (const event of batch) if (newest === null || event.timestamp > newest) newest = event.timestamp;
  }
  return newest;
}

/** `now`, `latest` (the newest event), `auto` (now, or the newest event when the window before now is empty) or a date. */
async function windowEnd(store: Store, text: string, windowMs: number): Promise<number> {
  if (text === 'now') return Date.now();
  if (text === 'latest' || text === 'auto') {
    const newest = await newestEvent(store);
    if (newest === null) return Date.now();
    if (text === 'latest' || newest < Date.now() - windowMs) return newest + 1;
    return Date.now();
  }
  const time = Date.parse(text);
  if (Number.isNaN(time)) {
    throw new InvalidInputError(`--to must be now, latest, auto or a date (got ${JSON.stringify(text)})`, {
      context: { field: 'to' },
    });
  }
  return time;
}

const format = (value: number, unit: string) => {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'share') return `${(value * 100).toFixed(2)}%`;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
};

export function registerMonitor(program: Command): void {
  const monitor = program
    .command('monitor')
    .description(
      'monitored series (business, diversity, data, model, LLM) and alerts; JSON for the dashboard, Prometheus text',
    )
    .option('--window <duration>', 'how far back (e.g. 24h, 7d)', '7d')
    .option('--bucket <duration>', 'bucket size (e.g. 1h, 1d)', '1d')
    .option(
      '--to <now|latest|auto|date>',
      'end of the window; auto: now, or the newest event when nothing happened lately',
      'auto',
    )
    .option('--json', 'the snapshot as JSON (what the dashboard draws)')
    .option('--prometheus', 'the latest values and alerts in the Prometheus text format')
    .option('--webhook <url>', "post the alerts to this URL (default: the config's monitoring.webhookUrl)")
    .action(async (options: MonitorOptions, command: Command) => {
      const windowMs = parseDuration(options.window, '--window');
      const bucketMs = parseDuration(options.bucket, '--bucket');
      if (bucketMs > windowMs) {
        throw new InvalidInputError('--bucket must not be longer than --window', { context: { field: 'bucket' } });
      }
      await withStore(command, async (store, config) => {
        const to = await windowEnd(store, options.to, windowMs);
        const snapshot = await monitoringSnapshot({
          store,
          from: to - windowMs,
          to,
          bucketMs,
          rules: config.monitoring.rules,
          coldThreshold: config.coldThreshold,
          modelBlob: config.monitoring.modelBlob,
        });
        const webhookUrl = options.webhook ?? config.monitoring.webhookUrl;
        const log: string[] = [];
        if (webhookUrl || (!options.json && !options.prometheus)) {
          const alerter = new Alerter({
            webhookUrl,
            webhookTimeoutMs: config.monitoring.webhookTimeoutMs,
            log: (line) => log.push(line),
          });
          await alerter.update(snapshot.alerts);
          if (alerter.failedDeliveries) process.stderr.write(`lmrec: the alert webhook ${webhookUrl} failed\n`);
        }
        if (options.json) return printJson(snapshot);
        if (options.prometheus) return void process.stdout.write(renderPrometheus(snapshot));
        const day = (time: number) => new Date(time).toISOString().slice(0, 16).replace('T', ' ');
        process.stdout.write(
          `${day(snapshot.window.from)} → ${day(snapshot.window.to)} UTC in ${options.bucket} buckets\n`,
        );
        printTable(
          snapshot.series.map((series) => {
            const values = series.points.map((point) => point.value).filter(Number.isFinite);
            return {
              group: series.group,
              series: series.name,
              latest: format(snapshot.latest[series.name], series.unit),
              min: values.length ? format(Math.min(...values), series.unit) : '—',
              max: values.length ? format(Math.max(...values), series.unit) : '—',
              unit: series.unit === 'share' ? '' : series.unit,
            };
          }),
        );
        process.stdout.write(
          snapshot.alerts.length
            ? `\n${snapshot.alerts.map((alert) => `ALERT ${alert.severity} ${alert.rule}: ${alert.message}`).join('\n')}\n`
            : '\nno alerts\n',
        );
      });
    });
  monitor
    .command('record-metric')
    .description("record a training run's offline metric (shown on the dashboard's model panel)")
    .requiredOption('--metric <name>', 'e.g. ndcg@10')
    .requiredOption('--value <number>', 'its value')
    .option('--model <name>', 'the model')
    .option('--version <n>', 'the model blob version')
    .action(async (options: { metric: string; value: string; model?: string; version?: string }, command: Command) => {
      await withStore(command, async (store) => {
        await recordOfflineMetric(store, {
          metric: options.metric,
          value: numberFlag(options.value, 'value'),
          model: options.model,
          version: options.version === undefined ? undefined : numberFlag(options.version, 'version', { min: 0 }),
        });
        process.stdout.write(`recorded ${options.metric} = ${options.value}\n`);
      });
    });
}
