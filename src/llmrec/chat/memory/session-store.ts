// Conversations, persisted in kv namespace `chat-sessions` (30 days after the last turn): recent turns, the rolling
// dialogue summary, the search state, the candidate buffer, what was shown last, the open question and the plan.

import { randomUUID } from 'node:crypto';
import type { KeyValueRepository } from '../../../store/store.ts';
import type { ShoppingPlan } from '../../assistant/plan.ts';
import type { Candidate } from '../candidate-buffer.ts';
import { emptySearchState, type SearchState } from '../search-state.ts';
import type { AssistantQuestion, Language } from '../types.ts';

export interface TurnRecord {
  role: 'user' | 'assistant';
  text: string;
  /** Items shown with an assistant turn. */
  items?: string[];
  at: number;
}

export interface ChatSession {
  id: string;
  userId: string | null;
  language: Language;
  createdAt: number;
  updatedAt: number;
  /** The latest turns, oldest first (older ones live on in `summary`). */
  turns: TurnRecord[];
  summary: string;
  state: SearchState;
  candidates: Candidate[];
  /** Ids shown in the last answer, in order ("the second one"). */
  shown: string[];
  question: AssistantQuestion | null;
  /** Attributes asked about so far (not asked twice). */
  asked: string[];
  plan: ShoppingPlan | null;
  /** Turns taken, including those folded into the summary. */
  turnCount: number;
}

export const sessionNamespace = 'chat-sessions';
const ttlMs = 30 * 24 * 3600 * 1000;
export const keptTurns = 12;

export function newSession(options: { id?: string; userId: string | null; language: Language }): ChatSession {
  const now = Date.now();
  return {
    id: options.id ?? randomUUID(),
    userId: options.userId,
    language: options.language,
    createdAt: now,
    updatedAt: now,
    turns: [],
    summary: '',
    state: emptySearchState(),
    candidates: [],
    shown: [],
    question: null,
    asked: [],
    plan: null,
    turnCount: 0,
  };
}

export class SessionStore {
  readonly #kv: KeyValueRepository;

  constructor(kv: KeyValueRepository) {
    this.#kv = kv;
  }

  async load(id: string): Promise<ChatSession | null> {
    return this.#kv.get<ChatSession>(sessionNamespace, id);
  }

  async save(session: ChatSession): Promise<void> {
    session.updatedAt = Date.now();
    session.candidates = session.candidates.slice(0, 60);
    await this.#kv.set(sessionNamespace, session.id, session, { ttlMs });
  }
}

/**
 * Appends a turn. When the window overflows, the older half leaves it and is returned for the caller to fold into
 * the summary: folding in batches costs one summary call every few turns, not one per turn.
 */
export function addTurn(session: ChatSession, turn: Omit<TurnRecord, 'at'>): TurnRecord[] {
  session.turns.push({ ...turn, at: Date.now() });
  if (turn.role === 'user') session.turnCount++;
  return session.turns.length > keptTurns ? session.turns.splice(0, session.turns.length - keptTurns / 2) : [];
}
