// The demo simulation's in-memory log as store-shaped feedback, oldest first, with the context IPS and rankers read
// (source, request id, position, propensity, device, exploration flag), without building a store.

import type { Feedback } from '../../src/core/types.ts';
import type { DemoRun } from '../../src/data/demo/run-simulation.ts';

const types = ['impression', 'click', 'cart', 'purchase'];

export function demoFeedback(run: DemoRun): Feedback[] {
  const { log, world } = run;
  const order = log.order();
  const events: Feedback[] = new Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const e = order[k];
    const home = log.source[e] === 0;
    events[k] = {
      userId: world.users[log.user[e]].id,
      itemId: world.items[log.item[e]].id,
      type: types[log.type[e]],
      value: 1,
      timestamp: Math.round(log.time[e]),
      context: {
        source: home ? 'home' : 'search',
        requestId: `req-${log.request[e]}`,
        position: log.position[e],
        propensity: log.propensity[e],
        device: log.device[e] === 0 ? 'mobile' : 'desktop',
        ...(home ? { explore: log.explore[e] === 1 } : { queryCategory: log.query[e] }),
      },
    };
  }
  return events;
}
