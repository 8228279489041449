// Runs the simulated window day by day: users with latent tastes open sessions (more often while planning a trip,
// at weekends and over the National Day holiday), see a home-feed slate from the logging policy and search the
// categories they need; the oracle decides clicks, carts and purchases. Day state feeds the next day only.

import type { Progress } from '../../core/progress.ts';
import { createRandom, hashString, type Random } from '../../core/random.ts';
import { dayMs, shopOffsetMs, weekday } from './calendar.ts';
import { demoCategories } from './categories.ts';
import { pickWeighted } from './category-spec.ts';
import { EventLog } from './event-log.ts';
import type { DemoHistory } from './history.ts';
import type { LoggingPolicy } from './logging-policy.ts';
import type { DemoOracle, DeviceCode } from './oracle.ts';
import type { ShopSearch } from './shop-search.ts';
import type { DemoWorld } from './world.ts';

/** Relative session frequency per local hour: lunch and evening peaks. */
const hourWeights = [
  0.5, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 1.8, 1.6, 1.5, 1.8, 2.6, 2.2, 1.6, 1.5, 1.6, 1.8, 2.2, 2.8, 3.2, 3.4, 2.6,
  1.4,
];
const hourChoices = hourWeights.map((weight, hour) => [hour, weight] as const);

const typeCode = { impression: 0, click: 1, cart: 2, purchase: 3 } as const;

export interface SimulationParts {
  world: DemoWorld;
  history: DemoHistory;
  oracle: DemoOracle;
  policy: LoggingPolicy;
  search: ShopSearch;
}

function poisson(random: Random, mean: number): number {
  let count = 0;
  for (let p = Math.exp(-mean), r = random.next(); r > p; count++) r *= random.next();
  return count;
}

/** Simulates every day of the window, recording each day into `parts.history`, and returns the events. */
export function simulateWindow(parts: SimulationParts, progress?: Progress): EventLog {
  const { world, history, oracle, policy, search } = parts;
  const random = createRandom(hashString('simulation', world.seed >>> 0));
  const log = new EventLog();
  const sessions = world.parameters.sessions;
  const categories = demoCategories.length;
  let request = 0;
  progress?.start(`simulating ${world.days} days of shoppers`, world.days);
  for (let day = 0; day < world.days; day++) {
    const dayStart = world.startTime + day * dayMs;
    const local = new Date(dayStart + shopOffsetMs + dayMs / 2).toISOString().slice(5, 10);
    let factor = [0, 6].includes(weekday(dayStart + dayMs / 2)) ? sessions.weekendBoost : 1;
    if (local >= '10-01' && local <= '10-07') factor *= sessions.holidayBoost;
    const clicks = new Int32Array(world.items.length);
    const purchases: Array<{ user: number; item: number }> = [];

    /** Clicks, carts and purchases on one shown item. */
    const respond = (options: {
      user: number;
      item: number;
      position: number;
      time: number;
      device: DeviceCode;
      searched: number;
      base: Omit<Parameters<EventLog['push']>[0], 'type' | 'time'>;
    }) => {
      const { user, item, time, searched } = options;
      const click = oracle.clickProbability({
        user,
        item,
        position: options.position,
        time,
        device: options.device,
        searched,
      });
      if (random.next() >= click) return;
      const clickTime = time + 2000 + options.position * 1500 + random.int(8000);
      log.push({ ...options.base, type: typeCode.click, time: clickTime });
      clicks[item]++;
      if (random.next() >= oracle.cartProbability(user, item, time, searched)) return;
      const cartTime = clickTime + 20_000 + random.int(100_000);
      log.push({ ...options.base, type: typeCode.cart, time: cartTime });
      if (random.next() >= oracle.purchaseGivenCart(user, item, time)) return;
      log.push({ ...options.base, type: typeCode.purchase, time: cartTime + 60_000 + random.int(540_000) });
      purchases.push({ user, item });
    };

    for (let user = 0; user < world.users.length; user++) {
      if (day < Math.ceil(world.userTruth.signupDay[user])) continue;
      const needs = oracle.needs(user, day);
      const planning = needs.searches.length > 0;
      const count = Math.min(
        sessions.maxPerDay,
        poisson(random, world.userTruth.activity[user] * factor * (planning ? sessions.planningBoost : 1)),
      );
      if (count === 0) continue;
      const times: number[] = [];
      for (let k = 0; k < count; k++)
        times.push(dayStart + (pickWeighted(random, hourChoices) * 60 + random.int(60)) * 60_000 + random.int(60_000));
      times.sort((a, b) => a - b);
      const distribution = policy.distribution(user, dayStart);
      const mainDevice = world.userTruth.device[user];
      const searches = [...needs.searches];
      for (const time of times) {
        const device = (random.next() < 0.85 ? mainDevice : 1 - mainDevice) as DeviceCode;
        const slate = policy.sample(distribution, random);
        request++;
        for (let p = 0; p < slate.items.length; p++) {
          const item = slate.items[p];
          const base = {
            user,
            item,
            position: p + 1,
            source: 0,
            propensity: slate.propensities[p],
            request,
            device,
            explore: slate.explore,
            query: -1,
            sort: 0,
          };
          log.push({ ...base, type: typeCode.impression, time });
          respond({ user, item, position: p + 1, time, device, searched: -1, base });
        }
        const searched = searches.filter(() => random.next() < sessions.neededSearch);
        if (random.next() < sessions.browseSearch) {
          let r = random.next();
          let category = 0;
          for (; category < categories - 1; category++) {
            r -= world.browseShare[user * categories + category];
            if (r < 0) break;
          }
          if (!searched.includes(category)) searched.push(category);
        }
        searched.forEach((category, k) => {
          const searchTime = time + (k + 1) * 90_000 + random.int(30_000);
          const sort = pickWeighted(
            random,
            search.sortProbabilities(user).map((probability, code) => [code, probability] as const),
          );
          const results = search.results(category, day, sort);
          request++;
          for (let p = 0; p < results.length; p++) {
            const item = results[p];
            const base = {
              user,
              item,
              position: p + 1,
              source: 1,
              propensity: 1,
              request,
              device,
              explore: false,
              query: category,
              sort,
            };
            log.push({ ...base, type: typeCode.impression, time: searchTime });
            respond({ user, item, position: p + 1, time: searchTime, device, searched: category, base });
          }
        });
      }
    }
    history.recordDay(day, clicks, purchases);
    progress?.tick();
  }
  progress?.done(`${log.length.toLocaleString('en-US')} events`);
  return log;
}
