// Vision: an image plus a question to the chat model. With no chat model, the image's text is read by tesseract
// (OCR) when it is installed, and the answer says that is what it is.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstInstalled, runCommand } from '../local-tools/local-command.ts';
import type { GatewayRuntime } from '../runtime/executor.ts';
import { configureHint } from '../settings.ts';
import type { CallOptions, ImageInput, NoLlmReply, TokenUsage } from '../spec.ts';
import { chat } from './chat.ts';

export interface VisionRequest extends CallOptions {
  image: ImageInput;
  /** The question about the image (default: describe it). */
  prompt?: string;
  system?: string;
}

export type VisionResult =
  | { kind: 'reply'; text: string; model: string; cached: boolean; usage: TokenUsage }
  | { kind: 'ocr'; text: string; model: 'local:tesseract' }
  | NoLlmReply;

export async function describeImage(runtime: GatewayRuntime, request: VisionRequest): Promise<VisionResult> {
  const role = request.role ?? 'chat';
  if (runtime.settings.models[role].length > 0) {
    const reply = await chat(runtime, {
      ...request,
      messages: [{ role: 'user', content: request.prompt ?? 'Describe this image.', images: [request.image] }],
    });
    return reply;
  }
  if (!firstInstalled(['tesseract'], runtime.settings.env) || !('data' in request.image))
    return {
      kind: 'no-llm',
      message: `no LLM configured for ${role} and tesseract (OCR) is not installed`,
      hint: `${configureHint(role)}; or install tesseract to read the text in images`,
    };
  return { kind: 'ocr', text: await ocr(request.image.data), model: 'local:tesseract' };
}

/** The text in an image, read by tesseract (English and simplified Chinese when its language data is present). */
export async function ocr(image: Uint8Array): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-ocr-'));
  const file = path.join(folder, 'image');
  try {
    fs.writeFileSync(file, image);
    const languages = (await runCommand('tesseract', ['--list-langs']).catch(() => Buffer.from(''))).toString('utf8');
    const lang = languages.includes('chi_sim') ? 'eng+chi_sim' : 'eng';
    return (await runCommand('tesseract', [file, 'stdout', '-l', lang])).toString('utf8').trim();
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
