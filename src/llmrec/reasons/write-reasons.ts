// One call that writes grounded reasons for a user's recommended items: shared by the offline job and the online
// writer (the pipeline's ReasonWriter port, used only when the config allows it, within a latency budget).

import type { Item } from '../../core/types.ts';
import type { LanguageCapabilities } from '../../llm/spec.ts';
import type { ReasonWriter, WrittenReason } from '../../pipeline/reasons-cache.ts';
import type { Language } from '../../pipeline/types.ts';
import { labelHistory } from '../history-labels.ts';
import {
  groundReasonsAnswer,
  type ReasonsAnswer,
  reasonsPrompt,
  reasonsSchema,
  reasonsSystem,
} from './reason-prompt.ts';

export interface WriteReasonsRequest {
  /** Positive history items, newest first. */
  history: readonly Item[];
  targets: readonly Item[];
  languages: readonly Language[];
  signal?: AbortSignal;
}

export async function writeReasonsWithLlm(
  llm: Pick<LanguageCapabilities, 'json'>,
  request: WriteReasonsRequest & { role?: 'chat' | 'fast'; job?: string },
): Promise<{ reasons: Record<string, WrittenReason[]>; model: string }> {
  const history = labelHistory(request.history);
  const answer = await llm.json({
    role: request.role,
    job: request.job,
    system: reasonsSystem,
    prompt: reasonsPrompt({ history, targets: request.targets, languages: request.languages }),
    schema: reasonsSchema(request.languages),
    name: 'reasons',
    temperature: 0,
    signal: request.signal,
  });
  return {
    reasons: groundReasonsAnswer({
      answer: answer.value as ReasonsAnswer,
      history,
      targets: request.targets,
      languages: request.languages,
    }),
    model: answer.model,
  };
}

/** The online ReasonWriter: the user's recent positives as history, one call for the missing items. */
export class LlmReasonWriter implements ReasonWriter {
  readonly #llm: Pick<LanguageCapabilities, 'json'>;
  readonly #role: 'chat' | 'fast';
  readonly #historyItems: number;

  constructor(options: { llm: Pick<LanguageCapabilities, 'json'>; role?: 'chat' | 'fast'; historyItems?: number }) {
    this.#llm = options.llm;
    this.#role = options.role ?? 'fast';
    this.#historyItems = options.historyItems ?? 15;
  }

  async write(request: Parameters<ReasonWriter['write']>[0]): Promise<Record<string, WrittenReason[]>> {
    const items = (ids: readonly string[]) =>
      ids.map((id) => request.catalog.get(id)?.item).filter((item): item is Item => item !== undefined);
    const history = items(request.history.positives(this.#historyItems).map((event) => event.itemId));
    if (history.length === 0) return {};
    const result = await writeReasonsWithLlm(this.#llm, {
      history,
      targets: items(request.itemIds),
      languages: request.languages,
      role: this.#role,
      signal: request.signal,
    });
    return result.reasons;
  }
}
