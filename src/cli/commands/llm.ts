// `lmrec llm …`: the gateway from the command line — chat, JSON with a schema, embeddings, images, speech,
// transcription and usage. The response cache, embeddings and usage persist in the store's key-value table.

import fs from 'node:fs';
import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { LlmNotConfiguredError } from '../../llm/errors.ts';
import type { CallOptions } from '../../llm/spec.ts';
import { printJson, printTable } from '../context.ts';
import { withGateway } from './llm-gateway.ts';
import { registerLlmMediaCommands } from './llm-media.ts';

interface CallFlags {
  fast?: boolean;
  system?: string;
  temperature?: string;
  seed?: string;
  cache?: string;
  job?: string;
}

function callOptions(flags: CallFlags): CallOptions & { system?: string } {
  const number = (value: string | undefined, flag: string) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed))
      throw new InvalidInputError(`${flag}: "${value}" is not a number`, { context: { field: flag } });
    return parsed;
  };
  const cache = flags.cache as CallOptions['cache'];
  if (cache && !['read-write', 'refresh', 'off'].includes(cache))
    throw new InvalidInputError(`--cache: "${cache}" must be read-write, refresh or off`, {
      context: { field: '--cache' },
    });
  return {
    role: flags.fast ? 'fast' : 'chat',
    system: flags.system,
    temperature: number(flags.temperature, '--temperature'),
    seed: number(flags.seed, '--seed'),
    cache,
    job: flags.job,
  };
}

function withCallFlags(command: Command): Command {
  return command
    .option('--fast', 'use the fast model (LMREC_LLM_FAST) instead of the chat model')
    .option('--system <text>', 'system instructions')
    .option('--temperature <t>', 'sampling temperature')
    .option('--seed <n>', 'sampling seed (passed to providers that support it)')
    .option('--cache <mode>', 'response cache: read-write (default), refresh or off')
    .option('--job <name>', 'account the call to this job');
}

function readSchema(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) throw new InvalidInputError(`schema file ${file} does not exist`, { context: { file } });
  try {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw new Error('not a JSON object');
    return schema as Record<string, unknown>;
  } catch (error) {
    throw new InvalidInputError(`${file}: not a JSON Schema: ${(error as Error).message}`, { context: { file } });
  }
}

export function registerLlm(program: Command): void {
  const llm = program.command('llm').description('the LLM gateway: chat, JSON, embeddings, images, speech, usage');

  withCallFlags(llm.command('chat').argument('<text>', 'the message'))
    .description('one chat turn with the configured model (LMREC_LLM)')
    .option('--stream', 'print tokens as they arrive')
    .option('--json', 'print the reply, model, cache flag and usage as JSON')
    .action(async (text: string, flags: CallFlags & { stream?: boolean; json?: boolean }, command: Command) => {
      await withGateway(command, async (gateway) => {
        const request = { ...callOptions(flags), prompt: text };
        if (flags.stream && !flags.json) {
          for await (const chunk of gateway.streamChat(request)) process.stdout.write(chunk);
          process.stdout.write('\n');
          return;
        }
        const reply = await gateway.chat(request);
        if (reply.kind === 'no-llm') throw new LlmNotConfiguredError(reply.message, { hint: reply.hint });
        if (flags.json) printJson(reply);
        else process.stdout.write(`${reply.text}\n`);
      });
    });

  withCallFlags(llm.command('json').argument('<text>', 'the request'))
    .description('schema-valid JSON from the chat model; prints only the validated JSON')
    .requiredOption('--schema <file>', 'JSON Schema file the answer must match')
    .option('--attempts <n>', 'attempts at valid output, repairs included (default llm.jsonAttempts)')
    .action(async (text: string, flags: CallFlags & { schema: string; attempts?: string }, command: Command) => {
      const schema = readSchema(flags.schema);
      const attempts = flags.attempts === undefined ? undefined : Number(flags.attempts);
      if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 1))
        throw new InvalidInputError(`--attempts: "${flags.attempts}" is not a positive whole number`, {
          context: { field: '--attempts' },
        });
      await withGateway(command, async (gateway) => {
        const result = await gateway.json({ ...callOptions(flags), prompt: text, schema, attempts });
        process.stdout.write(`${JSON.stringify(result.value)}\n`);
      });
    });

  llm
    .command('embed')
    .argument('<texts...>', 'texts to embed')
    .description('embed texts (offline by default; LMREC_EMBEDDINGS for a provider); one JSON line per text')
    .option('--digits <n>', 'decimals per value', '6')
    .action(async (texts: string[], flags: { digits: string }, command: Command) => {
      await withGateway(command, async (gateway) => {
        const embedder = await gateway.embedder();
        const vectors = await embedder.embed(texts);
        const digits = Number(flags.digits);
        texts.forEach((text, k) => {
          const vector = Array.from(vectors[k], (x) => Number(x.toFixed(digits)));
          process.stdout.write(
            `${JSON.stringify({ text, embedder: embedder.name, dimension: vector.length, vector })}\n`,
          );
        });
      });
    });

  llm
    .command('usage')
    .description('calls, cache hits, network calls, tokens and cost, per model and per day')
    .option('--json', 'print one JSON object')
    .option('--since <day>', 'first day to include (YYYY-MM-DD, UTC)')
    .option('--job <name>', 'only calls accounted to this job')
    .action(async (flags: { json?: boolean; since?: string; job?: string }, command: Command) => {
      if (flags.since && !/^\d{4}-\d{2}-\d{2}$/.test(flags.since))
        throw new InvalidInputError(`--since: "${flags.since}" is not a YYYY-MM-DD day`, {
          context: { field: '--since' },
        });
      await withGateway(command, async (gateway) => {
        const totals = await gateway.usage({ since: flags.since, job: flags.job });
        const cacheHitRate = totals.calls ? totals.cacheHits / totals.calls : 0;
        if (flags.json) {
          printJson({ ...totals, cacheHitRate });
          return;
        }
        const rows = Object.entries(totals.byModel).map(([model, counters]) => ({ model, ...counters }));
        rows.push({ model: 'total', ...totals });
        printTable(rows, [
          'model',
          'calls',
          'cacheHits',
          'networkCalls',
          'promptTokens',
          'completionTokens',
          'costUsd',
          'errors',
        ]);
        process.stdout.write(`cache hit rate ${(cacheHitRate * 100).toFixed(1)}%\n`);
      });
    });

  registerLlmMediaCommands(llm);
}
