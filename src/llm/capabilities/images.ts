// Images: generation, editing (image + mask + prompt) and variations, saved as files or blobs with their metadata.
// Generation and edits go through the AI SDK; variations (which it does not cover) through OpenAI's multipart API.

import fs from 'node:fs';
import path from 'node:path';
import { generateImage } from 'ai';
import type { ModelSpec } from '../model-spec.ts';
import type { BlobSink } from '../ports.ts';
import { createImageModel } from '../providers/create-models.ts';
import { execute, type GatewayRuntime } from '../runtime/executor.ts';
import type { CallOptions, TokenUsage } from '../spec.ts';
import { jsonBody, postToProvider } from './openai-request.ts';
import { sniffImageType } from './prompt.ts';

/** Where generated images go: a folder (file plus a .json sidecar) or a blob store. */
export type ImageTarget = { dir: string; prefix?: string } | { blobs: BlobSink; name: string };

export interface ImageRequest extends CallOptions {
  prompt: string;
  /** Number of images (default 1). */
  n?: number;
  size?: `${number}x${number}`;
  save?: ImageTarget;
}

export interface ImageEditRequest extends ImageRequest {
  image: Uint8Array;
  /** Transparent where the image may change (PNG with alpha). */
  mask?: Uint8Array;
}

export interface ImageVariationRequest extends CallOptions {
  image: Uint8Array;
  n?: number;
  size?: `${number}x${number}`;
  save?: ImageTarget;
}

export interface GeneratedImage {
  data: Uint8Array;
  mediaType: string;
  /** Saved file, or blob name and version. */
  file?: string;
  blob?: { name: string; version: number };
  meta: Record<string, unknown>;
}

export interface ImageResult {
  images: GeneratedImage[];
  model: string;
  usage: TokenUsage;
}

export async function generateImages(
  runtime: GatewayRuntime,
  request: ImageRequest | ImageEditRequest,
): Promise<ImageResult> {
  const operation = 'image' in request ? 'edit' : 'generate';
  const result = await execute(runtime, {
    role: 'image',
    kind: `image-${operation}`,
    request: null,
    options: request,
    async run(spec) {
      const prompt =
        'image' in request ? { images: [request.image], mask: request.mask, text: request.prompt } : request.prompt;
      const answer = await generateImage({
        model: createImageModel(spec, runtime.providers),
        prompt,
        n: request.n ?? 1,
        size: request.size,
        maxRetries: 0,
        abortSignal: request.signal,
      });
      const images = answer.images.map((image) => ({ data: image.uint8Array, mediaType: image.mediaType }));
      return {
        value: images,
        promptTokens: answer.usage.inputTokens ?? 0,
        completionTokens: answer.usage.outputTokens ?? 0,
      };
    },
    serialise: () => '',
    deserialise: () => [],
  });
  const meta = {
    operation,
    prompt: request.prompt,
    model: result.model,
    size: request.size,
    createdAt: new Date().toISOString(),
  };
  return { images: await saveAll(result.value, meta, request.save), model: result.model, usage: result.usage };
}

export async function imageVariations(runtime: GatewayRuntime, request: ImageVariationRequest): Promise<ImageResult> {
  const result = await execute(runtime, {
    role: 'image',
    kind: 'image-variation',
    request: null,
    options: request,
    run: async (spec) => ({ value: await postVariation(runtime, spec, request), promptTokens: 0, completionTokens: 0 }),
    serialise: () => '',
    deserialise: () => [],
  });
  const meta = { operation: 'variation', model: result.model, size: request.size, createdAt: new Date().toISOString() };
  return { images: await saveAll(result.value, meta, request.save), model: result.model, usage: result.usage };
}

async function postVariation(runtime: GatewayRuntime, spec: ModelSpec, request: ImageVariationRequest) {
  const form = new FormData();
  form.set('model', spec.model);
  form.set('image', new Blob([new Uint8Array(request.image)], { type: sniffImageType(request.image) }), 'image.png');
  form.set('n', String(request.n ?? 1));
  if (request.size) form.set('size', request.size);
  form.set('response_format', 'b64_json');
  const response = await postToProvider(runtime, {
    spec,
    path: '/images/variations',
    body: form,
    signal: request.signal,
  });
  const body = await jsonBody<{ data?: Array<{ b64_json?: string }> }>(response, spec, '/images/variations');
  return (body.data ?? []).map((item) => {
    const data = new Uint8Array(Buffer.from(item.b64_json ?? '', 'base64'));
    return { data, mediaType: sniffImageType(data) };
  });
}

async function saveAll(
  images: Array<{ data: Uint8Array; mediaType: string }>,
  meta: Record<string, unknown>,
  target: ImageTarget | undefined,
): Promise<GeneratedImage[]> {
  const stamp = Date.now();
  const out: GeneratedImage[] = [];
  for (const [index, image] of images.entries()) {
    const imageMeta = { ...meta, index, mediaType: image.mediaType, bytes: image.data.length };
    const saved: GeneratedImage = { ...image, meta: imageMeta };
    if (target && 'dir' in target) {
      fs.mkdirSync(target.dir, { recursive: true });
      const extension = image.mediaType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
      const file = path.join(target.dir, `${target.prefix ?? 'image'}-${stamp}-${index}.${extension}`);
      fs.writeFileSync(file, image.data);
      fs.writeFileSync(`${file}.json`, `${JSON.stringify(imageMeta, null, 2)}\n`);
      saved.file = file;
    } else if (target) {
      const info = await target.blobs.put(`${target.name}/${index}`, image.data, imageMeta);
      saved.blob = { name: info.name, version: info.version };
    }
    out.push(saved);
  }
  return out;
}
