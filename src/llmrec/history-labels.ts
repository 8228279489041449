// A user's history items under short labels (H1, H2, …) for prompts, and the way back: a label or a real history
// id maps to the id, anything else to nothing. What a model cites is grounded through this map.

import type { Item } from '../core/types.ts';
import { itemBrief } from './item-brief.ts';

export interface LabelledHistory {
  /** Prompt lines, `H1. <brief>`, newest first. */
  lines: string[];
  /** Label → item id. */
  ids: Map<string, string>;
  /** The history's item ids. */
  known: Set<string>;
}

export function labelHistory(items: readonly Item[], options: { descriptionChars?: number } = {}): LabelledHistory {
  const ids = new Map<string, string>();
  const lines = items.map((item, index) => {
    const label = `H${index + 1}`;
    ids.set(label, item.id);
    return `${label}. ${itemBrief(item, { descriptionChars: options.descriptionChars ?? 0 })}`;
  });
  return { lines, ids, known: new Set(items.map((item) => item.id)) };
}

/** The history ids a model cited (labels or real ids), once each; anything else is dropped. */
export function groundCitations(cited: readonly unknown[], history: LabelledHistory): string[] {
  const out = new Set<string>();
  for (const entry of cited) {
    if (typeof entry !== 'string') continue;
    const key = entry.trim();
    const id = history.ids.get(key.toUpperCase()) ?? (history.known.has(key) ? key : undefined);
    if (id) out.add(id);
  }
  return [...out];
}
