// Offline metrics of click models: AUC (the rank-sum form, ties counted half), group AUC (per-user AUC weighted by
// impressions, over users with both outcomes; Zhou et al. 2018, DIN) and log loss.

/** Area under the ROC curve of `scores` against 0/1 `labels`; NaN when one class is missing. */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, index) => index).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]]) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Per-group AUC averaged with weights = the group's size, over groups holding both labels. */
export function groupAuc(labels: ArrayLike<number>, scores: ArrayLike<number>, groups: ArrayLike<number>): number {
  const members = new Map<number, number[]>();
  for (let index = 0; index < labels.length; index++) {
    const list = members.get(groups[index]);
    if (list) list.push(index);
    else members.set(groups[index], [index]);
  }
  let weighted = 0;
  let total = 0;
  for (const rows of members.values()) {
    const value = auc(
      rows.map((row) => labels[row]),
      rows.map((row) => scores[row]),
    );
    if (Number.isNaN(value)) continue;
    weighted += value * rows.length;
    total += rows.length;
  }
  return total ? weighted / total : Number.NaN;
}

/** Mean negative log-likelihood of 0/1 labels under probabilities (clipped to [1e-7, 1 − 1e-7]). */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < labels.length; index++) {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, probabilities[index]));
    total -= labels[index] ? Math.log(p) : Math.log(1 - p);
  }
  return labels.length ? total / labels.length : Number.NaN;
}
