// What one turn's responder works with (the engine, the catalog index, the session, the profile, the parsed
// message, the toolbox and the event sink) and what it hands back (text, items with reasons, a question).

import type { Item } from '../../core/types.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { PreferenceProfile } from './memory/profile.ts';
import type { ChatSession } from './memory/session-store.ts';
import type { ParsedMessage } from './parse/parse-message.ts';
import type { ShopEngine } from './shop-port.ts';
import type { Toolbox } from './tools/toolbox.ts';
import type { AssistantQuestion, ChatEvent, Language } from './types.ts';

export interface TurnContext {
  engine: ShopEngine;
  index: CatalogIndex;
  session: ChatSession;
  profile: PreferenceProfile | null;
  parsed: ParsedMessage;
  language: Language;
  /** Item cards per answer. */
  limit: number;
  toolbox: Toolbox;
  emit: (event: ChatEvent) => void;
  signal?: AbortSignal;
}

export interface TurnOutcome {
  reply: string;
  /** Items to show, in order, with the reason for each. */
  items: Array<{ id: string; reason: string }>;
  question: AssistantQuestion | null;
  refused: boolean;
  /** True when the reply was already sent as token events. */
  streamed?: boolean;
}

/** The items shown in the last answer, in order. */
export function shownItems(context: Pick<TurnContext, 'session' | 'index'>): Item[] {
  return context.session.shown.map((id) => context.index.get(id)).filter((item): item is Item => item !== undefined);
}
