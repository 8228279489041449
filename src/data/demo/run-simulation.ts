// Builds the demo world from options and runs its 90 days in memory: the shared first half of `lmrec demo init`,
// also usable on its own (tests, benches, experiments that need fresh logs without a store).

import { InvalidInputError } from '../../core/errors.ts';
import type { Progress } from '../../core/progress.ts';
import { defaultEndDate, localMidnight } from './calendar.ts';
import type { EventLog } from './event-log.ts';
import { DemoHistory } from './history.ts';
import { type DemoParameters, defaultDemoParameters } from './parameters.ts';
import { simulateWindow } from './simulation.ts';
import { DemoSimulator } from './simulator.ts';
import { DemoWorld } from './world.ts';

export interface DemoOptions {
  /** Seed of every random choice (an integer 0 … 2^32 − 1); default 42. */
  seed?: number;
  /** Size multiplier: 1 gives 1,200 items and 2,500 users (default 1, at most 20). */
  scale?: number;
  /** Last simulated day is the day before this `YYYY-MM-DD` date (China Standard Time); default 2026-11-01. */
  endDate?: string;
  /** Ground-truth parameters (default `defaultDemoParameters`). */
  parameters?: DemoParameters;
}

export interface ResolvedDemoOptions {
  seed: number;
  scale: number;
  endDate: string;
  endTime: number;
  parameters: DemoParameters;
}

export const defaultDemoSeed = 42;
export const maxDemoScale = 20;

/** Checks and completes the options; bad values fail with the field named. */
export function resolveDemoOptions(options: DemoOptions = {}): ResolvedDemoOptions {
  const seed = options.seed ?? defaultDemoSeed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InvalidInputError(`seed must be an integer from 0 to 4294967295 (got ${seed})`, {
      context: { field: 'seed' },
    });
  }
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > maxDemoScale) {
    throw new InvalidInputError(`scale must be a number above 0 and at most ${maxDemoScale} (got ${scale})`, {
      context: { field: 'scale' },
    });
  }
  const endDate = options.endDate ?? defaultEndDate;
  return {
    seed,
    scale,
    endDate,
    endTime: localMidnight(endDate),
    parameters: options.parameters ?? defaultDemoParameters,
  };
}

export interface DemoRun {
  options: ResolvedDemoOptions;
  world: DemoWorld;
  history: DemoHistory;
  simulator: DemoSimulator;
  log: EventLog;
}

/** Generates the world and simulates its window. */
export function runDemoSimulation(options: DemoOptions = {}, progress?: Progress): DemoRun {
  const resolved = resolveDemoOptions(options);
  progress?.start('generating catalog, shoppers and social graph');
  const world = new DemoWorld({
    seed: resolved.seed,
    scale: resolved.scale,
    endTime: resolved.endTime,
    parameters: resolved.parameters,
  });
  progress?.done(
    `${world.items.length.toLocaleString('en-US')} items, ${world.users.length.toLocaleString('en-US')} users, ${world.edges.length.toLocaleString('en-US')} follows`,
  );
  const history = new DemoHistory(world);
  const simulator = new DemoSimulator(world, history);
  const log = simulateWindow(
    { world, history, oracle: simulator.oracle, policy: simulator.policy, search: simulator.search },
    progress,
  );
  return { options: resolved, world, history, simulator, log };
}
