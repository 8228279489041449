// Sends alerts where operators look: one JSON line per alert to the log, and a POST of { alerts, resolved } to an
// optional webhook (Slack-, Alertmanager- or custom receivers). Only changes are sent: an alert when a rule starts
// firing, a resolution when it stops. A failing webhook is retried once and logged, never thrown to the caller.

import type { Alert } from './alert-rules.ts';

export interface AlertNotice {
  /** Rules that started firing. */
  alerts: Alert[];
  /** Rules that stopped firing. */
  resolved: string[];
}

export interface AlerterOptions {
  webhookUrl?: string | null;
  webhookTimeoutMs?: number;
  /** Where log lines go (default: stderr). */
  log?: (line: string) => void;
  /** The fetch to use (tests pass a local server's URL instead of mocking this). */
  fetch?: typeof fetch;
}

export class Alerter {
  readonly #options: AlerterOptions;
  readonly #firing = new Map<string, Alert>();
  /** Webhook deliveries that failed after the retry. */
  failedDeliveries = 0;

  constructor(options: AlerterOptions = {}) {
    this.#options = options;
  }

  /** Rules firing now, by name. */
  get firing(): ReadonlyMap<string, Alert> {
    return this.#firing;
  }

  /** Takes the alerts raised by an evaluation; logs and posts what changed. Returns what was sent. */
  async update(alerts: readonly Alert[]): Promise<AlertNotice> {
    const now = new Set(alerts.map((alert) => alert.rule));
    const started = alerts.filter((alert) => !this.#firing.has(alert.rule));
    const resolved = [...this.#firing.keys()].filter((rule) => !now.has(rule));
    for (const rule of resolved) this.#firing.delete(rule);
    for (const alert of alerts) this.#firing.set(alert.rule, alert);
    const log = this.#options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    for (const alert of started)
      log(JSON.stringify({ level: alert.severity === 'critical' ? 'error' : 'warn', msg: 'alert', ...alert }));
    for (const rule of resolved) log(JSON.stringify({ level: 'info', msg: 'alert resolved', rule }));
    const notice = { alerts: started, resolved };
    if ((started.length || resolved.length) && this.#options.webhookUrl) await this.#post(notice, log);
    return notice;
  }

  async #post(notice: AlertNotice, log: (line: string) => void): Promise<void> {
    const send = this.#options.fetch ?? fetch;
    let lastError = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const response = await send(this.#options.webhookUrl!, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ source: 'lmrec', ...notice }),
          signal: AbortSignal.timeout(this.#options.webhookTimeoutMs ?? 5000),
        });
        if (response.ok) return;
        lastError = `HTTP ${response.status}`;
      } catch (error) {
        lastError = (error as Error).message;
      }
    }
    this.failedDeliveries++;
    log(
      JSON.stringify({ level: 'error', msg: 'alert webhook failed', url: this.#options.webhookUrl, error: lastError }),
    );
  }
}
