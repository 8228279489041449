// A chat turn without an LLM: questions about shown items (compare, details, similar, what goes with it) are
// answered with those tools; otherwise the message updates the search state, search fills the candidate buffer,
// filters narrow it (relaxing words, then attributes, when nothing is left), ranking orders it, and the answer
// lists the best items, labelled as basic mode, with a question that would narrow them further.

import type { Item } from '../../../core/types.ts';
import { dislikedByProfile } from '../memory/profile.ts';
import { referencedItems } from '../memory/reactions.ts';
import { applyMessage, matchesState, type SearchState } from '../search-state.ts';
import { shownItems, type TurnContext, type TurnOutcome } from '../turn-context.ts';
import { chooseQuestion } from './ask.ts';
import { itemReason, rankCandidates } from './rank-candidates.ts';
import { compareReply, detailsReply, listReply } from './reply-text.ts';

const complementsCue =
  /\b(?:go(?:es)? with|accessor(?:y|ies)|complements?|pair(?:s)? with|to match|need with)\b|搭配|配件|配什么|一起买/iu;

export async function basicChatTurn(context: TurnContext): Promise<TurnOutcome> {
  const { parsed, index, session, toolbox, language } = context;
  const shown = shownItems(context);
  const referenced = referencedItems(parsed, shown, index);
  const signals = parsed.signals;
  if (signals.compare && referenced.length >= 2) {
    await toolbox.compare({ itemIds: referenced.map((item) => item.id) });
    return outcome(
      compareReply(referenced, index, language),
      referenced.map((item) => ({ id: item.id, reason: '' })),
    );
  }
  if (referenced.length === 1 && signals.details && !signals.similar) {
    await toolbox.itemDetails({ itemIds: [referenced[0].id] });
    return outcome(detailsReply(referenced[0], index, language), [{ id: referenced[0].id, reason: '' }]);
  }
  if (referenced.length >= 1 && (signals.similar || complementsCue.test(parsed.text))) {
    const anchor = referenced[0];
    const similar = signals.similar;
    if (similar) await toolbox.similarTo({ itemId: anchor.id, limit: 30 });
    else await toolbox.complements({ itemId: anchor.id, limit: 20 });
    const items = toolbox.buffer.top(context.limit).map((entry) => index.get(entry.id)!);
    const title = anchor.title;
    const intro =
      language === 'zh'
        ? similar
          ? `与“${anchor.text?.title_zh ?? title}”相似的商品：`
          : `适合搭配“${anchor.text?.title_zh ?? title}”的商品：`
        : similar
          ? `Items similar to ${title}:`
          : `Items that go with ${title}:`;
    const reasons = new Map(toolbox.buffer.entries().map((entry) => [entry.id, entry.reason ?? '']));
    return outcome(
      listReply({
        language,
        index,
        state: session.state,
        items,
        total: toolbox.buffer.size,
        notes: [],
        question: null,
        intro,
      }),
      items.map((item) => ({ id: item.id, reason: reasons.get(item.id) || intro })),
    );
  }
  const { state, notes } = applyMessage(session.state, parsed, { index, shown });
  if (
    parsed.people === undefined &&
    state.people === undefined &&
    context.profile?.constraints.people &&
    state.categories.length
  )
    state.people = context.profile.constraints.people;
  session.state = state;
  const empty =
    state.categories.length === 0 && !state.text && state.maxPrice === undefined && state.minPrice === undefined;
  if (empty) return recommendations(context, state, notes);
  await collect(context, state, notes);
  const prior = await context.engine.recommendations.forUser(session.userId, {
    limit: 400,
    categories: state.categories.length ? state.categories : undefined,
  });
  rankCandidates(toolbox.buffer, { index, state, prior, profile: context.profile });
  const items = toolbox.buffer.top(context.limit).map((entry) => index.get(entry.id)!);
  const candidates = toolbox.buffer.entries().map((entry) => index.get(entry.id)!);
  const question =
    toolbox.buffer.size > context.limit * 2
      ? chooseQuestion({ state, candidates, index, language, asked: session.asked })
      : null;
  if (question) session.asked = [...new Set([...session.asked, question.attribute])];
  const reply = listReply({ language, index, state, items, total: toolbox.buffer.size, notes, question });
  return {
    reply,
    items: items.map((item) => ({ id: item.id, reason: itemReason(item, state, index, language) })),
    question,
    refused: false,
  };
}

/** Fills the buffer for the state, relaxing search words and then attribute filters when nothing is left. */
async function collect(context: TurnContext, state: SearchState, notes: string[]): Promise<void> {
  const { toolbox, index } = context;
  const zh = context.language === 'zh';
  const run = async (text: string, withFilters: boolean) => {
    await toolbox.search({
      query: text,
      categories: state.categories,
      minPrice: state.minPrice,
      maxPrice: state.maxPrice,
      limit: 500,
    });
    await toolbox.filter({
      people: state.people,
      attributes: withFilters ? state.filters : [],
      excludeIds: state.excludedIds,
    });
    toolbox.buffer.narrow((entry) => {
      const item = index.get(entry.id) as Item;
      return (
        matchesState(item, withFilters ? state : { ...state, filters: [] }, index) &&
        !dislikedByProfile(context.profile, item.id, index)
      );
    });
  };
  await run(state.text, true);
  if (toolbox.buffer.size === 0 && state.text && state.categories.length) {
    await run('', true);
    if (toolbox.buffer.size > 0)
      notes.push(
        zh
          ? `未找到包含“${state.text}”的商品，已忽略这些词`
          : `nothing mentions "${state.text}", so I left those words out`,
      );
  }
  if (toolbox.buffer.size === 0 && state.filters.length) {
    await run(state.categories.length ? '' : state.text, false);
    if (toolbox.buffer.size > 0)
      notes.push(
        zh
          ? '没有完全符合属性要求的商品，以下是最接近的'
          : 'nothing meets every attribute you asked for; these come closest',
      );
  }
}

/** No constraints yet: the shopper's recommendations (popular items for anonymous shoppers) and a question. */
async function recommendations(context: TurnContext, state: SearchState, notes: string[]): Promise<TurnOutcome> {
  const { toolbox, index, language } = context;
  await toolbox.recommendForUser({ limit: 40 });
  const items = toolbox.buffer.top(context.limit).map((entry) => index.get(entry.id)!);
  const question = chooseQuestion({ state, candidates: items, index, language, asked: context.session.asked });
  if (question) context.session.asked = [...new Set([...context.session.asked, question.attribute])];
  const intro =
    language === 'zh'
      ? context.session.userId
        ? '根据你的喜好推荐：'
        : '热门推荐：'
      : context.session.userId
        ? 'Picked for you:'
        : 'Popular right now:';
  const reply = listReply({ language, index, state, items, total: toolbox.buffer.size, notes, question, intro });
  return {
    reply,
    items: items.map((item) => ({ id: item.id, reason: intro.replace(/[:：]$/, '') })),
    question,
    refused: false,
  };
}

function outcome(reply: string, items: TurnOutcome['items']): TurnOutcome {
  return { reply, items, question: null, refused: false };
}
