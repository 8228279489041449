// `lmrec llm image|speak|transcribe`: images to files with metadata sidecars, speech to a file (or stdout), and
// audio files to text.

import fs from 'node:fs';
import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import type { SpeechFormat } from '../../llm/capabilities/speech.ts';
import { printJson } from '../context.ts';
import { withGateway } from './llm-gateway.ts';

function readInput(file: string, flag: string): Uint8Array {
  if (!fs.existsSync(file)) throw new InvalidInputError(`${flag}: file ${file} does not exist`, { context: { file } });
  return new Uint8Array(fs.readFileSync(file));
}

function sizeOf(size: string | undefined): `${number}x${number}` | undefined {
  if (size === undefined) return undefined;
  if (!/^\d+x\d+$/.test(size))
    throw new InvalidInputError(`--size: "${size}" is not WIDTHxHEIGHT`, { context: { field: '--size' } });
  return size as `${number}x${number}`;
}

export function registerLlmMediaCommands(llm: Command): void {
  llm
    .command('image')
    .argument('[prompt]', 'what to draw (or how to edit)')
    .description('generate images (LMREC_LLM_IMAGE); --image edits (with --mask), --variations makes variations')
    .option('--image <file>', 'edit this image (PNG)')
    .option('--mask <file>', 'transparent where the image may change')
    .option('--variations', 'variations of --image instead of an edit')
    .option('-n, --count <n>', 'number of images', '1')
    .option('--size <WxH>', 'image size, e.g. 1024x1024')
    .option('--out <dir>', 'folder for the images and their .json metadata', '.')
    .action(
      async (
        prompt: string | undefined,
        flags: { image?: string; mask?: string; variations?: boolean; count: string; size?: string; out: string },
        command: Command,
      ) => {
        const n = Number(flags.count);
        if (!Number.isInteger(n) || n < 1 || n > 10)
          throw new InvalidInputError(`--count: "${flags.count}" must be 1 to 10`, { context: { field: '--count' } });
        if (!flags.variations && !prompt)
          throw new InvalidInputError('a prompt is required (except with --variations)', {
            context: { field: 'prompt' },
          });
        if (flags.variations && !flags.image)
          throw new InvalidInputError('--variations needs --image', { context: { field: '--image' } });
        const save = { dir: flags.out, prefix: flags.variations ? 'variation' : flags.image ? 'edit' : 'image' };
        const size = sizeOf(flags.size);
        await withGateway(command, async (gateway) => {
          const result = flags.variations
            ? await gateway.imageVariations({ image: readInput(flags.image!, '--image'), n, size, save })
            : flags.image
              ? await gateway.editImage({
                  prompt: prompt!,
                  image: readInput(flags.image, '--image'),
                  mask: flags.mask ? readInput(flags.mask, '--mask') : undefined,
                  n,
                  size,
                  save,
                })
              : await gateway.generateImages({ prompt: prompt!, n, size, save });
          for (const image of result.images) process.stdout.write(`${image.file}\n`);
        });
      },
    );

  llm
    .command('speak')
    .argument('<text>', 'what to say')
    .description('text to speech (LMREC_LLM_SPEECH, else espeak-ng, flite or festival when installed)')
    .option('--format <format>', 'mp3, opus, aac, flac or wav', 'mp3')
    .option('--voice <voice>', 'provider voice', 'alloy')
    .option('--out <file>', 'audio file to write (default: stdout)')
    .option('--stream', 'write audio as it arrives')
    .action(
      async (
        text: string,
        flags: { format: string; voice: string; out?: string; stream?: boolean },
        command: Command,
      ) => {
        await withGateway(command, async (gateway) => {
          const request = { text, format: flags.format as SpeechFormat, voice: flags.voice };
          const sink = flags.out ? fs.createWriteStream(flags.out) : process.stdout;
          if (flags.stream) for await (const chunk of gateway.streamSpeech(request)) sink.write(chunk);
          else sink.write((await gateway.speak(request)).audio);
          if (flags.out) await new Promise<void>((resolve) => (sink as fs.WriteStream).end(resolve));
        });
      },
    );

  llm
    .command('transcribe')
    .argument('<file>', 'audio file (wav, mp3, m4a, …)')
    .description('speech to text (LMREC_LLM_TRANSCRIPTION, else pocketsphinx when installed); --translate into English')
    .option('--translate', 'translate the speech into English')
    .option('--language <code>', 'ISO-639-1 language hint')
    .option('--json', 'print text, language, duration and model as JSON')
    .action(
      async (file: string, flags: { translate?: boolean; language?: string; json?: boolean }, command: Command) => {
        const audio = readInput(file, 'file');
        await withGateway(command, async (gateway) => {
          const request = { audio, filename: file.split(/[\\/]/).pop(), language: flags.language };
          const result = flags.translate ? await gateway.translateSpeech(request) : await gateway.transcribe(request);
          if (flags.json) printJson(result);
          else process.stdout.write(`${result.text}\n`);
        });
      },
    );
}
