// The fake OpenAI server's media, file and fine-tuning endpoints: images (generations, edits, variations), audio
// (speech, streamed in chunks; transcriptions; translations), files, and fine-tuning jobs that advance one state per poll.

import type http from 'node:http';
import type { FakeEndpoint, ParsedBody, SendJson } from './fake-http.ts';

/** A 1×1 transparent PNG: a real image the client can decode and save. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface MediaState {
  files: Map<string, { id: string; filename: string; bytes: number; purpose: string; content: Uint8Array }>;
  jobs: Map<
    string,
    { id: string; model: string; training_file: string; polls: number; cancelled: boolean; suffix?: string }
  >;
  sequence: number;
}

export function newMediaState(): MediaState {
  return { files: new Map(), jobs: new Map(), sequence: 0 };
}

const audioTypes: Record<string, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

export function handleMedia(options: {
  endpoint: FakeEndpoint;
  method: string;
  path: string;
  body: ParsedBody;
  state: MediaState;
  response: http.ServerResponse;
  send: SendJson;
}): void {
  const { endpoint, body, state, response, send, path, method } = options;
  const fields = body.fields;
  const created = Math.floor(Date.now() / 1000);
  if (endpoint === 'images') {
    if (path.endsWith('/edits') && !body.files.image && !body.files['image[]']) {
      send(response, 400, { error: { message: 'image is required' } });
      return;
    }
    if (path.endsWith('/variations') && !body.files.image) {
      send(response, 400, { error: { message: 'image is required' } });
      return;
    }
    const count = Number(fields.n ?? 1);
    const data = Array.from({ length: count }, () => ({
      b64_json: tinyPng.toString('base64'),
      revised_prompt: typeof fields.prompt === 'string' ? `revised: ${fields.prompt}` : undefined,
    }));
    send(response, 200, { created, data });
    return;
  }
  if (endpoint === 'speech') {
    const format = String(fields.response_format ?? 'mp3');
    const text = String(fields.input ?? '');
    // Fake audio: a recognisable header plus the text, written in several chunks like a streamed synthesis.
    const audio = Buffer.from(`FAKE-${format.toUpperCase()}:${text}`.repeat(4));
    response.writeHead(200, { 'content-type': audioTypes[format] ?? 'application/octet-stream' });
    const chunk = Math.ceil(audio.length / 4);
    for (let k = 0; k < audio.length; k += chunk) response.write(audio.subarray(k, k + chunk));
    return void response.end();
  }
  if (endpoint === 'transcriptions' || endpoint === 'translations') {
    const file = body.files.file;
    if (!file) {
      send(response, 400, { error: { message: 'file is required' } });
      return;
    }
    const verb = endpoint === 'translations' ? 'translation' : 'transcript';
    const text = `fake ${verb} of ${file.name} (${file.data.length} bytes)`;
    if (fields.response_format === 'text') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      return void response.end(text);
    }
    send(response, 200, { text, language: endpoint === 'translations' ? 'english' : 'en', duration: 1.5 });
    return;
  }
  if (endpoint === 'files') {
    if (method === 'POST') {
      const file = body.files.file;
      if (!file) {
        send(response, 400, { error: { message: 'file is required' } });
        return;
      }
      const id = `file-${++state.sequence}`;
      const entry = {
        id,
        filename: file.name,
        bytes: file.data.length,
        purpose: String(fields.purpose),
        content: file.data,
      };
      state.files.set(id, entry);
      send(response, 200, fileObject(entry, created));
      return;
    }
    const id = path.split('/').pop()!;
    const entry = state.files.get(id);
    if (entry) send(response, 200, fileObject(entry, created));
    else send(response, 404, { error: { message: `no file ${id}` } });
    return;
  }
  if (endpoint === 'fineTuning') {
    handleFineTuning(options, created);
    return;
  }
  send(response, 404, { error: { message: `no route ${path}` } });
}

function fileObject(entry: { id: string; filename: string; bytes: number; purpose: string }, created: number) {
  return { ...entry, content: undefined, object: 'file', created_at: created, status: 'processed' };
}

function handleFineTuning(options: Parameters<typeof handleMedia>[0], created: number): void {
  const { body, state, response, send, path, method } = options;
  const parts = path.split('/').filter(Boolean);
  const jobsAt = parts.indexOf('jobs');
  const id = parts[jobsAt + 1];
  if (method === 'POST' && !id) {
    const trainingFile = String(body.fields.training_file ?? '');
    if (!state.files.has(trainingFile)) {
      send(response, 400, { error: { message: `unknown training_file ${trainingFile}` } });
      return;
    }
    const jobId = `ftjob-${++state.sequence}`;
    const job = {
      id: jobId,
      model: String(body.fields.model),
      training_file: trainingFile,
      polls: 0,
      cancelled: false,
      suffix: body.fields.suffix as string | undefined,
    };
    state.jobs.set(jobId, job);
    send(response, 200, jobObject(job, created));
    return;
  }
  const job = state.jobs.get(id);
  if (!job) {
    send(response, 404, { error: { message: `no job ${id}` } });
    return;
  }
  if (method === 'POST' && parts[jobsAt + 2] === 'cancel') job.cancelled = true;
  else job.polls++;
  send(response, 200, jobObject(job, created));
}

/** validating_files, then running, then succeeded: one step per poll. */
function jobObject(
  job: { id: string; model: string; training_file: string; polls: number; cancelled: boolean; suffix?: string },
  created: number,
) {
  const status = job.cancelled
    ? 'cancelled'
    : (['validating_files', 'running', 'succeeded'][Math.min(job.polls, 2)] as string);
  return {
    id: job.id,
    object: 'fine_tuning.job',
    model: job.model,
    created_at: created,
    finished_at: status === 'succeeded' ? created : null,
    fine_tuned_model: status === 'succeeded' ? `ft:${job.model}:lmrec:${job.suffix ?? 'custom'}` : null,
    organization_id: 'org-fake',
    result_files: [],
    status,
    training_file: job.training_file,
    validation_file: null,
    trained_tokens: status === 'succeeded' ? 1234 : null,
    hyperparameters: { n_epochs: 3 },
    error: null,
    seed: 0,
  };
}
