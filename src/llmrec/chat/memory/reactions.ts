// Reactions in a message turn into memory: "I like the second one" → a `like` event and the item and its brand in
// the profile; "I don't like Pinewood" → the brand among dislikes; "not the Juniper S" → a `dislike` event, which
// the serving pipeline's negative-feedback filter honours at once. Events carry `context.source = 'chat'`.

import type { Item } from '../../../core/types.ts';
import type { FeedbackInput } from '../../../store/store.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import type { ParsedMessage } from '../parse/parse-message.ts';
import { normalizeText } from '../text-match.ts';
import { type PreferenceProfile, remember } from './profile.ts';

/** Where reaction events go: the Store's `feedback` has this shape. */
export interface FeedbackSink {
  add(events: readonly FeedbackInput[]): Promise<unknown>;
}

/** Items of the last answer the message points at: by position, id, or model name. */
export function referencedItems(parsed: ParsedMessage, shown: readonly Item[], index: CatalogIndex): Item[] {
  const out = new Map<string, Item>();
  for (const ordinal of parsed.signals.ordinals) {
    const item = ordinal === -1 ? shown.at(-1) : shown[ordinal - 1];
    if (item) out.set(item.id, item);
  }
  for (const id of parsed.mentionedIds) {
    const item = index.get(id);
    if (item) out.set(id, item);
  }
  const text = normalizeText(parsed.text);
  for (const item of shown) {
    const model = item.attributes.model;
    if (typeof model === 'string' && model.length >= 3 && text.includes(normalizeText(model))) out.set(item.id, item);
  }
  return [...out.values()];
}

export interface ReactionOutcome {
  liked: string[];
  disliked: string[];
  events: FeedbackInput[];
}

/** Updates the profile from the message and returns the feedback events to write (none for anonymous users). */
export function collectReactions(options: {
  parsed: ParsedMessage;
  shown: readonly Item[];
  index: CatalogIndex;
  profile: PreferenceProfile | null;
  userId: string | null;
  sessionId: string;
}): ReactionOutcome {
  const { parsed, profile, index } = options;
  const outcome: ReactionOutcome = { liked: [], disliked: [], events: [] };
  const referenced = referencedItems(parsed, options.shown, index);
  const signals = parsed.signals;
  if (signals.like) outcome.liked.push(...referenced.map((item) => item.id));
  else if (signals.dislike || (signals.reject && referenced.length))
    outcome.disliked.push(...referenced.map((item) => item.id));
  if (profile) {
    for (const id of outcome.liked) {
      remember(profile, 'likes', { kind: 'item', value: id });
      const brand = index.get(id)?.attributes.brand;
      if (typeof brand === 'string') remember(profile, 'likes', { kind: 'brand', value: brand });
    }
    for (const id of outcome.disliked) remember(profile, 'dislikes', { kind: 'item', value: id });
    for (const value of parsed.values) {
      const kind = value.attribute === 'brand' ? 'brand' : 'value';
      const attribute = kind === 'value' ? value.attribute : undefined;
      if (value.negated) remember(profile, 'dislikes', { kind, value: value.value, attribute });
      else if (signals.like || /\b(?:prefer|love|favou?rite)\b|喜欢|偏好/iu.test(parsed.text))
        remember(profile, 'likes', { kind, value: value.value, attribute });
    }
    if (signals.dislike)
      for (const key of parsed.excludedCategories) remember(profile, 'dislikes', { kind: 'category', value: key });
    if (parsed.people) profile.constraints.people = parsed.people;
  }
  if (options.userId) {
    const context = { source: 'chat', sessionId: options.sessionId };
    const at = Date.now();
    for (const id of outcome.liked)
      outcome.events.push({ userId: options.userId, itemId: id, type: 'like', timestamp: at, context });
    for (const id of outcome.disliked)
      outcome.events.push({ userId: options.userId, itemId: id, type: 'dislike', timestamp: at, context });
  }
  return outcome;
}
