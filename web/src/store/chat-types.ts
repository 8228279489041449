// The chat routes' shapes (POST /api/chat and /api/assistant/plan; src/llmrec/chat/types.ts on the server).

export interface ItemCard {
  id: string;
  title: string;
  category: string;
  categoryKey: string;
  price: number | null;
  currency: string | null;
  image: string | null;
  reason: string;
  rating: number | null;
  available: boolean;
  quantity?: number;
}

export interface ChecklistEntry {
  needId: string;
  label: string;
  status: 'chosen' | 'owned' | 'skipped' | 'unavailable' | 'over-budget';
  itemId: string | null;
  quantity: number;
  subtotal: number;
}

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

export interface ToolEvent {
  name: string;
  input: unknown;
  status: 'done' | 'refused' | 'error';
  candidates?: number;
  message?: string;
}

export interface ChatTurnResult {
  sessionId: string;
  reply: string;
  items: ItemCard[];
  mode: 'llm' | 'basic';
  kind: 'chat' | 'plan';
  question: { attribute: string; text: string } | null;
  plan: PlanView | null;
  refused: boolean;
}

export type ChatEvent =
  | { type: 'start'; sessionId: string; mode: 'llm' | 'basic'; kind: 'chat' | 'plan' }
  | { type: 'transcript'; text: string }
  | { type: 'progress'; stage: string; message: string }
  | ({ type: 'tool' } & ToolEvent)
  | { type: 'token'; text: string }
  | { type: 'item'; card: ItemCard }
  | { type: 'plan'; plan: PlanView }
  | { type: 'audio'; mediaType: string; format: string; data: string }
  | { type: 'done'; result: ChatTurnResult }
  | { type: 'error'; message: string };
