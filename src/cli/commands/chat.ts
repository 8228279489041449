// `lmrec chat`: the conversational recommender and shopping assistant in the terminal (streamed answers, item cards
// as a table), one turn as JSON (`--json "<message>"`), item vectors for semantic search (`chat index`), and the
// intent map (`chat intents [--build]`). Basic mode (no LLM) unless a chat model is configured.

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { createLlmGateway, type LlmGateway } from '../../llm/gateway.ts';
import { buildIntentMap } from '../../llmrec/assistant/build-intent-map.ts';
import { loadIntentMap } from '../../llmrec/assistant/intent-map.ts';
import type { ChatAssistant } from '../../llmrec/chat/chat-assistant.ts';
import { createChatAssistant } from '../../llmrec/chat/create-chat-assistant.ts';
import { formatPrice } from '../../llmrec/chat/item-view.ts';
import { trainChatModel } from '../../llmrec/chat/store-engine/chat-model.ts';
import type { ChatEvent, ChatTurnRequest, ChatTurnResult, ItemCard } from '../../llmrec/chat/types.ts';
import type { Store } from '../../store/store.ts';
import { commandProgress, printJson, printTable, withStore } from '../context.ts';

interface ChatFlags {
  /** The message (a string), or true when --json was given without one (subcommands print JSON). */
  json?: string | true;
  user?: string;
  session?: string;
  plan?: boolean;
  basic?: boolean;
  lang?: string;
  limit?: string;
  audio?: string;
  speak?: string;
}

export function registerChat(program: Command): void {
  const chat = program
    .command('chat')
    .description('chat with the shopping assistant (basic mode without an LLM); --json for one turn as JSON')
    // `--json` takes the message for one turn; the subcommands read the same flag as "print JSON" (commander hands a
    // parent's option to the parent even after the subcommand name, so the two cannot have separate --json flags).
    .option('--json [message]', 'answer one message and print {"reply", "items", "mode", …} as JSON')
    .option('--user <id>', 'the shopper: their memory, feedback and recommendations')
    .option('--session <id>', 'continue this conversation')
    .option('--plan', 'plan-first: answer with a shopping plan')
    .option('--basic', 'basic mode even when an LLM is configured')
    .option('--lang <en|zh>', 'answer language (default: the message’s)')
    .option('--limit <n>', 'item cards per answer', '5')
    .option('--audio <file>', 'speech input (transcribed by the configured model or pocketsphinx)')
    .option('--speak <file>', 'also write the answer as speech to this file (.wav for local engines)')
    .action(async (flags: ChatFlags, command: Command) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50)
        throw new InvalidInputError(`--limit must be an integer from 1 to 50 (got ${flags.limit})`, {
          context: { field: '--limit' },
        });
      if (flags.lang && flags.lang !== 'en' && flags.lang !== 'zh')
        throw new InvalidInputError(`--lang must be en or zh (got ${flags.lang})`, { context: { field: '--lang' } });
      await withAssistant(command, { basic: flags.basic, limit }, async (assistant) => {
        const base: ChatTurnRequest = {
          userId: flags.user ?? null,
          sessionId: flags.session,
          kind: flags.plan ? 'plan' : 'auto',
          language: flags.lang as 'en' | 'zh' | undefined,
          speak: flags.speak ? { format: path.extname(flags.speak).slice(1) === 'mp3' ? 'mp3' : 'wav' } : undefined,
        };
        if (flags.json === true)
          throw new InvalidInputError('--json needs the message: lmrec chat --json "tent for 2"', {
            context: { field: '--json' },
          });
        if (flags.json !== undefined || flags.audio) {
          const audio = flags.audio
            ? { data: readFile(flags.audio, '--audio'), filename: path.basename(flags.audio) }
            : undefined;
          const result = await assistant.run({ ...base, message: flags.json ?? '', audio }, (event) =>
            saveSpeech(event, flags.speak),
          );
          if (flags.json !== undefined || !process.stdout.isTTY) printJson(jsonResult(result));
          else printTurn(result);
          return;
        }
        await interactive(assistant, base, flags.speak);
      });
    });
  chat
    .command('index')
    .description(
      'embed the catalog with the configured embedder for semantic search (stored; reused until the catalog changes); --model trains the recommender chat uses',
    )
    .option(
      '--model <spec>',
      'train this model of the registry for recommend_for_user and similar_to (e.g. ease, ials:factors=128)',
    )
    .action(async (flags: { model?: string }, command: Command) => {
      const progress = commandProgress(command);
      await withGatewayStore(command, async (store, gateway) => {
        if (flags.model) await trainChatModel({ store, spec: flags.model, progress });
        const { engine } = await createChatAssistant({ store, gateway, vectors: 'build', progress });
        const model = await engine.modelName();
        process.stdout.write(
          `semantic search uses ${await engine.semanticName()} vectors for ${(await engine.index()).size} items; recommendations from ${model ?? 'popularity and content (no model trained: --model ease)'}\n`,
        );
      });
    });
  chat
    .command('intents')
    .description(
      'show the intent → categories map the assistant plans from (--json for JSON); --build writes one for this catalog',
    )
    .option('--build', 'build or extend the map (with the LLM when configured, else mined from co-purchases)')
    .option('--replace', 'with --build: replace the stored map instead of extending it')
    .action(async (flags: { build?: boolean; replace?: boolean }, command: Command) => {
      const json = command.parent?.opts().json !== undefined;
      await withGatewayStore(command, async (store, gateway) => {
        if (!flags.build) {
          const intents = await loadIntentMap(store.kv);
          if (json) printJson(intents);
          else
            printTable(
              intents.map((intent) => ({
                id: intent.id,
                name: intent.name.en,
                zh: intent.name.zh,
                needs: intent.needs.length,
                keywords: intent.keywords.en.slice(0, 4).join(', '),
              })),
            );
          return;
        }
        const { engine } = await createChatAssistant({ store, gateway: null, vectors: 'off' });
        const result = await buildIntentMap({
          store,
          index: await engine.index(),
          llm: gateway,
          extend: !flags.replace,
        });
        if (json) printJson(result);
        else
          process.stdout.write(
            `${result.intents.length} intents stored (kv assistant/intents) from ${result.source === 'llm' ? 'the LLM' : `co-purchases (${result.fallbackReason})`}; ${result.dropped.length} dropped while grounding\n`,
          );
      });
    });
}

async function withGatewayStore<T>(
  command: Command,
  work: (store: Store, gateway: LlmGateway) => Promise<T>,
): Promise<T> {
  return withStore(command, async (store, config) => {
    const gateway = createLlmGateway({ config: config.llm, store: store.kv });
    try {
      return await work(store, gateway);
    } finally {
      await gateway.close();
    }
  });
}

async function withAssistant(
  command: Command,
  options: { basic?: boolean; limit: number },
  work: (assistant: ChatAssistant) => Promise<void>,
): Promise<void> {
  await withGatewayStore(command, async (store, gateway) => {
    if ((await store.counts()).items === 0)
      throw new InvalidInputError(`${store.location} has no items; import a catalog or run \`lmrec demo init\``, {
        context: { file: store.location },
      });
    const { assistant } = await createChatAssistant({ store, gateway, basic: options.basic, limit: options.limit });
    await work(assistant);
  });
}

function jsonResult(result: ChatTurnResult) {
  return {
    reply: result.reply,
    items: result.items.map((card) => ({ ...card })),
    mode: result.mode,
    kind: result.kind,
    sessionId: result.sessionId,
    question: result.question,
    plan: result.plan,
    transcript: result.transcript,
    refused: result.refused,
  };
}

async function interactive(assistant: ChatAssistant, base: ChatTurnRequest, speak: string | undefined): Promise<void> {
  const terminal = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: Boolean(process.stdin.isTTY),
  });
  let sessionId = base.sessionId;
  process.stdout.write(
    `lmrec shopping assistant (${assistant.mode === 'llm' ? 'LLM' : 'basic mode: no LLM configured'}). Type a message; /new starts over, /quit leaves.\n`,
  );
  const prompt = () => process.stdout.write('> ');
  try {
    prompt();
    // Line by line from the iterator: piped input (several lines at once) is read in order, and end of input ends.
    for await (const raw of terminal) {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit') break;
      if (!line || line === '/new') {
        if (line === '/new') sessionId = undefined;
        prompt();
        continue;
      }
      let cards: ItemCard[] = [];
      let done: ChatTurnResult | null = null;
      for await (const event of assistant.turn({ ...base, sessionId, message: line })) {
        if (event.type === 'token') process.stdout.write(event.text);
        else if (event.type === 'tool')
          process.stderr.write(
            `\x1b[2m[${event.name}${event.status === 'done' ? ` → ${event.candidates}` : `: ${event.status}`}]\x1b[0m\n`,
          );
        else if (event.type === 'progress') process.stderr.write(`\x1b[2m… ${event.message}\x1b[0m\n`);
        else if (event.type === 'item') cards.push(event.card);
        else if (event.type === 'plan') cards = event.plan.items;
        else if (event.type === 'done') done = event.result;
        saveSpeech(event, speak);
      }
      process.stdout.write('\n');
      if (cards.length) printCards(cards);
      if (done) sessionId = done.sessionId;
      prompt();
    }
  } finally {
    terminal.close();
  }
}

function printTurn(result: ChatTurnResult): void {
  process.stdout.write(`${result.reply}\n`);
  if (result.items.length) printCards(result.items);
}

function printCards(cards: readonly ItemCard[]): void {
  printTable(
    cards.map((card, position) => ({
      '#': position + 1,
      id: card.id,
      title: card.title.length > 48 ? `${card.title.slice(0, 47)}…` : card.title,
      category: card.category,
      price: formatPrice(card.price, card.currency),
      qty: card.quantity ?? '',
      reason: card.reason.length > 60 ? `${card.reason.slice(0, 59)}…` : card.reason,
    })),
  );
}

function saveSpeech(event: ChatEvent, file: string | undefined): void {
  if (event.type !== 'audio' || !file) return;
  fs.writeFileSync(file, Buffer.from(event.data, 'base64'));
  process.stderr.write(`speech written to ${file} (${event.format})\n`);
}

function readFile(file: string, flag: string): Uint8Array {
  if (!fs.existsSync(file))
    throw new InvalidInputError(`${flag}: ${file} does not exist`, { context: { file, field: flag } });
  return new Uint8Array(fs.readFileSync(file));
}
