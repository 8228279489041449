// A titled list of recommended items (a grid, or a row that scrolls sideways), with loading and error states.

import type { ComponentChildren } from 'preact';
import type { ListedItem } from '../shared/types.ts';
import { useLanguage } from './i18n.ts';
import { RecCard } from './rec-card.tsx';

export interface RecRowProps {
  title: ComponentChildren;
  /** Which list on the page (sent with the feedback). */
  list: string;
  requestId: string;
  entries: ListedItem[] | null;
  error?: Error | null;
  onRetry?: () => void;
  layout?: 'grid' | 'row';
  hint?: string;
}

export function RecRow({ title, list, requestId, entries, error, onRetry, layout = 'row', hint }: RecRowProps) {
  const { t } = useLanguage();
  const id = `list-${list}`;
  return (
    <section class="rec-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint && <p class="hint">{hint}</p>}
      {error ? (
        <p class="error" role="alert">
          {t('error', { message: error.message })}{' '}
          {onRetry && (
            <button type="button" class="button button-small" onClick={onRetry}>
              {t('retry')}
            </button>
          )}
        </p>
      ) : !entries ? (
        <p class="loading" aria-busy="true">
          {t('loading')}
        </p>
      ) : (
        <div class={layout === 'grid' ? 'card-grid' : 'card-row'}>
          {entries.map((entry, index) =>
            entry.item ? (
              <RecCard
                key={entry.id}
                item={entry.item}
                reasons={entry.reasons}
                origin={{
                  source: entry.source,
                  position: entry.position ?? index,
                  requestId,
                  propensity: entry.propensity,
                  list,
                }}
              />
            ) : null,
          )}
        </div>
      )}
    </section>
  );
}
