// Optional stage after rank: an LLM reorders the top N candidates as one list. The LLM itself lives behind the
// ListReranker port (src/llmrec/rerank wires it); this stage bounds its time, grounds its answer to the candidate
// set (ids outside it are dropped and counted; candidates it left out keep their previous order after the ones it
// placed), and on any failure or timeout keeps the previous order.

import type { Catalog } from '../catalog.ts';
import type { Candidate, Language } from '../types.ts';
import type { UserHistory } from '../user-history.ts';

export interface ListRerankRequest {
  userId: string | null;
  history: UserHistory;
  catalog: Catalog;
  /** Candidate item ids in their current order. */
  candidates: readonly string[];
  /** Shuffled rounds to aggregate. */
  rounds: number;
  /** Seeds the permutations, so a request id gives one order. */
  seed: number;
  lang: Language;
  signal: AbortSignal;
}

/** Orders a candidate list; may return fewer ids, and (if it misbehaves) ids outside the list. */
export interface ListReranker {
  readonly name: string;
  rerank(request: ListRerankRequest): Promise<string[]>;
}

export interface ListRerankOutcome {
  /** The candidates in their new order (all of them: the reranked top N, then the rest). */
  ranked: Candidate[];
  /** reranked, or why the previous order stands. */
  note: string;
  /** Ids the reranker returned that were not candidates (dropped). */
  outside: number;
  changed: boolean;
}

/** The grounded order: known ids once each, in the reranker's order, then the candidates it left out. */
export function groundOrder(
  answer: readonly unknown[],
  candidates: readonly string[],
): { order: string[]; outside: number } {
  const known = new Set(candidates);
  const placed = new Set<string>();
  let outside = 0;
  for (const id of answer) {
    if (typeof id !== 'string' || !known.has(id)) outside++;
    else placed.add(id);
  }
  return { order: [...placed, ...candidates.filter((id) => !placed.has(id))], outside };
}

export async function llmRerank(options: {
  ranked: Candidate[];
  reranker: ListReranker | undefined;
  topN: number;
  rounds: number;
  timeoutMs: number;
  request: Omit<ListRerankRequest, 'candidates' | 'rounds' | 'signal'>;
}): Promise<ListRerankOutcome> {
  const { ranked, reranker } = options;
  const keep = (note: string, outside = 0): ListRerankOutcome => ({ ranked, note, outside, changed: false });
  if (!reranker) return keep('llm rerank: no LLM configured, kept the ranked order');
  if (ranked.length < 2) return keep('llm rerank: fewer than 2 candidates');
  const top = ranked.slice(0, options.topN);
  const ids = top.map((candidate) => candidate.id);
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`timed out after ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  try {
    const aborted = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
    );
    const answer = await Promise.race([
      reranker.rerank({ ...options.request, candidates: ids, rounds: options.rounds, signal: controller.signal }),
      aborted,
    ]);
    const { order, outside } = groundOrder(answer, ids);
    // The new order takes over the old scores position by position, so boosts and fusion scales stay as they were.
    const byId = new Map(top.map((candidate) => [candidate.id, candidate]));
    const scores = top.map((candidate) => candidate.score);
    // Strictly falling, so equal fused scores cannot undo the order when rerank sorts by score.
    let previous = Number.POSITIVE_INFINITY;
    const reordered = order.map((id, index) => {
      previous = Math.min(scores[index], previous - 1e-9);
      return { ...byId.get(id)!, score: previous };
    });
    const changed = order.some((id, index) => id !== ids[index]);
    return {
      ranked: [...reordered, ...ranked.slice(top.length)],
      note: `llm rerank (${reranker.name}): ${top.length} candidates, ${options.rounds} rounds${outside ? `, ${outside} ids outside the candidates dropped` : ''}`,
      outside,
      changed,
    };
  } catch (error) {
    return keep(`llm rerank failed (${(error as Error)?.message ?? error}), kept the ranked order`);
  } finally {
    clearTimeout(timer);
  }
}
