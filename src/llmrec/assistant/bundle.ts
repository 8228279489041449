// Picks one item per need so the basket stays within the budget: start from the best item of every need, then swap
// to cheaper alternatives by the least score lost per unit of money saved (the greedy heuristic for the
// multiple-choice knapsack, Sinha & Zoltners 1979), where leaving out an optional need is one more, costly, move;
// what the swaps left unspent then buys back quality, best gain per unit of cost first.

/** Score lost by leaving an optional need out, on top of its item's score. */
const dropPenalty = 0.5;

export interface BundleSlot {
  /** Ranked alternatives, best first. */
  alternatives: ReadonlyArray<{ id: string; price: number; score: number }>;
  quantity: number;
  required: boolean;
  /** Index into `alternatives` to start from (a pinned item); 0 by default. */
  start?: number;
}

export interface BundleChoice {
  /** Chosen alternative per slot, or -1 when the slot was dropped to meet the budget. */
  chosen: number[];
  total: number;
  withinBudget: boolean;
}

export function chooseBundle(slots: readonly BundleSlot[], budget: number | null): BundleChoice {
  const chosen = slots.map((slot) =>
    slot.alternatives.length ? Math.min(slot.start ?? 0, slot.alternatives.length - 1) : -1,
  );
  const cost = (slot: number, choice: number) =>
    choice < 0 ? 0 : slots[slot].alternatives[choice].price * slots[slot].quantity;
  const total = () => chosen.reduce((sum, choice, slot) => sum + cost(slot, choice), 0);
  if (budget === null) return { chosen, total: total(), withinBudget: true };
  while (total() > budget) {
    let best: { slot: number; choice: number; ratio: number } | null = null;
    chosen.forEach((current, slot) => {
      if (current < 0) return;
      const alternatives = slots[slot].alternatives;
      for (let choice = 0; choice < alternatives.length; choice++) {
        const saved = cost(slot, current) - cost(slot, choice);
        if (saved <= 0) continue;
        const ratio = (alternatives[current].score - alternatives[choice].score) / saved;
        if (!best || ratio < best.ratio) best = { slot, choice, ratio };
      }
      // Leaving out an optional need loses its whole value and then some: it is the last resort per unit saved.
      if (!slots[slot].required) {
        const ratio = (alternatives[current].score + dropPenalty) / cost(slot, current);
        if (!best || ratio < best.ratio) best = { slot, choice: -1, ratio };
      }
    });
    if (!best) break;
    const { slot, choice } = best as { slot: number; choice: number };
    chosen[slot] = choice;
  }
  upgrade(slots, chosen, budget - total());
  const spent = total();
  return { chosen, total: spent, withinBudget: spent <= budget };
}

/** Spends what is left: better alternatives (or optional needs dropped before) by score gained per unit of cost. */
function upgrade(slots: readonly BundleSlot[], chosen: number[], slack: number): void {
  const price = (slot: number, choice: number) =>
    choice < 0 ? 0 : slots[slot].alternatives[choice].price * slots[slot].quantity;
  const score = (slot: number, choice: number) => (choice < 0 ? -dropPenalty : slots[slot].alternatives[choice].score);
  for (;;) {
    let best: { slot: number; choice: number; gain: number; extra: number } | null = null;
    chosen.forEach((current, slot) => {
      slots[slot].alternatives.forEach((_alternative, choice) => {
        const extra = price(slot, choice) - price(slot, current);
        const gain = score(slot, choice) - score(slot, current);
        if (gain <= 0 || extra > slack) return;
        const rate = gain / Math.max(extra, 1e-9);
        if (!best || rate > best.gain / Math.max(best.extra, 1e-9)) best = { slot, choice, gain, extra };
      });
    });
    if (!best) return;
    const { slot, choice, extra } = best as { slot: number; choice: number; extra: number };
    chosen[slot] = choice;
    slack -= extra;
  }
}
