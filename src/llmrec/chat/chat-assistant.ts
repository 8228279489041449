// The conversational recommender and shopping assistant behind one streaming call. A turn: speech to text when it
// comes as audio; the guards (prompt extraction, writes and other tools, ids outside the catalog); reactions into
// memory and feedback; then a plan (plan-first) or a chat answer, by the LLM when one is configured and in basic
// mode otherwise; item cards, the plan, and speech when asked; the session and profile are saved.

import { InvalidInputError } from '../../core/errors.ts';
import { Mutex } from '../../core/mutex.ts';
import type {
  SpeechRequest,
  SpeechResult,
  TranscriptionRequest,
  TranscriptionResult,
} from '../../llm/capabilities/speech.ts';
import type { LanguageCapabilities } from '../../llm/spec.ts';
import type { KeyValueRepository } from '../../store/store.ts';
import { matchIntent } from '../assistant/basic-planner.ts';
import { type IntentDefinition, loadIntentMap } from '../assistant/intent-map.ts';
import { planRevision, planTurn } from '../assistant/plan-turn.ts';
import { basicChatTurn } from './basic/basic-chat.ts';
import { CandidateBuffer } from './candidate-buffer.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { EventChannel } from './event-channel.ts';
import { toCard } from './item-view.ts';
import { llmChatTurn } from './llm/llm-chat.ts';
import { type PreferenceProfile, ProfileStore } from './memory/profile.ts';
import { collectReactions, type FeedbackSink } from './memory/reactions.ts';
import { addTurn, type ChatSession, newSession, SessionStore } from './memory/session-store.ts';
import { describeSession, foldIntoSummary } from './memory/summary.ts';
import { type ParsedMessage, parseMessage } from './parse/parse-message.ts';
import { refusalText, screenMessage, unknownIdRequests } from './safety.ts';
import { defaultExchangeRates } from './search-state.ts';
import type { ShopEngine } from './shop-port.ts';
import { readOnlyTools, Toolbox } from './tools/toolbox.ts';
import type { TurnContext, TurnOutcome } from './turn-context.ts';
import type { ChatEvent, ChatMode, ChatTurnRequest, ChatTurnResult, Language, PlanView, TurnKind } from './types.ts';

/** Speech in and out; the LLM gateway has this shape (local engines stand in when no model is configured). */
export interface VoicePort {
  transcribe(request: TranscriptionRequest): Promise<TranscriptionResult>;
  speak(request: SpeechRequest): Promise<SpeechResult>;
}

export interface ChatAssistantOptions {
  engine: ShopEngine;
  /** The catalog index (the Store engine's own); built from `engine.catalog.scan()` when absent. */
  index: CatalogIndex;
  /** Sessions and profiles (the Store's kv). */
  kv: KeyValueRepository;
  /** Where like/dislike events go (the Store's feedback); none: reactions stay in the profile. */
  feedback?: FeedbackSink | null;
  /** The language model; with none configured (or mode basic) every turn runs in basic mode. */
  llm?: LanguageCapabilities | null;
  voice?: VoicePort | null;
  /** The intent map; the store's (kv `assistant` over `demo`) when absent. */
  intents?: readonly IntentDefinition[];
  /** auto (default): LLM when configured; basic: never call the LLM. */
  mode?: 'auto' | 'basic';
  /** Item cards per chat answer (default 5). */
  limit?: number;
  exchangeRates?: Record<string, number>;
}

const maxMessageLength = 4000;

export class ChatAssistant {
  readonly #options: ChatAssistantOptions;
  readonly #sessions: SessionStore;
  readonly #profiles: ProfileStore;
  #intents: Promise<readonly IntentDefinition[]> | null = null;
  readonly #locks = new Map<string, { mutex: Mutex; users: number }>();

  constructor(options: ChatAssistantOptions) {
    this.#options = options;
    this.#sessions = new SessionStore(options.kv);
    this.#profiles = new ProfileStore(options.kv);
  }

  /** basic when no model is configured or basic mode is forced. */
  get mode(): ChatMode {
    const llm = this.#options.llm;
    return this.#options.mode !== 'basic' && llm?.configured('chat') ? 'llm' : 'basic';
  }

  /** One turn as a stream of events, ending with `done` (or `error`). */
  turn(request: ChatTurnRequest): AsyncIterable<ChatEvent> {
    const channel = new EventChannel<ChatEvent>();
    this.#serialised(request, (event) => channel.push(event)).then(
      (result) => {
        channel.push({ type: 'done', result });
        channel.close();
      },
      (error) => channel.fail(error),
    );
    return channel;
  }

  /** One turn, collected: the final result. */
  async run(request: ChatTurnRequest, onEvent?: (event: ChatEvent) => void): Promise<ChatTurnResult> {
    return this.#serialised(request, onEvent ?? (() => {}));
  }

  /** A session as stored (turns, plan, state), or null. */
  session(id: string): Promise<ChatSession | null> {
    return this.#sessions.load(id);
  }

  profile(userId: string): Promise<PreferenceProfile> {
    return this.#profiles.load(userId);
  }

  /** Turns of one session run one at a time in this process, so none overwrites another's session. */
  async #serialised(request: ChatTurnRequest, emit: (event: ChatEvent) => void): Promise<ChatTurnResult> {
    const key = request.sessionId;
    if (!key) return this.#run(request, emit);
    let lock = this.#locks.get(key);
    if (!lock) this.#locks.set(key, (lock = { mutex: new Mutex(), users: 0 }));
    lock.users++;
    try {
      return await lock.mutex.run(() => this.#run(request, emit));
    } finally {
      if (--lock.users === 0) this.#locks.delete(key);
    }
  }

  async #run(request: ChatTurnRequest, emit: (event: ChatEvent) => void): Promise<ChatTurnResult> {
    const { index } = this.#options;
    let message = request.message?.trim() ?? '';
    let transcript: string | null = null;
    if (request.audio) {
      if (!this.#options.voice)
        throw new InvalidInputError('speech input needs a transcription model or pocketsphinx', {
          context: { field: 'audio' },
        });
      transcript = (
        await this.#options.voice.transcribe({
          audio: request.audio.data,
          filename: request.audio.filename,
          language: request.language,
        })
      ).text.trim();
      emit({ type: 'transcript', text: transcript });
      message = [message, transcript].filter(Boolean).join(' ');
    }
    if (!message)
      throw new InvalidInputError('a chat turn needs a message (or audio)', { context: { field: 'message' } });
    if (message.length > maxMessageLength)
      throw new InvalidInputError(`the message is ${message.length} characters; at most ${maxMessageLength}`, {
        context: { field: 'message' },
      });
    const userId = request.userId ?? null;
    const stored = request.sessionId ? await this.#sessions.load(request.sessionId) : null;
    // A session belongs to its user: another caller (or an anonymous one) with its id starts a session of their own.
    const owned = stored && stored.userId === userId ? stored : null;
    const language: Language = request.language ?? messageLanguage(message) ?? owned?.language ?? 'en';
    const session = owned ?? newSession({ id: stored ? undefined : request.sessionId, userId, language });
    session.language = language;
    const profile = userId ? await this.#profiles.load(userId) : null;
    const mode = this.mode;
    const parsed = parseMessage(message, index);
    const screened = screenMessage(message, readOnlyTools);
    const unknown = screened ? [] : unknownIdRequests(message, (id) => index.has(id));
    const buffer = new CandidateBuffer(session.candidates);
    const toolbox = new Toolbox({ engine: this.#options.engine, index, buffer, userId, profile, emit });
    const context: TurnContext = {
      engine: this.#options.engine,
      index,
      session,
      profile,
      parsed,
      language,
      limit: request.limit ?? this.#options.limit ?? 5,
      toolbox,
      emit,
      signal: request.signal,
    };
    const budget = this.#budget(parsed);
    const intents = await this.#loadIntents();
    const kind = this.#kind(request, context, budget, intents);
    emit({ type: 'start', sessionId: session.id, mode, kind });
    let outcome: TurnOutcome & { plan?: PlanView };
    if (screened || unknown.length) {
      const text = refusalText(screened ?? 'unknown-id', language, unknown);
      outcome = { reply: text, items: [], question: null, refused: true };
    } else {
      const reactions = collectReactions({
        parsed,
        shown: session.shown.map((id) => index.get(id)!).filter(Boolean),
        index,
        profile,
        userId,
        sessionId: session.id,
      });
      if (reactions.events.length && this.#options.feedback) await this.#options.feedback.add(reactions.events);
      const llm = mode === 'llm' ? (this.#options.llm ?? null) : null;
      const planned = kind === 'plan' ? await planTurn(context, { llm, intents, budget }) : null;
      outcome = planned ?? (await this.#chat(context, llm, mode));
    }
    if (!outcome.streamed)
      for (const chunk of outcome.reply.match(/[^\n]*\n|[^\n]+/g) ?? []) emit({ type: 'token', text: chunk });
    const cards = outcome.items.flatMap(({ id, reason }) => {
      const item = index.get(id);
      return item ? [toCard(item, { index, reason, language })] : [];
    });
    if (!outcome.plan) for (const card of cards) emit({ type: 'item', card });
    const result: ChatTurnResult = {
      sessionId: session.id,
      reply: outcome.reply,
      items: outcome.plan ? outcome.plan.items : cards,
      mode,
      kind: outcome.plan ? 'plan' : 'chat',
      question: outcome.question,
      plan: outcome.plan ?? null,
      transcript,
      refused: outcome.refused,
    };
    await this.#remember(session, profile, {
      message,
      result,
      buffer,
      llm: mode === 'llm' ? (this.#options.llm ?? null) : null,
    });
    if (request.speak && this.#options.voice) {
      const settings = typeof request.speak === 'object' ? request.speak : {};
      const speech = await this.#options.voice.speak({
        text: result.reply,
        format: settings.format,
        voice: settings.voice,
      });
      emit({
        type: 'audio',
        mediaType: speech.mediaType,
        format: speech.format,
        data: Buffer.from(speech.audio).toString('base64'),
      });
    }
    return result;
  }

  async #chat(context: TurnContext, llm: LanguageCapabilities | null, mode: ChatMode): Promise<TurnOutcome> {
    if (mode === 'llm' && llm) {
      try {
        return await llmChatTurn(context, { llm });
      } catch (error) {
        if (context.signal?.aborted) throw error;
        const outcome = await basicChatTurn(context);
        const note =
          context.language === 'zh'
            ? '（大模型暂不可用，以下为基础模式结果）'
            : '(The LLM is unavailable right now; this is a basic-mode answer.)';
        return { ...outcome, reply: `${note}\n${outcome.reply}` };
      }
    }
    return basicChatTurn(context);
  }

  /** plan when asked, when the message revises the session's plan, or when it names an activity and no single kind of item. */
  #kind(
    request: ChatTurnRequest,
    context: TurnContext,
    budget: number | null,
    intents: readonly IntentDefinition[],
  ): TurnKind {
    if (request.kind && request.kind !== 'auto') return request.kind;
    const { parsed, session } = context;
    if (session.plan && planRevision(context, budget)) return 'plan';
    if (parsed.signals.plan && (parsed.categories.length !== 1 || parsed.days !== undefined)) return 'plan';
    return parsed.categories.length === 0 && matchIntent(parsed.text, intents) ? 'plan' : 'chat';
  }

  #loadIntents(): Promise<readonly IntentDefinition[]> {
    this.#intents ??= this.#options.intents ? Promise.resolve(this.#options.intents) : loadIntentMap(this.#options.kv);
    this.#intents.catch(() => {
      this.#intents = null;
    });
    return this.#intents;
  }

  #budget(parsed: ParsedMessage): number | null {
    const value = parsed.price.budget ?? null;
    if (value === null) return null;
    const rates = this.#options.exchangeRates ?? defaultExchangeRates;
    const from = parsed.price.currency;
    const to = this.#options.index.currency;
    return from && to && from !== to && rates[from] && rates[to]
      ? Math.round((value * rates[from]) / rates[to])
      : value;
  }

  async #remember(
    session: ChatSession,
    profile: PreferenceProfile | null,
    turn: { message: string; result: ChatTurnResult; buffer: CandidateBuffer; llm: LanguageCapabilities | null },
  ): Promise<void> {
    const folded = [
      ...addTurn(session, { role: 'user', text: turn.message }),
      ...addTurn(session, {
        role: 'assistant',
        text: turn.result.reply,
        items: turn.result.items.map((card) => card.id),
      }),
    ];
    if (!turn.result.refused) {
      session.shown = turn.result.items.map((card) => card.id);
      session.candidates = [...turn.buffer.entries()];
      session.question = turn.result.question;
    }
    await foldIntoSummary(session, folded, { llm: turn.llm, index: this.#options.index });
    await this.#sessions.save(session);
    if (profile) {
      profile.summary = session.summary || describeSession(session, this.#options.index);
      await this.#profiles.save(profile);
    }
  }
}

/** zh for Chinese text, en for Latin text, null when the message does not tell (numbers, ids). */
function messageLanguage(message: string): Language | null {
  if (/\p{Script=Han}/u.test(message)) return 'zh';
  return /\p{Script=Latin}{2,}/u.test(message) ? 'en' : null;
}
