// A direct request to an OpenAI-protocol endpoint the AI SDK does not cover (image variations, audio translations,
// streamed speech), through the provider's resilient fetch, with the key from its usual variable.

import { LlmProviderError } from '../errors.ts';
import type { ModelSpec } from '../model-spec.ts';
import { apiKeyOf, baseUrlOf } from '../providers/create-models.ts';
import type { GatewayRuntime } from '../runtime/executor.ts';

/** POSTs a form or a JSON value to `path` under the spec's base URL; the response when it is OK. */
export async function postToProvider(
  runtime: GatewayRuntime,
  options: { spec: ModelSpec; path: string; body: FormData | Record<string, unknown>; signal?: AbortSignal },
): Promise<Response> {
  const { spec } = options;
  const apiKey = apiKeyOf(spec, runtime.providers.env);
  const json = !(options.body instanceof FormData);
  const response = await runtime.providers.fetchFor(spec.provider)(
    `${baseUrlOf(spec, runtime.providers.env)}${options.path}`,
    {
      method: 'POST',
      headers: {
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        ...(json ? { 'content-type': 'application/json' } : {}),
      },
      body: json ? JSON.stringify(options.body) : (options.body as FormData),
      signal: options.signal,
    },
  );
  if (!response.ok)
    throw new LlmProviderError(`${spec.id}: HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`, {
      status: response.status,
      context: { provider: spec.provider },
    });
  return response;
}

/** The JSON body of a response, or a provider error naming the endpoint. */
export async function jsonBody<T>(response: Response, spec: ModelSpec, path: string): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new LlmProviderError(`${spec.id}: malformed response from ${path}`, { context: { provider: spec.provider } });
  }
}
