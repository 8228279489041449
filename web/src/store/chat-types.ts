// The chat routes' shapes (POST /api/chat and /api/assistant/plan): the server's own types, imported as types only
// (nothing of the server enters the bundle), so the storefront cannot drift from what the routes send.

import type { ChatEvent } from '../../../src/llmrec/chat/types.ts';

export type { ChatEvent, ChatTurnResult, ChecklistEntry, ItemCard, PlanView } from '../../../src/llmrec/chat/types.ts';

/** A tool step as the panel lists it: the `tool` event without its type tag. */
export type ToolEvent = Omit<Extract<ChatEvent, { type: 'tool' }>, 'type'>;
