// Stage 5, explain: every item gets reasons [{kind, text, evidence}] from the sources that recalled it (strongest
// first), its boosts, and exploration; texts in the request's language. Every item has at least one reason.
// LLM-written reasons (grounded in the user's history, precomputed offline) come first when the store has them.

import type { Catalog } from '../catalog.ts';
import type { WrittenReason } from '../reasons-cache.ts';
import type { Candidate, Language, Reason } from '../types.ts';
import type { UserHistory } from '../user-history.ts';
import { reasonText, verbFor } from './messages.ts';
import { contribution } from './rank.ts';

export function explain(options: {
  candidate: Candidate;
  catalog: Catalog;
  history: UserHistory;
  lang: Language;
  maxReasons: number;
  rrfK: number;
  /** LLM-written, grounded reasons for this user and item (precomputed); they come first, templates fill up. */
  written?: readonly WrittenReason[];
}): Reason[] {
  const { candidate, catalog, history, lang } = options;
  const entry = catalog.get(candidate.id);
  const category = catalog.category(candidate.id, lang);
  const reasons: Reason[] = [];
  const add = (reason: Reason) => {
    if (reasons.length < options.maxReasons && !reasons.some((known) => known.kind === reason.kind))
      reasons.push(reason);
  };
  for (const reason of options.written ?? []) {
    const text = reason.text[lang];
    if (text) add({ kind: 'personalised', text, evidence: reason.evidence.slice(0, 3) });
  }
  if (candidate.explored) add({ kind: 'exploration', text: reasonText('exploration', lang, {}), evidence: [] });
  if (candidate.boosts.includes('pinned')) add({ kind: 'pinned', text: reasonText('pinned', lang, {}), evidence: [] });
  const sources = [...candidate.sources].sort((a, b) => contribution(b, options.rrfK) - contribution(a, options.rrfK));
  for (const source of sources) {
    const evidence = (candidate.evidence.get(source.source) ?? []).filter((id) => catalog.has(id)).slice(0, 3);
    const first = evidence[0];
    const values: Record<string, string> = { category, source: source.source };
    if (first) {
      values.title = catalog.title(first, lang);
      values.verb = verbFor(history.events.find((event) => event.itemId === first)?.type, lang);
    }
    // Evidence-based kinds need their evidence; without it the item still has its other reasons.
    if (['because', 'bought-together', 'similar'].includes(source.reason) && !first) continue;
    add({ kind: source.reason, text: reasonText(source.reason, lang, values), evidence });
  }
  // "Picked for you" says least; it goes when a reason with evidence already says more.
  const specific = reasons.some((reason) => reason.kind !== 'personal' && reason.evidence.length > 0);
  if (specific) {
    const index = reasons.findIndex((reason) => reason.kind === 'personal');
    if (index >= 0) reasons.splice(index, 1);
  }
  if (candidate.boosts.includes('brand') && entry?.brand) {
    const evidence = history
      .positives(50)
      .filter((event) => catalog.get(event.itemId)?.brand === entry.brand)
      .slice(0, 3)
      .map((event) => event.itemId);
    add({ kind: 'brand', text: reasonText('brand', lang, { brand: catalog.brand(candidate.id, lang) }), evidence });
  }
  if (candidate.boosts.includes('seasonal'))
    add({ kind: 'seasonal', text: reasonText('seasonal', lang, {}), evidence: [] });
  if (candidate.boosts.includes('new')) add({ kind: 'new', text: reasonText('new', lang, { category }), evidence: [] });
  if (reasons.length === 0) add({ kind: 'personal', text: reasonText('personal', lang, {}), evidence: [] });
  return reasons;
}
