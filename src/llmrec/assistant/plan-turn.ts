// A planning turn: draft the plan (LLM plan-first, or the intent map), or revise the session's plan; execute it with
// the tools while streaming progress; send the plan view; write the answer (one streamed LLM call, or basic mode's
// checklist text). An LLM failure falls back to the basic planner and says so.

import type { LanguageCapabilities } from '../../llm/spec.ts';
import { newCanary } from '../chat/llm/instructions.ts';
import { describeProfile } from '../chat/memory/profile.ts';
import type { TurnContext, TurnOutcome } from '../chat/turn-context.ts';
import type { PlanView } from '../chat/types.ts';
import { planFromMessage } from './basic-planner.ts';
import type { IntentDefinition } from './intent-map.ts';
import { draftPlan, writePlanAnswer } from './llm-planner.ts';
import type { ShoppingPlan } from './plan.ts';
import { executePlan } from './plan-executor.ts';
import { planReply, planView } from './plan-text.ts';
import { revisePlan } from './revise-plan.ts';

export interface PlanTurnOptions {
  llm: LanguageCapabilities | null;
  intents: readonly IntentDefinition[];
  /** Budget named in the message, converted to the shop's currency. */
  budget: number | null;
}

export interface PlanTurnOutcome extends TurnOutcome {
  plan: PlanView;
}

/** Whether a message revises the session's plan (the revision it would make), without side effects. */
export function planRevision(context: TurnContext, budget: number | null) {
  const plan = context.session.plan;
  return plan ? revisePlan(plan, context.parsed, { index: context.index, budget }) : null;
}

/** Runs a planning turn; null when basic mode finds no plan in the message (the caller answers as chat). */
export async function planTurn(context: TurnContext, options: PlanTurnOptions): Promise<PlanTurnOutcome | null> {
  const { session, index, language, parsed } = context;
  const notes: string[] = [];
  const canary = newCanary();
  let plan: ShoppingPlan | null = null;
  const revision = planRevision(context, options.budget);
  context.emit({ type: 'progress', stage: 'plan', message: language === 'zh' ? '正在制定计划…' : 'Drafting a plan…' });
  if (options.llm) {
    try {
      plan = await draftPlan(parsed.text, {
        llm: options.llm,
        index,
        language,
        profile: describeProfile(context.profile),
        canary,
        current: revision ? session.plan : null,
        signal: context.signal,
      });
      if (plan.needs.length === 0) plan = null;
      // A revision keeps the items of needs that did not change.
      if (plan && revision)
        for (const need of plan.needs)
          need.chosenId = revision.plan.needs.find((old) => old.id === need.id)?.chosenId ?? null;
    } catch (error) {
      notes.push(
        `${language === 'zh' ? '大模型规划失败，已改用基础规划' : 'the LLM could not draft a plan, so the basic planner did'}: ${(error as Error).message.split('\n')[0]}`,
      );
    }
  }
  plan ??=
    revision?.plan ??
    planFromMessage(parsed, {
      intents: options.intents,
      index,
      language,
      budget: options.budget,
      people: context.profile?.constraints.people,
    });
  if (!plan) return null;
  if (options.budget !== null && plan.budget === null) plan.budget = options.budget;
  const result = await executePlan(plan, {
    engine: context.engine,
    index,
    userId: session.userId,
    profile: context.profile,
    onNeed: (need, position, total) =>
      context.emit({ type: 'progress', stage: 'need', message: `${need.label} (${position}/${total})` }),
  });
  result.notes.unshift(
    ...notes,
    ...(revision?.changes.map((change) => (language === 'zh' ? `已调整：${change}` : `changed: ${change}`)) ?? []),
  );
  for (const line of result.lines) line.need.chosenId = line.status === 'chosen' ? line.itemId : null;
  session.plan = plan;
  const view = planView(result, index);
  context.emit({ type: 'plan', plan: view });
  let reply = planReply(result, index, { basic: !options.llm });
  let streamed = false;
  let refused = false;
  if (options.llm) {
    try {
      const written = await writePlanAnswer(result, {
        llm: options.llm,
        index,
        language,
        canary,
        signal: context.signal,
        onText: (text) => context.emit({ type: 'token', text }),
      });
      streamed = true;
      refused = written.refused;
      if (refused) context.emit({ type: 'token', text: written.text });
      if (written.text) reply = written.text;
    } catch {
      // The checklist text stands in for the written answer.
    }
  }
  return {
    reply,
    items: view.items.map((card) => ({ id: card.id, reason: card.reason })),
    question: null,
    refused,
    streamed,
    plan: view,
  };
}
