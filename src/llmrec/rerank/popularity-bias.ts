// A popularity-bias report for a reranker: does it push lists towards the head of the catalog? Compares lists before
// and after by the mean popularity rank of their top k (0 = the most popular item) and by their long-tail share.

export interface PopularityBiasReport {
  lists: number;
  k: number;
  /** Mean over lists of the mean popularity rank of the top k (higher: less popular items). */
  meanPopularityRank: { before: number; after: number };
  /** Share of top-k items outside the most popular `headShare` of the catalog. */
  longTailShare: { before: number; after: number };
  headShare: number;
}

export function popularityBiasReport(options: {
  lists: ReadonlyArray<{ before: readonly string[]; after: readonly string[] }>;
  /** Item id → popularity rank (0 = most popular); unknown items count as the least popular. */
  popularityRank: ReadonlyMap<string, number>;
  catalogSize: number;
  k?: number;
  /** The head: this share of the catalog by popularity (default 0.2, the 80/20 split). */
  headShare?: number;
}): PopularityBiasReport {
  const k = options.k ?? 10;
  const headShare = options.headShare ?? 0.2;
  const head = Math.ceil(options.catalogSize * headShare);
  const rankOf = (id: string) => options.popularityRank.get(id) ?? options.catalogSize;
  const summarise = (pick: (entry: { before: readonly string[]; after: readonly string[] }) => readonly string[]) => {
    let rankSum = 0;
    let tail = 0;
    let count = 0;
    let lists = 0;
    for (const entry of options.lists) {
      const top = pick(entry).slice(0, k);
      if (top.length === 0) continue;
      lists++;
      rankSum += top.reduce((sum, id) => sum + rankOf(id), 0) / top.length;
      tail += top.filter((id) => rankOf(id) >= head).length;
      count += top.length;
    }
    return { rank: lists ? rankSum / lists : 0, tail: count ? tail / count : 0 };
  };
  const before = summarise((entry) => entry.before);
  const after = summarise((entry) => entry.after);
  return {
    lists: options.lists.length,
    k,
    meanPopularityRank: { before: before.rank, after: after.rank },
    longTailShare: { before: before.tail, after: after.tail },
    headShare,
  };
}
