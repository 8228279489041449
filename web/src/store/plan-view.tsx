// The shopping plan: a checklist of needs, each with its chosen item, quantity and subtotal, the total against the
// budget, and one button that puts the whole plan in the cart.

import { formatPrice } from '../shared/format.ts';
import { onLinkClick } from '../shared/router.ts';
import { addToCart } from './cart.ts';
import { cardItem } from './chat-card.tsx';
import type { PlanView as Plan } from './chat-types.ts';
import { type Origin, track } from './feedback.ts';
import type { StringKey } from './i18n.ts';
import { useLanguage } from './i18n.ts';

export function PlanView({ plan, requestId }: { plan: Plan; requestId: string }) {
  const { t } = useLanguage();
  const cards = new Map(plan.items.map((card) => [card.id, card]));
  const currency = plan.currency ?? 'CNY';
  const chosen = plan.checklist.filter((entry) => entry.status === 'chosen' && entry.itemId && cards.has(entry.itemId));
  const origin = (itemId: string): Origin => ({
    source: 'assistant-plan',
    position: plan.checklist.findIndex((entry) => entry.itemId === itemId),
    requestId,
    list: 'plan',
  });
  const addAll = async () => {
    for (const entry of chosen) {
      await addToCart(cardItem(cards.get(entry.itemId!)!), { quantity: entry.quantity, origin: origin(entry.itemId!) });
    }
  };
  return (
    <section class="plan" data-testid="plan" aria-label={`${t('plan')}: ${plan.title}`}>
      <h3>{plan.title}</h3>
      <p class="plan-meta">
        {plan.days !== null && <span>{t('days', { count: plan.days })}</span>}
        {plan.people !== null && <span>{t('people', { count: plan.people })}</span>}
        {plan.budget !== null && (
          <span>
            {t('budget')}: {formatPrice(plan.budget, currency)}
          </span>
        )}
      </p>
      <ul class="checklist">
        {plan.checklist.map((entry) => {
          const card = entry.itemId ? cards.get(entry.itemId) : undefined;
          return (
            <li key={entry.needId} class={`check-${entry.status}`} data-testid="plan-entry" data-status={entry.status}>
              <span class="check-mark" aria-hidden="true">
                {entry.status === 'chosen' ? '☑' : entry.status === 'owned' ? '✓' : '☐'}
              </span>
              <span class="check-label">
                <strong>{entry.label}</strong>
                {card ? (
                  <a
                    class="check-item"
                    href={`/item/${encodeURIComponent(card.id)}`}
                    onClick={(event) => {
                      void track('click', card.id, origin(card.id));
                      onLinkClick(event, `/item/${encodeURIComponent(card.id)}`);
                    }}
                  >
                    {card.title}
                  </a>
                ) : null}
                <span class="check-status">{t(`status_${entry.status}` as StringKey)}</span>
              </span>
              <span class="check-quantity">{entry.quantity > 1 ? `× ${entry.quantity}` : ''}</span>
              <span class="check-subtotal">{entry.subtotal > 0 ? formatPrice(entry.subtotal, currency) : ''}</span>
            </li>
          );
        })}
      </ul>
      <p class="plan-total">
        {t('total')}: <strong data-testid="plan-total">{formatPrice(plan.total, currency)}</strong>
        {plan.budget !== null && (
          <span class={plan.withinBudget ? 'badge badge-ok' : 'badge badge-warn'}>
            {plan.withinBudget ? t('withinBudget') : t('overBudget')}
          </span>
        )}
      </p>
      {plan.notes.length > 0 && (
        <ul class="plan-notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <button type="button" class="button" disabled={chosen.length === 0} onClick={addAll}>
        {t('addPlan')}
      </button>
    </section>
  );
}
