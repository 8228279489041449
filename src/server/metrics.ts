// Prometheus metrics in the text exposition format, without a client library: per-route latency histograms and
// counts, plus gauges read at scrape time (recommendations served per source, cache hit rate, model age).

import { escapeLabel, type MetricSource, renderMetricSources } from '../eval/monitoring/prometheus.ts';

export type { MetricSource };

const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: Float64Array;
  sum: number;
  count: number;
}

export class Metrics {
  readonly #latency = new Map<string, Histogram>();
  readonly #requests = new Map<string, number>();
  readonly #sources: MetricSource[] = [];

  /** Records one request; `route` is the route's pattern (not the raw URL), so cardinality stays bounded. */
  observe(options: { method: string; route: string; status: number; seconds: number }): void {
    this.observer(options.method, options.route)(options.status, options.seconds);
  }

  /** A recorder bound to one route: the histogram is looked up once, not per request. */
  observer(method: string, route: string): (status: number, seconds: number) => void {
    const key = `${method}\u0000${route}`;
    let histogram = this.#latency.get(key);
    if (!histogram) {
      histogram = { counts: new Float64Array(latencyBuckets.length), sum: 0, count: 0 };
      this.#latency.set(key, histogram);
    }
    const bound = histogram;
    const statuses = new Map<number, string>();
    return (status, seconds) => {
      for (let b = 0; b < latencyBuckets.length; b++) if (seconds <= latencyBuckets[b]) bound.counts[b]++;
      bound.sum += seconds;
      bound.count++;
      let requestKey = statuses.get(status);
      if (requestKey === undefined) {
        requestKey = `${key}\u0000${status}`;
        statuses.set(status, requestKey);
      }
      this.#requests.set(requestKey, (this.#requests.get(requestKey) ?? 0) + 1);
    };
  }

  register(source: MetricSource): void {
    this.#sources.push(source);
  }

  render(): string {
    const lines: string[] = [];
    lines.push('# HELP lmrec_http_request_duration_seconds Request latency by route.');
    lines.push('# TYPE lmrec_http_request_duration_seconds histogram');
    for (const [key, histogram] of this.#latency) {
      const [method, route] = key.split('\u0000');
      const base = `method="${escapeLabel(method)}",route="${escapeLabel(route)}"`;
      latencyBuckets.forEach((bound, b) => {
        lines.push(`lmrec_http_request_duration_seconds_bucket{${base},le="${bound}"} ${histogram.counts[b]}`);
      });
      lines.push(`lmrec_http_request_duration_seconds_bucket{${base},le="+Inf"} ${histogram.count}`);
      lines.push(`lmrec_http_request_duration_seconds_sum{${base}} ${histogram.sum}`);
      lines.push(`lmrec_http_request_duration_seconds_count{${base}} ${histogram.count}`);
    }
    lines.push('# HELP lmrec_http_requests_total Requests by route and status.');
    lines.push('# TYPE lmrec_http_requests_total counter');
    for (const [key, count] of this.#requests) {
      const [method, route, status] = key.split('\u0000');
      lines.push(
        `lmrec_http_requests_total{method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"} ${count}`,
      );
    }
    const head = `${lines.join('\n')}\n`;
    return this.#sources.length ? head + renderMetricSources(this.#sources) : head;
  }
}
