// The shapes of a chat turn: what a client sends, the events it streams back (tokens, tool calls, item cards, a
// plan, progress, done), and the final result. The server's SSE route and the CLI print these as they come.

/** An item as a client shows it. Every card is a real catalog item. */
export interface ItemCard {
  id: string;
  title: string;
  /** Leaf category name, e.g. `Tents`. */
  category: string;
  /** Category key, e.g. `tents`. */
  categoryKey: string;
  price: number | null;
  currency: string | null;
  /** Image URL when the catalog has one (`attributes.image` or `text.image`). */
  image: string | null;
  /** Why this item is shown, in the conversation's language. */
  reason: string;
  rating: number | null;
  available: boolean;
  /** How many to buy (plans). */
  quantity?: number;
}

export type ChatMode = 'llm' | 'basic';
export type TurnKind = 'chat' | 'plan';
export type Language = 'en' | 'zh';

/** A question the assistant asks to narrow the candidates; `attribute` is what it asks about (price, brand, …). */
export interface AssistantQuestion {
  attribute: string;
  text: string;
}

export interface ChecklistEntry {
  needId: string;
  label: string;
  status: 'chosen' | 'owned' | 'skipped' | 'unavailable' | 'over-budget';
  itemId: string | null;
  quantity: number;
  /** Price × quantity of the chosen item. */
  subtotal: number;
}

/** The shopping plan as clients show it: a checklist with items and the total. */
export interface PlanView {
  title: string;
  intent: string | null;
  days: number | null;
  people: number | null;
  budget: number | null;
  currency: string | null;
  total: number;
  withinBudget: boolean;
  checklist: ChecklistEntry[];
  items: ItemCard[];
  notes: string[];
}

export type ChatEvent =
  | { type: 'start'; sessionId: string; mode: ChatMode; kind: TurnKind }
  | { type: 'transcript'; text: string }
  | { type: 'progress'; stage: string; message: string }
  | {
      type: 'tool';
      name: string;
      input: unknown;
      status: 'done' | 'refused' | 'error';
      /** Candidates in the shared buffer after the call. */
      candidates?: number;
      message?: string;
    }
  | { type: 'token'; text: string }
  | { type: 'item'; card: ItemCard }
  | { type: 'plan'; plan: PlanView }
  | { type: 'audio'; mediaType: string; format: string; data: string }
  | { type: 'done'; result: ChatTurnResult }
  | { type: 'error'; message: string };

export interface ChatTurnRequest {
  /** The person's message (or leave empty and send `audio`). */
  message?: string;
  /** Continue this conversation; a new one starts when absent or unknown. */
  sessionId?: string;
  /** Whose memory and recommendations to use; anonymous when absent. */
  userId?: string | null;
  /** auto (default): a plan when the message asks for one or names an activity; chat; plan. */
  kind?: 'auto' | TurnKind;
  /** Reply language; from the message when absent. */
  language?: Language;
  /** Speech to transcribe (speech to text) instead of `message`. */
  audio?: { data: Uint8Array; filename?: string };
  /** Answer with speech too (text to speech). */
  speak?: boolean | { format?: 'mp3' | 'wav' | 'opus' | 'aac' | 'flac'; voice?: string };
  /** Item cards per chat answer (default 5). */
  limit?: number;
  signal?: AbortSignal;
}

export interface ChatTurnResult {
  sessionId: string;
  reply: string;
  items: ItemCard[];
  mode: ChatMode;
  kind: TurnKind;
  /** The question asked to narrow the search, if any. */
  question: AssistantQuestion | null;
  plan: PlanView | null;
  /** What speech to text heard, when the turn came as audio. */
  transcript: string | null;
  /** True when the turn was refused (a prompt-injection attempt, a non-catalog id, a write request). */
  refused: boolean;
}
