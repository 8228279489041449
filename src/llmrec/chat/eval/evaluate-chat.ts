// Evaluates a chat assistant with simulated shoppers on the demo store's ground truth: each sampled user wants an
// item drawn from the oracle's attractiveness (the items they would most likely click), converses for at most
// `maxTurns` turns, and succeeds when the target is among the items shown. Reports hit rate within the turns and
// the average number of turns (RecAI's conversational evaluation, Lian et al. 2024).

import { createRandom } from '../../../core/random.ts';
import type { Item } from '../../../core/types.ts';
import type { DemoSimulator } from '../../../data/demo/simulator.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import type { ChatAssistant } from '../chat-assistant.ts';
import type { ChatMode, Language } from '../types.ts';
import { SimulatedShopper } from './simulated-shopper.ts';

export interface ChatEvaluationOptions {
  assistant: ChatAssistant;
  simulator: DemoSimulator;
  index: CatalogIndex;
  /** Simulated shoppers (default 100). */
  users?: number;
  /** Turns allowed to find the target (default 5). */
  maxTurns?: number;
  /** Items shown per answer (default 5). */
  limit?: number;
  seed?: number;
  /** Converse without the user id: no history, no memory (the target still comes from the user's truth). */
  anonymous?: boolean;
  /** Called after each shopper's conversation. */
  onConversation?: (conversation: ConversationRecord) => void;
}

export interface ConversationRecord {
  userId: string;
  language: Language;
  target: string;
  /** User turns taken; the turn that showed the target when `hit`. */
  turns: number;
  hit: boolean;
  messages: string[];
  millisecondsPerTurn: number[];
}

export interface ChatEvaluation {
  mode: ChatMode;
  anonymous: boolean;
  users: number;
  maxTurns: number;
  limit: number;
  /** Share of shoppers whose target was shown within `maxTurns`. */
  hitRate: number;
  /** Mean turns to the target over successful conversations. */
  averageTurns: number;
  /** Mean turns with failures counted as `maxTurns`. */
  averageTurnsAll: number;
  /** Successful conversations by the turn of the hit (index 0 = first turn). */
  hitsByTurn: number[];
  medianMillisecondsPerTurn: number;
  conversations: ConversationRecord[];
}

export async function evaluateChat(options: ChatEvaluationOptions): Promise<ChatEvaluation> {
  const { assistant, simulator, index } = options;
  const users = options.users ?? 100;
  const maxTurns = options.maxTurns ?? 5;
  const limit = options.limit ?? 5;
  const random = createRandom(options.seed ?? 42);
  const candidates = simulator.userIds();
  const time = simulator.endTime + 3_600_000;
  const available = [...index.items()].filter((item) => item.available && typeof item.price === 'number');
  const conversations: ConversationRecord[] = [];
  const hitsByTurn = new Array<number>(maxTurns).fill(0);
  const timings: number[] = [];
  for (let k = 0; k < users; k++) {
    const userId = candidates[random.int(candidates.length)];
    const target = drawTarget({ simulator, userId, time, available, random });
    const user = simulator.world.users[simulator.world.userIndex.get(userId)!];
    const language: Language = user.attributes.language === 'zh' ? 'zh' : 'en';
    const shopper = new SimulatedShopper({ target, language, index });
    const record: ConversationRecord = {
      userId,
      language,
      target: target.id,
      turns: 0,
      hit: false,
      messages: [],
      millisecondsPerTurn: [],
    };
    let sessionId: string | undefined;
    let message = shopper.opening();
    for (let turn = 1; turn <= maxTurns; turn++) {
      record.messages.push(message);
      const started = performance.now();
      const result = await assistant.run({
        message,
        sessionId,
        userId: options.anonymous ? null : userId,
        limit,
        kind: 'chat',
      });
      const elapsed = performance.now() - started;
      record.millisecondsPerTurn.push(elapsed);
      timings.push(elapsed);
      sessionId = result.sessionId;
      record.turns = turn;
      if (result.items.some((card) => card.id === target.id)) {
        record.hit = true;
        hitsByTurn[turn - 1]++;
        break;
      }
      message = shopper.respond(result.question);
    }
    conversations.push(record);
    options.onConversation?.(record);
  }
  const hits = conversations.filter((record) => record.hit);
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  const sorted = [...timings].sort((a, b) => a - b);
  return {
    mode: assistant.mode,
    anonymous: options.anonymous ?? false,
    users,
    maxTurns,
    limit,
    hitRate: hits.length / Math.max(1, users),
    averageTurns: mean(hits.map((record) => record.turns)),
    averageTurnsAll: mean(conversations.map((record) => (record.hit ? record.turns : maxTurns))),
    hitsByTurn,
    medianMillisecondsPerTurn: sorted[Math.floor(sorted.length / 2)] ?? 0,
    conversations,
  };
}

/** A target the user would want: drawn in proportion to the oracle's attractiveness among their 30 most attractive items. */
function drawTarget(options: {
  simulator: DemoSimulator;
  userId: string;
  time: number;
  available: readonly Item[];
  random: ReturnType<typeof createRandom>;
}): Item {
  const scored = options.available
    .map((item) => ({
      item,
      weight: options.simulator.attractiveness({ userId: options.userId, itemId: item.id, time: options.time }),
    }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 30);
  const total = scored.reduce((sum, entry) => sum + entry.weight, 0);
  let draw = options.random.next() * total;
  for (const entry of scored) {
    draw -= entry.weight;
    if (draw <= 0) return entry.item;
  }
  return scored[0].item;
}
