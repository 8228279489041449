// Turns a gateway request (prompt, history, system text, images) into AI SDK instructions and messages, and into the
// normalised form that keys the response cache.

import type { ModelMessage } from 'ai';
import { InvalidInputError } from '../../core/errors.ts';
import type { ChatMessage, ChatRequest, ImageInput } from '../spec.ts';

export interface SdkPrompt {
  instructions: string | undefined;
  messages: ModelMessage[];
}

/** History and prompt as one list; system messages are gathered into the instructions. */
export function conversation(request: ChatRequest): ChatMessage[] {
  const messages = [...(request.messages ?? [])];
  if (request.prompt !== undefined) messages.push({ role: 'user', content: request.prompt });
  if (!messages.some((message) => message.role !== 'system'))
    throw new InvalidInputError('a chat request needs a prompt or at least one user message', {
      context: { field: 'prompt' },
    });
  return messages;
}

export function toSdkPrompt(request: ChatRequest, extraInstructions?: string): SdkPrompt {
  const messages = conversation(request);
  const system = [
    request.system,
    ...messages.filter((m) => m.role === 'system').map((m) => m.content),
    extraInstructions,
  ]
    .filter((text): text is string => Boolean(text))
    .join('\n\n');
  return {
    instructions: system || undefined,
    messages: messages.filter((m) => m.role !== 'system').map(toModelMessage),
  };
}

function toModelMessage(message: ChatMessage): ModelMessage {
  if (message.role === 'assistant') return { role: 'assistant', content: message.content };
  if (!message.images?.length) return { role: 'user', content: message.content };
  return {
    role: 'user',
    content: [{ type: 'text', text: message.content }, ...message.images.map(imagePart)],
  };
}

function imagePart(image: ImageInput) {
  if ('url' in image) return { type: 'image' as const, image: new URL(image.url) };
  return { type: 'image' as const, image: image.data, mediaType: image.mediaType ?? sniffImageType(image.data) };
}

/** PNG, JPEG, GIF or WebP from the first bytes; PNG when unknown. */
export function sniffImageType(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  if (data[0] === 0x47 && data[1] === 0x49) return 'image/gif';
  if (data[8] === 0x57 && data[9] === 0x45 && data[10] === 0x42 && data[11] === 0x50) return 'image/webp';
  return 'image/png';
}

/** What identifies a chat request for the cache: the conversation and the sampling settings. */
export function cacheableRequest(request: ChatRequest, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    system: request.system,
    messages: conversation(request).map((message) => ({
      role: message.role,
      content: message.content,
      images: message.images?.map((image) => ('url' in image ? image.url : image.data)),
    })),
    temperature: request.temperature,
    seed: request.seed,
    maxOutputTokens: request.maxOutputTokens,
    ...extra,
  };
}

/** The sampling settings passed through to the provider. */
export function samplingOf(request: ChatRequest) {
  return { temperature: request.temperature, seed: request.seed, maxOutputTokens: request.maxOutputTokens };
}

export function tokensOf(usage: { inputTokens: number | undefined; outputTokens: number | undefined }) {
  return { promptTokens: usage.inputTokens ?? 0, completionTokens: usage.outputTokens ?? 0 };
}
