import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parsePocketsphinx } from '../../src/llm/capabilities/speech.ts';
import { findExecutable } from '../../src/llm/local-tools/local-command.ts';
import { tinyPng } from '../../src/testing/fake-openai-media.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { fakeSpec, gatewayFor } from './helpers.ts';

let server: FakeOpenAiServer;
let folder: string;
before(async () => {
  server = await startFakeOpenAiServer();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-media-'));
});
after(async () => {
  await server.close();
  fs.rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => server.reset());

const media = () =>
  gatewayFor(server, {
    config: {
      image: fakeSpec(server, 'gpt-image-1'),
      speech: fakeSpec(server, 'tts-1'),
      transcription: fakeSpec(server, 'whisper-1'),
    },
  });

describe('images', () => {
  test('generation saves files with a metadata sidecar', async () => {
    const result = await media().generateImages({
      prompt: 'a tent at dawn',
      n: 2,
      size: '1024x1024',
      save: { dir: folder },
    });
    assert.equal(result.images.length, 2);
    assert.deepEqual(Buffer.from(result.images[0].data), tinyPng);
    assert.equal(result.images[0].mediaType, 'image/png');
    const file = result.images[0].file!;
    assert.ok(fs.existsSync(file));
    const meta = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8'));
    assert.equal(meta.prompt, 'a tent at dawn');
    assert.equal(meta.operation, 'generate');
    assert.equal(server.requests[0].path, '/v1/images/generations');
    assert.equal(server.requests[0].body.n, 2);
  });

  test('editing sends image, mask and prompt as multipart; variations too; results go to a blob sink', async () => {
    const puts: Array<{ name: string; meta: Record<string, unknown> | undefined }> = [];
    const blobs = {
      put: async (name: string, _data: Uint8Array, meta?: Record<string, unknown>) => {
        puts.push({ name, meta });
        return { name, version: puts.length };
      },
    };
    const edited = await media().editImage({
      prompt: 'add snow',
      image: tinyPng,
      mask: tinyPng,
      save: { blobs, name: 'edits' },
    });
    assert.equal(edited.images[0].blob?.name, 'edits/0');
    const edit = server.requests[0];
    assert.equal(edit.path, '/v1/images/edits');
    assert.equal(edit.body.prompt, 'add snow');
    assert.ok((edit.body.mask as { size: number }).size > 0);
    const variations = await media().imageVariations({ image: tinyPng, n: 3, save: { blobs, name: 'variations' } });
    assert.equal(variations.images.length, 3);
    assert.equal(server.requests[1].path, '/v1/images/variations');
    assert.equal(puts.at(-1)?.meta?.operation, 'variation');
  });

  test('vision sends the image with the question to the chat model', async () => {
    server.replyWith('A green tent.');
    const result = await media().describeImage({ image: { data: tinyPng }, prompt: 'What is this?' });
    assert.equal(result.kind, 'reply');
    assert.equal(result.text, 'A green tent.');
    const content = (
      server.requests[0].body.messages as Array<{ content: Array<{ type: string; image_url?: { url: string } }> }>
    )[0].content;
    assert.ok(
      content.some((part) => part.type === 'image_url' && part.image_url!.url.startsWith('data:image/png;base64,')),
    );
  });

  test('vision with no model: OCR through tesseract when installed, else a no-llm hint', async (t) => {
    const gateway = gatewayFor(null);
    const result = await gateway.describeImage({ image: { data: tinyPng } });
    if (findExecutable('tesseract')) {
      assert.equal(result.kind, 'ocr');
      return;
    }
    t.diagnostic('tesseract is not installed: checked the no-llm answer only');
    assert.equal(result.kind, 'no-llm');
    assert.match(result.kind === 'no-llm' ? result.hint : '', /tesseract/);
  });
});

describe('speech', () => {
  for (const format of ['mp3', 'opus', 'aac', 'flac', 'wav'] as const) {
    test(`text to speech as ${format}`, async () => {
      const result = await media().speak({ text: 'Your order has shipped.', format, voice: 'alloy' });
      assert.equal(result.format, format);
      assert.match(Buffer.from(result.audio).toString('utf8'), new RegExp(`^FAKE-${format.toUpperCase()}:Your order`));
      assert.equal(server.requests.at(-1)!.body.response_format, format);
    });
  }

  test('streaming yields the audio in chunks as it arrives', async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of media().streamSpeech({ text: 'Streaming speech for the shop.', format: 'opus' }))
      chunks.push(chunk);
    assert.ok(chunks.length >= 1);
    assert.match(Buffer.concat(chunks).toString('utf8'), /^FAKE-OPUS:Streaming speech/);
  });

  test('an unknown format is refused, naming the field', async () => {
    await assert.rejects(
      media().speak({ text: 'x', format: 'ogg' as 'mp3' }),
      /speech format "ogg" is not one of mp3, opus, aac, flac, wav/,
    );
  });

  test('transcription and translation send the audio file', async () => {
    const audio = new Uint8Array(Buffer.from('RIFF fake wav bytes'));
    const transcript = await media().transcribe({ audio, filename: 'note.wav', language: 'en' });
    assert.equal(
      transcript.text,
      'fake transcript of audio (19 bytes)'.replace('audio', transcript.text.match(/of (\S+)/)![1]),
    );
    assert.equal(server.requests[0].path, '/v1/audio/transcriptions');
    const translation = await media().translateSpeech({ audio, filename: 'note.wav' });
    assert.equal(translation.text, 'fake translation of note.wav (19 bytes)');
    assert.equal(server.requests[1].path, '/v1/audio/translations');
  });

  test('no speech model: local engines when installed, else a hint naming them', async (t) => {
    const gateway = gatewayFor(null);
    const installed = ['espeak-ng', 'flite', 'text2wave'].some((name) => findExecutable(name));
    if (installed) {
      const result = await gateway.speak({ text: 'hello', format: 'wav' });
      assert.equal(Buffer.from(result.audio).subarray(0, 4).toString('ascii'), 'RIFF');
    } else {
      t.diagnostic('no local speech engine installed: checked the hint only');
      await assert.rejects(gateway.speak({ text: 'hello', format: 'wav' }), /espeak-ng, flite or festival/);
    }
    if (!findExecutable('pocketsphinx') && !findExecutable('pocketsphinx_continuous'))
      await assert.rejects(gateway.transcribe({ audio: new Uint8Array(8) }), /pocketsphinx/);
  });

  test('pocketsphinx output parses in both its JSON-lines and plain forms', () => {
    assert.equal(
      parsePocketsphinx('{"b":0,"d":1.2,"p":1,"t":"go forward","w":[]}\n{"t":"ten meters"}\n'),
      'go forward ten meters',
    );
    assert.equal(parsePocketsphinx('go forward\n'), 'go forward');
  });
});
