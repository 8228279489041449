// Plans in words and as a view: the reason line of each need ("Rain jacket · waterproof_mm ≥ 10000"), the plan view
// clients render (checklist, item cards, total), and basic mode's written answer in English or Chinese.

import type { CatalogIndex } from '../chat/catalog-index.ts';
import { formatPrice, titleOf, toCard } from '../chat/item-view.ts';
import type { ChecklistEntry, ItemCard, Language, PlanView } from '../chat/types.ts';
import type { PlanNeed, PlanResult } from './plan.ts';

export function describeNeed(need: PlanNeed, language: Language): string {
  const parts = [need.label];
  for (const constraint of need.constraints) {
    if (constraint.oneOf) parts.push(`${constraint.attribute}: ${constraint.oneOf.join('/')}`);
    if (constraint.min !== undefined) parts.push(`${constraint.attribute} ≥ ${constraint.min}`);
    if (constraint.max !== undefined) parts.push(`${constraint.attribute} ≤ ${constraint.max}`);
  }
  if (need.maxPrice !== undefined) parts.push(language === 'zh' ? `≤ ${need.maxPrice}元` : `≤ ${need.maxPrice}`);
  if (need.quantity > 1) parts.push(`× ${need.quantity}`);
  return parts.join(' · ');
}

export function planView(result: PlanResult, index: CatalogIndex): PlanView {
  const { plan } = result;
  const checklist: ChecklistEntry[] = result.lines.map((line) => ({
    needId: line.need.id,
    label: line.need.label,
    status: line.status,
    itemId: line.status === 'chosen' ? line.itemId : null,
    quantity: line.quantity,
    subtotal: line.status === 'chosen' ? line.subtotal : 0,
  }));
  const items: ItemCard[] = result.lines.flatMap((line) => {
    const item = line.status === 'chosen' && line.itemId ? index.get(line.itemId) : undefined;
    return item ? [toCard(item, { index, reason: line.reason, language: plan.language, quantity: line.quantity })] : [];
  });
  return {
    title: plan.title,
    intent: plan.intent,
    days: plan.days,
    people: plan.people,
    budget: plan.budget,
    currency: plan.currency,
    total: result.total,
    withinBudget: result.withinBudget,
    checklist,
    items,
    notes: result.notes,
  };
}

const statusWords: Record<Language, Record<PlanResult['lines'][number]['status'], string>> = {
  en: {
    chosen: '',
    owned: 'you have it',
    skipped: 'left out',
    unavailable: 'nothing suitable in stock',
    'over-budget': 'left out to stay within budget',
  },
  zh: {
    chosen: '',
    owned: '已有',
    skipped: '不需要',
    unavailable: '暂无合适商品',
    'over-budget': '为控制预算暂不购买',
  },
};

/** Basic mode's answer for a plan: a titled checklist with items, prices and the total. */
export function planReply(result: PlanResult, index: CatalogIndex, options: { basic: boolean }): string {
  const { plan } = result;
  const zh = plan.language === 'zh';
  const lines: string[] = [];
  if (options.basic)
    lines.push(
      zh
        ? '（基础模式：未配置大模型，按场景清单规划）'
        : '(Basic mode: no LLM configured; planned from the activity checklist.)',
    );
  const people = plan.people && plan.people > 1 ? (zh ? `，${plan.people}人` : `, ${plan.people} people`) : '';
  lines.push(zh ? `${plan.title}${people}的装备清单：` : `Checklist for ${plan.title}${people}:`);
  for (const [position, line] of result.lines.entries()) {
    const item = line.itemId ? index.get(line.itemId) : undefined;
    if (line.status === 'chosen' && item) {
      const quantity = line.quantity > 1 ? ` × ${line.quantity}` : '';
      lines.push(
        `${position + 1}. ${line.need.label}: ${titleOf(item, plan.language)} — ${formatPrice(item.price, plan.currency)}${quantity}`,
      );
    } else lines.push(`${position + 1}. ${line.need.label}: ${statusWords[plan.language][line.status]}`);
  }
  const total = formatPrice(result.total, plan.currency);
  if (plan.budget !== null) {
    const budget = formatPrice(plan.budget, plan.currency);
    lines.push(
      result.withinBudget
        ? zh
          ? `合计 ${total}，在预算 ${budget} 以内。`
          : `Total ${total}, within your budget of ${budget}.`
        : zh
          ? `合计 ${total}，超出预算 ${budget}：必需品的最低价组合也超出预算。`
          : `Total ${total}: over your budget of ${budget} even with the cheapest essentials.`,
    );
  } else lines.push(zh ? `合计 ${total}。` : `Total ${total}.`);
  for (const note of result.notes) lines.push(`· ${note}`);
  lines.push(
    zh
      ? '可以说“帐篷便宜一点”或“我已经有登山靴了”来调整。'
      : 'Say "a cheaper tent" or "I already have boots" to adjust.',
  );
  return lines.join('\n');
}
