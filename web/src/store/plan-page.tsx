// The latest shopping plan from the assistant on a page of its own (/plan).

import { useObservable } from '../shared/observable.ts';
import { chatOpen, latestPlan } from './chat.ts';
import { useLanguage } from './i18n.ts';
import { PlanView } from './plan-view.tsx';

export function PlanPage() {
  const { t } = useLanguage();
  const plan = useObservable(latestPlan);
  return (
    <section aria-labelledby="plan-title" class="plan-page">
      <h1 id="plan-title">{t('plan')}</h1>
      {plan ? (
        <PlanView plan={plan} requestId={`plan-${plan.title}`} />
      ) : (
        <p>
          {t('planEmpty')}{' '}
          <button type="button" class="button button-small" onClick={() => chatOpen.set(true)}>
            {t('assistant')}
          </button>
        </p>
      )}
    </section>
  );
}
