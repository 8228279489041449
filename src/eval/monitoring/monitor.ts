// The server's monitor: every `intervalSeconds` it computes the snapshot over the configured window, evaluates the
// alert rules and hands changes to the alerter; /metrics and the dashboard read the last snapshot without waiting.
// A failed evaluation is logged and retried at the next tick; it never stops the server.

import type { MonitoringConfig } from '../../core/config/monitoring.ts';
import type { Store } from '../../store/store.ts';
import { Alerter } from './alerter.ts';
import { type MonitoringMetricSource, monitoringMetricSources } from './prometheus.ts';
import type { MonitoringRecorder } from './recorder.ts';
import { type MonitoringSnapshot, monitoringSnapshot } from './snapshot.ts';

export interface MonitorOptions {
  store: Store;
  config: MonitoringConfig;
  recorder?: MonitoringRecorder;
  alerter?: Alerter;
  coldThreshold?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export class Monitor {
  readonly #options: MonitorOptions;
  readonly alerter: Alerter;
  #latest: MonitoringSnapshot | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<MonitoringSnapshot | null> | null = null;

  constructor(options: MonitorOptions) {
    this.#options = options;
    this.alerter =
      options.alerter ??
      new Alerter({
        webhookUrl: options.config.webhookUrl,
        webhookTimeoutMs: options.config.webhookTimeoutMs,
        log: options.log,
      });
  }

  /** The last snapshot, or null before the first evaluation. */
  latest(): MonitoringSnapshot | null {
    return this.#latest;
  }

  /** Computes a snapshot now and sends alert changes; concurrent calls share one evaluation. */
  evaluate(): Promise<MonitoringSnapshot | null> {
    this.#running ??= this.#evaluate().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #evaluate(): Promise<MonitoringSnapshot | null> {
    const { config, store } = this.#options;
    const to = (this.#options.now ?? Date.now)();
    try {
      const snapshot = await monitoringSnapshot({
        store,
        from: to - config.windowHours * 3_600_000,
        to,
        bucketMs: config.bucketMinutes * 60_000,
        rules: config.rules,
        recorder: this.#options.recorder,
        coldThreshold: this.#options.coldThreshold,
        modelBlob: config.modelBlob,
        now: to,
      });
      this.#latest = snapshot;
      await this.alerter.update(snapshot.alerts);
      return snapshot;
    } catch (error) {
      const log = this.#options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
      log(JSON.stringify({ level: 'error', msg: 'monitoring evaluation failed', error: (error as Error).message }));
      return null;
    }
  }

  /** Evaluates now and then every `intervalSeconds` (the timer does not keep the process alive). */
  start(): void {
    if (this.#timer) return;
    void this.evaluate();
    this.#timer = setInterval(() => void this.evaluate(), this.#options.config.intervalSeconds * 1000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Sources for the server's /metrics registry. */
  metricSources(): MonitoringMetricSource[] {
    return monitoringMetricSources(() => this.#latest);
  }
}
