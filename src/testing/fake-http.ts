// Pieces shared by the fake OpenAI server's modules: endpoint names, parsed request bodies, JSON answers.

import type http from 'node:http';

export type FakeEndpoint =
  | 'chat'
  | 'embeddings'
  | 'images'
  | 'speech'
  | 'transcriptions'
  | 'translations'
  | 'files'
  | 'fineTuning'
  | 'other';

export interface ParsedBody {
  fields: Record<string, unknown>;
  files: Record<string, { name: string; type: string; data: Uint8Array }>;
}

export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export type SendJson = typeof sendJson;
