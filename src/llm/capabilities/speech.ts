// Text to speech (mp3, opus, aac, flac, wav; whole or streamed) and speech to text (transcription, translation to
// English). Without a configured model, local engines stand in when installed: espeak-ng, flite or festival for
// speech (WAV), pocketsphinx for transcription.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { experimental_generateSpeech as generateSpeech, experimental_transcribe as transcribe } from 'ai';
import { InvalidInputError } from '../../core/errors.ts';
import { LlmNotConfiguredError, LlmProviderError } from '../errors.ts';
import { firstInstalled, runCommand } from '../local-tools/local-command.ts';
import type { ModelSpec } from '../model-spec.ts';
import { createSpeechModel, createTranscriptionModel } from '../providers/create-models.ts';
import { execute, type GatewayRuntime, notConfigured } from '../runtime/executor.ts';
import { configureHint } from '../settings.ts';
import type { CallOptions } from '../spec.ts';
import { jsonBody, postToProvider } from './openai-request.ts';

export const speechFormats = ['mp3', 'opus', 'aac', 'flac', 'wav'] as const;
export type SpeechFormat = (typeof speechFormats)[number];

const mediaTypes: Record<SpeechFormat, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
};

export interface SpeechRequest extends CallOptions {
  text: string;
  /** Provider voice (alloy, verse, …); ignored by local engines. */
  voice?: string;
  format?: SpeechFormat;
  speed?: number;
  instructions?: string;
}

export interface SpeechResult {
  audio: Uint8Array;
  format: SpeechFormat;
  mediaType: string;
  /** The spec that spoke, or `local:<engine>`. */
  model: string;
}

export const localSpeechEngines = ['espeak-ng', 'flite', 'text2wave'] as const;

export async function speak(runtime: GatewayRuntime, request: SpeechRequest): Promise<SpeechResult> {
  const format = checkFormat(request.format);
  if (runtime.settings.models.speech.length === 0) return speakLocally(runtime, request, format);
  const result = await execute(runtime, {
    role: 'speech',
    kind: 'speech',
    request: null,
    options: request,
    async run(spec) {
      const answer = await generateSpeech({
        model: createSpeechModel(spec, runtime.providers),
        text: request.text,
        voice: request.voice ?? 'alloy',
        outputFormat: format,
        speed: request.speed,
        instructions: request.instructions,
        maxRetries: 0,
        abortSignal: request.signal,
      });
      return { value: answer.audio.uint8Array, promptTokens: 0, completionTokens: 0 };
    },
    serialise: () => '',
    deserialise: () => new Uint8Array(),
  });
  return { audio: result.value, format, mediaType: mediaTypes[format], model: result.model };
}

/** The audio as it arrives (OpenAI streams /audio/speech in chunks); local engines yield their file at once. */
export async function* streamSpeech(runtime: GatewayRuntime, request: SpeechRequest): AsyncGenerator<Uint8Array> {
  const format = checkFormat(request.format);
  const spec = runtime.settings.models.speech[0];
  if (!spec) {
    yield (await speakLocally(runtime, request, format)).audio;
    return;
  }
  const response = await postToProvider(runtime, {
    spec,
    path: '/audio/speech',
    body: {
      model: spec.model,
      input: request.text,
      voice: request.voice ?? 'alloy',
      response_format: format,
      speed: request.speed,
      instructions: request.instructions,
    },
    signal: request.signal,
  });
  if (!response.body) throw new LlmProviderError(`${spec.id}: /audio/speech answered without a body`);
  runtime.ledger.record({ model: spec.id, job: request.job, calls: 1, networkCalls: 1 });
  for await (const chunk of response.body) yield chunk;
}

async function speakLocally(
  runtime: GatewayRuntime,
  request: SpeechRequest,
  format: SpeechFormat,
): Promise<SpeechResult> {
  const engine = firstInstalled(localSpeechEngines, runtime.settings.env);
  if (!engine)
    throw new LlmNotConfiguredError('no speech model configured and no local engine installed', {
      hint: `${configureHint('speech')}; or install espeak-ng, flite or festival`,
    });
  if (format !== 'wav')
    throw new InvalidInputError(
      `local speech (${engine}) writes wav only; ask for --format wav or configure LMREC_LLM_SPEECH`,
      { context: { field: 'format' } },
    );
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-tts-'));
  const file = path.join(folder, 'speech.wav');
  try {
    if (engine === 'espeak-ng') await runCommand('espeak-ng', ['-w', file, request.text]);
    else if (engine === 'flite') await runCommand('flite', ['-t', request.text, '-o', file]);
    else await runCommand('text2wave', ['-o', file], { input: request.text });
    runtime.ledger.record({ model: `local:${engine}`, job: request.job, calls: 1 });
    return {
      audio: new Uint8Array(fs.readFileSync(file)),
      format: 'wav',
      mediaType: mediaTypes.wav,
      model: `local:${engine}`,
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function checkFormat(format: string | undefined): SpeechFormat {
  const value = (format ?? 'mp3') as SpeechFormat;
  if (!speechFormats.includes(value))
    throw new InvalidInputError(`speech format "${format}" is not one of ${speechFormats.join(', ')}`, {
      context: { field: 'format' },
    });
  return value;
}

export interface TranscriptionRequest extends CallOptions {
  audio: Uint8Array;
  /** File name sent to the provider; its extension tells the audio format (default audio.wav). */
  filename?: string;
  /** ISO-639-1 hint for transcription. */
  language?: string;
}

export interface TranscriptionResult {
  text: string;
  language?: string;
  durationSeconds?: number;
  model: string;
}

export async function transcribeAudio(
  runtime: GatewayRuntime,
  request: TranscriptionRequest,
): Promise<TranscriptionResult> {
  if (runtime.settings.models.transcription.length === 0) return transcribeLocally(runtime, request);
  const result = await execute(runtime, {
    role: 'transcription',
    kind: 'transcription',
    request: null,
    options: request,
    async run(spec) {
      const answer = await transcribe({
        model: createTranscriptionModel(spec, runtime.providers),
        audio: request.audio,
        providerOptions: request.language ? { openai: { language: request.language } } : undefined,
        maxRetries: 0,
        abortSignal: request.signal,
      });
      return {
        value: { text: answer.text, language: answer.language, durationSeconds: answer.durationInSeconds },
        promptTokens: 0,
        completionTokens: 0,
      };
    },
    serialise: (value) => JSON.stringify(value),
    deserialise: (text) => JSON.parse(text),
  });
  return { ...result.value, model: result.model };
}

/** Speech in any language to English text (OpenAI's /audio/translations). */
export async function translateAudio(
  runtime: GatewayRuntime,
  request: TranscriptionRequest,
): Promise<TranscriptionResult> {
  if (runtime.settings.models.transcription.length === 0) throw notConfigured('transcription');
  const result = await execute(runtime, {
    role: 'transcription',
    kind: 'translation',
    request: null,
    options: request,
    run: async (spec) => ({
      value: await postTranslation(runtime, spec, request),
      promptTokens: 0,
      completionTokens: 0,
    }),
    serialise: (value) => JSON.stringify(value),
    deserialise: (text) => JSON.parse(text),
  });
  return { ...result.value, model: result.model };
}

async function postTranslation(runtime: GatewayRuntime, spec: ModelSpec, request: TranscriptionRequest) {
  const form = new FormData();
  form.set('model', spec.model);
  form.set('file', new Blob([new Uint8Array(request.audio)]), request.filename ?? 'audio.wav');
  form.set('response_format', 'json');
  const response = await postToProvider(runtime, {
    spec,
    path: '/audio/translations',
    body: form,
    signal: request.signal,
  });
  const body = await jsonBody<{ text: string; language?: string; duration?: number }>(
    response,
    spec,
    '/audio/translations',
  );
  return { text: body.text, language: body.language, durationSeconds: body.duration };
}

async function transcribeLocally(runtime: GatewayRuntime, request: TranscriptionRequest): Promise<TranscriptionResult> {
  const engine = firstInstalled(['pocketsphinx', 'pocketsphinx_continuous'], runtime.settings.env);
  if (!engine)
    throw new LlmNotConfiguredError('no transcription model configured and pocketsphinx is not installed', {
      hint: `${configureHint('transcription')}; or install pocketsphinx (16 kHz mono WAV input)`,
    });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-stt-'));
  const file = path.join(folder, 'audio.wav');
  try {
    fs.writeFileSync(file, request.audio);
    const output =
      engine === 'pocketsphinx'
        ? await runCommand('pocketsphinx', ['single', file])
        : await runCommand('pocketsphinx_continuous', ['-infile', file, '-logfn', '/dev/null']);
    runtime.ledger.record({ model: `local:${engine}`, job: request.job, calls: 1 });
    return { text: parsePocketsphinx(output.toString('utf8')), model: `local:${engine}` };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** pocketsphinx 5 prints JSON lines ({"t": text}); older pocketsphinx_continuous prints plain text lines. */
export function parsePocketsphinx(output: string): string {
  const parts: string[] = [];
  for (const line of output.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    try {
      const parsed = JSON.parse(trimmed) as { t?: string };
      if (typeof parsed.t === 'string') parts.push(parsed.t);
    } catch {
      parts.push(trimmed);
    }
  }
  return parts.join(' ').trim();
}
