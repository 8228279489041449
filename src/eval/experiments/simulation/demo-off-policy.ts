// Off-policy evaluation against the demo simulator's truth: the logged home feed as slates, target policies over
// the logging policy's candidate pools (so every item they show had a chance to be logged), and each policy's true
// clicks per list from the oracle for the same requests.

import type { DemoRun } from '../../../data/demo/run-simulation.ts';
import type { DemoDevice, DemoSimulator } from '../../../data/demo/simulator.ts';
import type { LoggedSlate } from '../off-policy/logged-slates.ts';
import type { PositionBasedModel } from '../off-policy/reward-model.ts';
import {
  type PositionDistribution,
  type RequestContext,
  rankingPolicy,
  type TargetPolicy,
} from '../off-policy/target-policy.ts';

const homeSource = 0;
const [impression, click] = [0, 1];

/** The home-feed lists of a simulated demo log (the same data `lmrec demo init` writes to the store). */
export function loggedSlatesFromRun(run: DemoRun): LoggedSlate[] {
  const { log, world } = run;
  const slates = new Map<number, LoggedSlate>();
  for (let k = 0; k < log.length; k++) {
    if (log.source[k] !== homeSource) continue;
    const request = log.request[k];
    let slate = slates.get(request);
    if (!slate) {
      slate = {
        requestId: `req-${request}`,
        userId: world.users[log.user[k]].id,
        time: log.time[k],
        device: log.device[k] === 0 ? 'mobile' : 'desktop',
        itemIds: [],
        propensities: [],
        clicks: new Uint8Array(world.parameters.logging.slateSize),
      };
      slates.set(request, slate);
    }
    const index = log.position[k] - 1;
    if (log.type[k] === impression) {
      slate.itemIds[index] = world.items[log.item[k]].id;
      slate.propensities[index] = log.propensity[k];
    } else if (log.type[k] === click) slate.clicks[index] = 1;
  }
  return [...slates.values()];
}

/** The logging policy's candidate pool of a request, cached per user and day. */
function poolOf(simulator: DemoSimulator): (context: RequestContext) => string[] {
  const cache = new Map<string, string[]>();
  return (context) => {
    const key = `${context.userId}|${simulator.world.stateDay(context.time)}`;
    let pool = cache.get(key);
    if (!pool) cache.set(key, (pool = simulator.loggingDistribution(context.userId, context.time).candidates));
    return pool;
  };
}

/**
 * Target policies over the pools: `greedy` (the pool's best ten in its own order: the logging policy without its
 * randomness), `model` (the pool re-ranked by a click model's item attractiveness, a policy learnt from the logs)
 * and `oracle` (re-ranked by the user's true attractiveness: far from the logging policy, the hardest to evaluate).
 */
export function demoTargetPolicies(simulator: DemoSimulator, model?: PositionBasedModel): TargetPolicy[] {
  const pool = poolOf(simulator);
  const size = simulator.world.parameters.logging.slateSize;
  const policies: TargetPolicy[] = [rankingPolicy('greedy', (context) => pool(context).slice(0, size))];
  if (model) {
    policies.push(
      rankingPolicy('model', (context) =>
        [...pool(context)]
          .sort(
            (a, b) =>
              (model.attractiveness.get(b) ?? model.meanAttractiveness) -
              (model.attractiveness.get(a) ?? model.meanAttractiveness),
          )
          .slice(0, size),
      ),
    );
  }
  policies.push(
    rankingPolicy('oracle', (context) =>
      pool(context)
        .map((itemId) => ({
          itemId,
          value: simulator.attractiveness({ userId: context.userId, itemId, time: context.time }),
        }))
        .sort((a, b) => b.value - a.value)
        .slice(0, size)
        .map((entry) => entry.itemId),
    ),
  );
  return policies.map(remembered);
}

/** The same policy, computing each request's distribution once (evaluations and truths ask again). */
function remembered(policy: TargetPolicy): TargetPolicy {
  const seen = new WeakMap<RequestContext, PositionDistribution>();
  return {
    name: policy.name,
    distribution(context) {
      let distribution = seen.get(context);
      if (!distribution) seen.set(context, (distribution = policy.distribution(context)));
      return distribution;
    },
  };
}

/** The policy's true clicks per list over the logged requests, from the oracle. */
export function trueClicksPerSlate(
  simulator: DemoSimulator,
  slates: readonly LoggedSlate[],
  policy: TargetPolicy,
): number {
  let total = 0;
  for (const slate of slates) {
    for (const entry of policy.distribution(slate).entries) {
      total +=
        entry.probability *
        simulator.clickProbability({
          userId: slate.userId,
          itemId: entry.itemId,
          position: entry.position,
          time: slate.time,
          device: slate.device as DemoDevice | undefined,
        });
    }
  }
  return total / slates.length;
}
