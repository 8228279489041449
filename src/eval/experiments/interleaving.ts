// Team-draft interleaving (Radlinski, Kurup & Joachims 2008): two rankers take turns, in a coin-flipped order each
// round, to add their best item not yet shown; a click credits the team that placed the item. Each user sees one
// list, so both rankers are compared on the same request, which makes interleaving one to two orders of magnitude
// more sensitive than an A/B test of the same rankers (Chapelle, Joachims, Radlinski & Yue 2012).

import { InvalidInputError } from '../../core/errors.ts';
import type { Random } from '../../core/random.ts';
import { normalCritical } from './statistics/comparison.ts';
import { normalTwoSidedP } from './statistics/distributions.ts';

export type Team = 'a' | 'b';

export interface InterleavedList<T> {
  items: T[];
  /** The team that placed each item. */
  teams: Team[];
}

/** Interleaves two rankings into a list of at most `length` distinct items. */
export function teamDraftInterleave<T>(options: {
  a: readonly T[];
  b: readonly T[];
  length: number;
  random: Random;
}): InterleavedList<T> {
  const { a, b, length, random } = options;
  if (!Number.isInteger(length) || length < 0) {
    throw new InvalidInputError(`length must be a whole number ≥ 0 (got ${length})`, { context: { field: 'length' } });
  }
  const items: T[] = [];
  const teams: Team[] = [];
  const taken = new Set<T>();
  let nextA = 0;
  let nextB = 0;
  let countA = 0;
  let countB = 0;
  const take = (list: readonly T[], cursor: number): number => {
    while (cursor < list.length && taken.has(list[cursor])) cursor++;
    return cursor;
  };
  while (items.length < length) {
    nextA = take(a, nextA);
    nextB = take(b, nextB);
    const aLeft = nextA < a.length;
    const bLeft = nextB < b.length;
    if (!aLeft && !bLeft) break;
    const aTurn = !bLeft || (aLeft && (countA < countB || (countA === countB && random.next() < 0.5)));
    const item = aTurn ? a[nextA] : b[nextB];
    taken.add(item);
    items.push(item);
    teams.push(aTurn ? 'a' : 'b');
    if (aTurn) countA++;
    else countB++;
  }
  return { items, teams };
}

/** Which team won one interleaved list, from the 0-based indexes clicked (null when nothing was clicked). */
export function interleavingWinner(teams: readonly Team[], clicked: Iterable<number>): Team | 'tie' | null {
  let a = 0;
  let b = 0;
  let any = false;
  for (const index of clicked) {
    any = true;
    if (teams[index] === 'a') a++;
    else if (teams[index] === 'b') b++;
  }
  if (!any) return null;
  return a > b ? 'a' : b > a ? 'b' : 'tie';
}

export interface InterleavingResult {
  /** Lists with at least one click, and how they split. */
  lists: number;
  winsA: number;
  winsB: number;
  ties: number;
  /** Δ_AB = (wins_A + ties / 2) / lists − 1/2: positive when A is preferred (Chapelle et al. 2012). */
  preference: number;
  preferenceInterval: [number, number];
  /** Two-sided sign test of wins against losses (ties left out). */
  pValue: number;
  confidence: number;
  significant: boolean;
}

/** Aggregates winners of many lists (null entries, lists without clicks, are ignored). */
export function interleavingTest(
  winners: Iterable<Team | 'tie' | null>,
  options: { confidence?: number } = {},
): InterleavingResult {
  const confidence = options.confidence ?? 0.95;
  let winsA = 0;
  let winsB = 0;
  let ties = 0;
  for (const winner of winners) {
    if (winner === 'a') winsA++;
    else if (winner === 'b') winsB++;
    else if (winner === 'tie') ties++;
  }
  const lists = winsA + winsB + ties;
  const decided = winsA + winsB;
  const preference = lists ? (winsA + ties / 2) / lists - 0.5 : 0;
  // Per list the score is 1, ½ or 0; its variance gives the interval of Δ.
  const mean = preference + 0.5;
  const variance =
    lists > 1 ? (winsA * (1 - mean) ** 2 + ties * (0.5 - mean) ** 2 + winsB * mean ** 2) / (lists - 1) : 0;
  const error = lists ? Math.sqrt(variance / lists) : Number.NaN;
  const critical = normalCritical(confidence);
  const pValue = decided > 0 ? normalTwoSidedP((winsA - winsB) / Math.sqrt(decided)) : 1;
  return {
    lists,
    winsA,
    winsB,
    ties,
    preference,
    preferenceInterval: [preference - critical * error, preference + critical * error],
    pValue,
    confidence,
    significant: pValue < 1 - confidence,
  };
}
