// Team-draft interleaving of two simulated policies on a workload's sessions, with clicks from the oracle: how many
// sessions interleaving needs to tell the better ranker, against an A/B test of the same two.

import { createRandom, hashString } from '../../../core/random.ts';
import {
  type InterleavingResult,
  interleavingTest,
  interleavingWinner,
  type Team,
  teamDraftInterleave,
} from '../interleaving.ts';
import { type SimulatedPolicy, slateBuffer } from './simulated-policies.ts';
import type { SessionWorkload } from './workload.ts';

export function simulateInterleaving(options: {
  workload: SessionWorkload;
  a: SimulatedPolicy;
  b: SimulatedPolicy;
  /** Sessions drawn at random (with replacement) from the workload. */
  sessions: number;
  seed: number;
}): InterleavingResult {
  const { workload, a, b } = options;
  const random = createRandom(hashString('interleaving', options.seed >>> 0));
  const bufferA = slateBuffer(workload.slateSize);
  const bufferB = slateBuffer(workload.slateSize);
  const winners: Array<Team | 'tie' | null> = [];
  for (let k = 0; k < options.sessions; k++) {
    const s = random.int(workload.sessionCount);
    a.sample(s, random, bufferA);
    b.sample(s, random, bufferB);
    const list = teamDraftInterleave({
      a: Array.from(bufferA.candidates.subarray(0, bufferA.length)),
      b: Array.from(bufferB.candidates.subarray(0, bufferB.length)),
      length: workload.slateSize,
      random,
    });
    const exam = workload.examination[workload.sessionDevice[s]];
    const clicked: number[] = [];
    list.items.forEach((candidate, index) => {
      if (random.next() < exam[index] * workload.attractiveness[candidate]) clicked.push(index);
    });
    winners.push(interleavingWinner(list.teams, clicked));
  }
  return interleavingTest(winners);
}
