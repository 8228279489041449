// The pre-period of a simulated experiment, from the demo's own logged days: per user, home-feed impressions,
// clicks, purchases and revenue in the last days before the experiment (CUPED covariates), item clicks (novelty),
// and the per-user ratio sample a practitioner would feed the sample-size calculator.

import type { DemoRun } from '../../../data/demo/run-simulation.ts';
import type { Store } from '../../../store/store.ts';
import type { RatioSample } from '../statistics/tests.ts';
import { summarizeRatio } from '../statistics/tests.ts';
import type { Preperiod } from './simulate-traffic.ts';

const dayMs = 86_400_000;
const homeSource = 0;
const [impression, click, purchase] = [0, 1, 3];

/** Home-feed activity per user over the log's last `days` days. */
export function preperiodFromRun(run: DemoRun, options: { days: number }): Preperiod {
  const { log, world } = run;
  const from = world.endTime - options.days * dayMs;
  const users: Preperiod['users'] = new Map();
  const itemClicks = new Map<string, number>();
  for (let k = 0; k < log.length; k++) {
    if (log.time[k] < from || log.source[k] !== homeSource) continue;
    const userId = world.users[log.user[k]].id;
    let row = users.get(userId);
    if (!row) users.set(userId, (row = { impressions: 0, clicks: 0, purchases: 0, revenue: 0 }));
    const type = log.type[k];
    if (type === impression) row.impressions++;
    else if (type === click) {
      row.clicks++;
      const itemId = world.items[log.item[k]].id;
      itemClicks.set(itemId, (itemClicks.get(itemId) ?? 0) + 1);
    } else if (type === purchase) {
      row.purchases++;
      row.revenue += world.items[log.item[k]].price ?? 0;
    }
  }
  return { users, itemClicks };
}

/** The CTR sample (clicks and impressions per active user) of a pre-period: the power calculator's input. */
export function preperiodCtrSample(preperiod: Preperiod): RatioSample {
  const rows = [...preperiod.users.values()].filter((row) => row.impressions > 0);
  return summarizeRatio(
    rows.map((row) => row.clicks),
    rows.map((row) => row.impressions),
  );
}

/** The same pre-period read from a store's feedback: impressions, clicks and purchases with context `source`. */
export async function readPreperiod(
  store: Store,
  options: { from: number; to: number; source?: string },
): Promise<Preperiod> {
  const users: Preperiod['users'] = new Map();
  const itemClicks = new Map<string, number>();
  const source = options.source ?? 'home';
  for await (const batch of store.feedback.scan({ since: options.from, withContext: true })) {
    for (const event of batch) {
      if (event.timestamp >= options.to || event.context?.source !== source) continue;
      let row = users.get(event.userId);
      if (!row) users.set(event.userId, (row = { impressions: 0, clicks: 0, purchases: 0, revenue: 0 }));
      if (event.type === 'impression') row.impressions++;
      else if (event.type === 'click') {
        row.clicks++;
        itemClicks.set(event.itemId, (itemClicks.get(event.itemId) ?? 0) + 1);
      } else if (event.type === 'purchase') {
        row.purchases++;
        row.revenue += typeof event.context?.price === 'number' ? event.context.price : 0;
      }
    }
  }
  return { users, itemClicks };
}
