// The traffic of a simulated experiment: home-feed sessions of the demo shop's users over some days, each with the
// logging policy's candidate pool and, per candidate, the oracle's P(click | examined) and P(purchase | click).
// Clicks follow the position-based model, so any slate built from the pool has exact click probabilities
// exam(position, device) × attractiveness, and many experiment runs can reuse one workload cheaply.

import type { Progress } from '../../../core/progress.ts';
import { createRandom, hashString, type Random } from '../../../core/random.ts';
import { weekday } from '../../../data/demo/calendar.ts';
import type { DemoSimulator } from '../../../data/demo/simulator.ts';
import { planningDays } from '../../../data/demo/users.ts';

const dayMs = 86_400_000;

export interface WorkloadOptions {
  simulator: DemoSimulator;
  /** First moment of the traffic (default: the end of the demo's window, where the world stands still). */
  start?: number;
  days: number;
  seed: number;
  progress?: Progress;
}

function poisson(random: Random, mean: number): number {
  let count = 0;
  for (let p = Math.exp(-mean), r = random.next(); r > p; count++) r *= random.next();
  return count;
}

export class SessionWorkload {
  readonly simulator: DemoSimulator;
  readonly start: number;
  readonly days: number;
  readonly slateSize: number;
  readonly explorationRate: number;
  /** Item ids, prices and leaf categories by item index (the demo world's order). */
  readonly itemIds: string[];
  readonly itemPrice: Float64Array;
  readonly itemCategory: string[];
  readonly userIds: string[];
  /** Per session: user index, time, device (0 mobile, 1 desktop). Sessions are in time order. */
  readonly sessionUser: Int32Array;
  readonly sessionTime: Float64Array;
  readonly sessionDevice: Uint8Array;
  /** Candidates of session s are entries poolStart[s] … poolStart[s + 1] − 1, in the pool's rank order. */
  readonly poolStart: Int32Array;
  readonly candidateItem: Int32Array;
  /** Probability that the candidate is its stratum's draw under the logging policy. */
  readonly withinStratum: Float64Array;
  readonly attractiveness: Float64Array;
  /** P(purchase | click). */
  readonly purchase: Float64Array;
  /** P(examine | position) for positions 1 … slateSize, per device. */
  readonly examination: [Float64Array, Float64Array];

  constructor(options: WorkloadOptions) {
    const { simulator, days } = options;
    const world = simulator.world;
    this.simulator = simulator;
    this.start = options.start ?? simulator.endTime;
    this.days = days;
    this.slateSize = world.parameters.logging.slateSize;
    this.explorationRate = world.parameters.logging.explorationRate;
    this.itemIds = world.items.map((item) => item.id);
    this.itemPrice = Float64Array.from(world.items, (item) => item.price ?? 0);
    this.itemCategory = world.items.map((item) => item.categories.at(-1) ?? '');
    this.userIds = simulator.userIds();
    this.examination = [0, 1].map((device) =>
      Float64Array.from({ length: this.slateSize }, (_, p) =>
        simulator.examinationProbability(p + 1, device === 0 ? 'mobile' : 'desktop'),
      ),
    ) as [Float64Array, Float64Array];
    const sessions = this.#sessions(options);
    const order = sessions.map((_, s) => s).sort((a, b) => sessions[a].time - sessions[b].time || a - b);
    this.sessionUser = Int32Array.from(order, (s) => sessions[s].user);
    this.sessionTime = Float64Array.from(order, (s) => sessions[s].time);
    this.sessionDevice = Uint8Array.from(order, (s) => sessions[s].device);
    const starts: number[] = [0];
    const items: number[] = [];
    const strata: number[] = [];
    const attractive: number[] = [];
    const buys: number[] = [];
    options.progress?.start('asking the oracle about every candidate of every session', order.length);
    for (let s = 0; s < order.length; s++) {
      const userId = this.userIds[this.sessionUser[s]];
      const time = this.sessionTime[s];
      const distribution = simulator.loggingDistribution(userId, time);
      for (const itemId of distribution.candidates) {
        let share = 0;
        for (let p = 1; p <= this.slateSize; p++) share += distribution.propensity(itemId, p);
        items.push(world.itemIndex.get(itemId)!);
        strata.push(share);
        attractive.push(simulator.attractiveness({ userId, itemId, time }));
        buys.push(simulator.purchaseProbability({ userId, itemId, time }));
      }
      starts.push(items.length);
      options.progress?.tick();
    }
    options.progress?.done(`${order.length.toLocaleString('en-US')} sessions`);
    this.poolStart = Int32Array.from(starts);
    this.candidateItem = Int32Array.from(items);
    this.withinStratum = Float64Array.from(strata);
    this.attractiveness = Float64Array.from(attractive);
    this.purchase = Float64Array.from(buys);
  }

  get sessionCount(): number {
    return this.sessionUser.length;
  }

  get end(): number {
    return this.start + this.days * dayMs;
  }

  /**
   * Sessions per user and day: Poisson(activity × weekend boost × planning boost) as in the demo's own simulation,
   * at most `maxPerDay`, at a uniform time between 08:00 and 24:00; the user's usual device 85% of the time.
   */
  #sessions(options: WorkloadOptions): Array<{ user: number; time: number; device: number }> {
    const { simulator } = options;
    const world = simulator.world;
    const parameters = world.parameters.sessions;
    const random = createRandom(hashString('workload', options.seed >>> 0));
    const sessions: Array<{ user: number; time: number; device: number }> = [];
    this.userIds.forEach((userId, user) => {
      const truth = simulator.userTruth(userId);
      for (let day = 0; day < this.days; day++) {
        const dayStart = this.start + day * dayMs;
        let rate = truth.activity * ([0, 6].includes(weekday(dayStart + dayMs / 2)) ? parameters.weekendBoost : 1);
        const planning = truth.trips.some(
          (trip) => trip.startTime > dayStart && trip.startTime - dayStart <= planningDays * dayMs,
        );
        if (planning) rate *= parameters.planningBoost;
        const count = Math.min(parameters.maxPerDay, poisson(random, rate));
        for (let k = 0; k < count; k++) {
          const time = dayStart + 8 * 3_600_000 + random.int(16 * 3_600_000);
          const usual = world.userTruth.device[user];
          sessions.push({ user, time, device: random.next() < 0.85 ? usual : 1 - usual });
        }
      }
    });
    return sessions;
  }
}
