// A person's preference profile, kept across sessions (kv namespace `chat-profiles`, one JSON per user): likes,
// dislikes (items, brands, categories, attribute values), lasting constraints (party size, price caps per
// category) and the last dialogue summary. Chat reads it to rank; reactions to items also become like/dislike
// feedback events, which is how the profile reaches the user's recommendations everywhere else.

import type { KeyValueRepository } from '../../../store/store.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import type { AttributeScalar } from '../search-state.ts';
import type { ScoredId } from '../shop-port.ts';

export interface Preference {
  kind: 'item' | 'brand' | 'category' | 'value';
  value: AttributeScalar;
  /** For `value`: the attribute (`color`). */
  attribute?: string;
  at: number;
}

export interface PreferenceProfile {
  userId: string;
  likes: Preference[];
  dislikes: Preference[];
  constraints: {
    /** Party size last asked for. */
    people?: number;
    /** Price caps per category key. */
    maxPrice: Record<string, number>;
  };
  /** Summary of the last conversation, fed into the next one. */
  summary: string;
  updatedAt: number;
}

export const profileNamespace = 'chat-profiles';
const maxEntries = 50;

export function emptyProfile(userId: string): PreferenceProfile {
  return { userId, likes: [], dislikes: [], constraints: { maxPrice: {} }, summary: '', updatedAt: 0 };
}

export class ProfileStore {
  readonly #kv: KeyValueRepository;

  constructor(kv: KeyValueRepository) {
    this.#kv = kv;
  }

  async load(userId: string): Promise<PreferenceProfile> {
    const stored = await this.#kv.get<PreferenceProfile>(profileNamespace, userId);
    return stored ? { ...emptyProfile(userId), ...stored } : emptyProfile(userId);
  }

  async save(profile: PreferenceProfile): Promise<void> {
    await this.#kv.set(profileNamespace, profile.userId, { ...profile, updatedAt: Date.now() });
  }
}

/** Adds a like or dislike; the opposite entry for the same thing is removed (a change of mind wins). */
export function remember(
  profile: PreferenceProfile,
  kind: 'likes' | 'dislikes',
  preference: Omit<Preference, 'at'>,
): void {
  const same = (entry: Preference) =>
    entry.kind === preference.kind && entry.value === preference.value && entry.attribute === preference.attribute;
  const other = kind === 'likes' ? 'dislikes' : 'likes';
  profile[other] = profile[other].filter((entry) => !same(entry));
  profile[kind] = [...profile[kind].filter((entry) => !same(entry)), { ...preference, at: Date.now() }].slice(
    -maxEntries,
  );
}

/** True when the profile rules the item out: a disliked item, brand or category. */
export function dislikedByProfile(profile: PreferenceProfile | null, itemId: string, index: CatalogIndex): boolean {
  if (!profile) return false;
  const item = index.get(itemId);
  if (!item) return true;
  return profile.dislikes.some(
    (entry) =>
      (entry.kind === 'item' && entry.value === itemId) ||
      (entry.kind === 'brand' && entry.value === item.attributes.brand) ||
      (entry.kind === 'category' && entry.value === index.categoryKey(itemId)) ||
      (entry.kind === 'value' && entry.attribute !== undefined && item.attributes[entry.attribute] === entry.value),
  );
}

/** A rank bonus for what the profile likes: the same brand, category or attribute value. */
export function profileBoost(profile: PreferenceProfile | null, itemId: string, index: CatalogIndex): number {
  if (!profile) return 0;
  const item = index.get(itemId);
  if (!item) return 0;
  let boost = 0;
  for (const entry of profile.likes) {
    if (entry.kind === 'brand' && entry.value === item.attributes.brand) boost += 0.2;
    else if (entry.kind === 'category' && entry.value === index.categoryKey(itemId)) boost += 0.1;
    else if (entry.kind === 'value' && entry.attribute && item.attributes[entry.attribute] === entry.value)
      boost += 0.1;
  }
  return Math.min(boost, 0.5);
}

/** Hits without what the profile rules out, re-ranked by what it likes. */
export function applyProfile(
  hits: readonly ScoredId[],
  profile: PreferenceProfile | null,
  index: CatalogIndex,
): ScoredId[] {
  if (!profile) return [...hits];
  const top = Math.max(1e-9, ...hits.map((hit) => Math.abs(hit.score)));
  return hits
    .filter((hit) => !dislikedByProfile(profile, hit.id, index))
    .map((hit) => ({ id: hit.id, score: hit.score / top + profileBoost(profile, hit.id, index) }))
    .sort((a, b) => b.score - a.score);
}

/** One line for the model and the UI: "likes: brand Kestrel Peak; dislikes: brand Pinewood; party of 2". */
export function describeProfile(profile: PreferenceProfile | null): string {
  if (!profile) return '';
  const list = (entries: Preference[]) =>
    entries
      .slice(-8)
      .map((entry) => `${entry.kind === 'value' ? entry.attribute : entry.kind} ${entry.value}`)
      .join(', ');
  const parts: string[] = [];
  if (profile.likes.length) parts.push(`likes: ${list(profile.likes)}`);
  if (profile.dislikes.length) parts.push(`dislikes: ${list(profile.dislikes)}`);
  if (profile.constraints.people) parts.push(`party of ${profile.constraints.people}`);
  const caps = Object.entries(profile.constraints.maxPrice);
  if (caps.length) parts.push(`price caps: ${caps.map(([key, value]) => `${key} ≤ ${value}`).join(', ')}`);
  return parts.join('; ');
}
