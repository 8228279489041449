// A chat turn with an LLM (Chat-Rec, Gao et al. 2023; InteRecAgent, Huang et al. 2023): the model calls the
// read-only tools over the shared candidate buffer, then answers; the answer is checked for leaked instructions,
// grounded in the catalog, and streamed. A call to any tool off the allowlist turns the answer into a refusal.

import type { LanguageCapabilities } from '../../../llm/spec.ts';
import { groundReply } from '../grounding.ts';
import { describeProfile } from '../memory/profile.ts';
import { leaksInstructions, refusalText } from '../safety.ts';
import { applyMessage } from '../search-state.ts';
import { chatToolDefinitions } from '../tools/tool-definitions.ts';
import { readOnlyTools } from '../tools/toolbox.ts';
import { shownItems, type TurnContext, type TurnOutcome } from '../turn-context.ts';
import { chatInstructions, newCanary } from './instructions.ts';

export interface LlmChatOptions {
  llm: LanguageCapabilities;
  /** Model calls allowed in the tool loop (default 6). */
  maxSteps?: number;
}

export async function llmChatTurn(context: TurnContext, options: LlmChatOptions): Promise<TurnOutcome> {
  const { index, session, toolbox, language } = context;
  // The search state follows the conversation in both modes, so a later basic-mode turn (a fallback, --basic)
  // continues from what was asked here.
  session.state = applyMessage(session.state, context.parsed, { index, shown: shownItems(context) }).state;
  const instructions = chatInstructions({
    index,
    language,
    profile: describeProfile(context.profile),
    summary: session.summary,
    canary: newCanary(),
  });
  const messages = session.turns.map((turn) => ({
    role: turn.role,
    content: turn.items?.length
      ? `${turn.text}\n(shown: ${turn.items.map((id) => `[[${id}]]`).join(', ')})`
      : turn.text,
  }));
  messages.push({ role: 'user', content: context.parsed.text });
  const run = await options.llm.runTools({
    system: instructions.text,
    messages,
    tools: chatToolDefinitions(toolbox, index),
    maxSteps: options.maxSteps ?? 6,
    temperature: 0.2,
    job: 'chat',
    signal: context.signal,
  });
  const refusedCalls = run.steps.flat().filter((call) => !(readOnlyTools as readonly string[]).includes(call.name));
  for (const call of refusedCalls)
    context.emit({
      type: 'tool',
      name: call.name,
      input: call.input,
      status: 'refused',
      message: 'not an allowed tool',
    });
  if (refusedCalls.length > 0) return refusal(context, refusalText('tool', language));
  if (leaksInstructions(run.text, instructions.text, instructions.canary))
    return refusal(context, refusalText('prompt', language));
  const grounded = groundReply(run.text, { index, candidates: toolbox.buffer.ids(), language });
  let reply = grounded.text;
  let ids = grounded.ids;
  if (!reply || (run.finish === 'step-limit' && ids.length === 0)) {
    // The model ran out of steps or said nothing usable: show the best candidates the tools found.
    ids = toolbox.buffer.top(context.limit).map((entry) => entry.id);
    reply = language === 'zh' ? '这些是最符合的商品：' : 'Here is what fits best:';
  }
  for (const chunk of reply.match(/\S+\s*|\s+/g) ?? []) context.emit({ type: 'token', text: chunk });
  const reasonOf = (id: string) => {
    const entry = toolbox.buffer.get(id);
    return entry?.reason ?? (language === 'zh' ? '助手推荐' : 'recommended by the assistant');
  };
  return {
    reply,
    items: ids.slice(0, Math.max(context.limit, 10)).map((id) => ({ id, reason: reasonOf(id) })),
    question: null,
    refused: false,
    streamed: true,
  };
}

function refusal(context: TurnContext, text: string): TurnOutcome {
  context.emit({ type: 'token', text });
  return { reply: text, items: [], question: null, refused: true, streamed: true };
}
