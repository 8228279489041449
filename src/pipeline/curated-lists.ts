// Curated lists (`lmrec curate "<theme>"`): a theme's items with reasons, kept in the store's kv and served as a
// recall source only between the list's dates. Written by src/llmrec/curate.ts, read by sources/curated-source.ts.

import { InvalidInputError } from '../core/errors.ts';
import type { KeyValueRepository } from '../store/store.ts';

/** The kv namespace of curated lists; the key is the list's name. */
export const curatedNamespace = 'curated-lists';

export interface CuratedIntent {
  /** A shopping intent as a search query, e.g. "4-season tent". */
  query: string;
  /** Why it fits the theme. */
  reason: string;
}

export interface CuratedItem {
  /** A catalog item id (every item came out of a catalog search). */
  id: string;
  /** Higher first; the list's order. */
  score: number;
  /** The intent (query) that found it. */
  intent: string;
  reason: string;
}

export interface CuratedList {
  name: string;
  theme: string;
  /** First active day, `YYYY-MM-DD` (UTC), or null: active from the start. */
  from: string | null;
  /** Last active day, inclusive, or null: no end. */
  to: string | null;
  /** llm: the LLM wrote the intents; fallback: the theme text itself was the only query. */
  mode: 'llm' | 'fallback';
  /** The model that wrote the intents (llm mode). */
  model?: string;
  /** Why the fallback ran (fallback mode). */
  fallbackReason?: string;
  intents: CuratedIntent[];
  items: CuratedItem[];
  createdAt: string;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a `YYYY-MM-DD` day; `field` names the flag or config field in the error. */
export function parseDay(text: string, field: string): string {
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!dayPattern.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new InvalidInputError(`${field}: expected a calendar date YYYY-MM-DD (got ${JSON.stringify(text)})`, {
      context: { field },
    });
  }
  return text;
}

/** True when `now` (ms) lies within the list's days (UTC, both ends inclusive). */
export function isActive(list: Pick<CuratedList, 'from' | 'to'>, now: number): boolean {
  if (list.from && now < Date.parse(`${list.from}T00:00:00Z`)) return false;
  if (list.to && now >= Date.parse(`${list.to}T00:00:00Z`) + 86_400_000) return false;
  return true;
}

/** A list name from a theme: lower-case words joined by '-', e.g. "winter-camping". */
export function listName(theme: string): string {
  const slug = theme
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'curated';
}

export async function readCuratedList(kv: KeyValueRepository, name: string): Promise<CuratedList | null> {
  return kv.get<CuratedList>(curatedNamespace, name);
}

export async function writeCuratedList(kv: KeyValueRepository, list: CuratedList): Promise<void> {
  await kv.set(curatedNamespace, list.name, list);
}
