// The LLM ports of the pipeline, wired from the config: the list reranker when `pipeline.llmRerank` is on, and the
// online reason writer when `pipeline.reasons.online` is. With no model configured neither is built, and the stages
// keep their non-LLM behaviour (and say so in the trace).

import type { Config } from '../core/config/index.ts';
import { createLlmGateway } from '../llm/gateway.ts';
import { LlmReasonWriter } from '../llmrec/reasons/write-reasons.ts';
import { LlmListReranker } from '../llmrec/rerank/llm-list-reranker.ts';
import type { ReasonWriter } from '../pipeline/reasons-cache.ts';
import type { ListReranker } from '../pipeline/stages/llm-rerank.ts';
import type { Store } from '../store/store.ts';

export function llmPipelinePorts(options: { config: Config; store: Store; log?: (message: string) => void }): {
  listReranker?: ListReranker;
  reasonWriter?: ReasonWriter;
} {
  const pipeline = options.config.serving.pipeline;
  if (!pipeline.llmRerank.enabled && !pipeline.reasons.online) return {};
  const gateway = createLlmGateway({ config: options.config.llm, store: options.store.kv });
  const role = pipeline.llmRerank.role;
  if (!gateway.configured(role)) {
    options.log?.('LLM rerank / online reasons are on but no LLM is configured: ranked order and template reasons');
    return {};
  }
  return {
    listReranker: pipeline.llmRerank.enabled ? new LlmListReranker({ llm: gateway, role }) : undefined,
    reasonWriter: pipeline.reasons.online ? new LlmReasonWriter({ llm: gateway, role }) : undefined,
  };
}
