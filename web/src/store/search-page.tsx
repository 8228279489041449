// Search: hybrid (words and meaning) over the catalog, with category and price filters from the facets and a brand
// facet that narrows the page's results.

import { useMemo, useState } from 'preact/hooks';
import { formatPrice } from '../shared/format.ts';
import { navigate, useLocation } from '../shared/router.ts';
import { useAsync } from '../shared/use-async.ts';
import { search } from './api.ts';
import { newRequestId } from './feedback.ts';
import { useLanguage } from './i18n.ts';
import { RecCard } from './rec-card.tsx';

function numberOrUndefined(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function SearchPage() {
  const { t } = useLanguage();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const category = query.get('category') ?? '';
  const minPrice = numberOrUndefined(query.get('minPrice'));
  const maxPrice = numberOrUndefined(query.get('maxPrice'));
  const [brands, setBrands] = useState<Set<string>>(new Set());
  const result = useAsync(
    () => (q ? search({ q, category: category || undefined, minPrice, maxPrice }) : Promise.resolve(null)),
    [q, category, minPrice, maxPrice],
  );
  const requestId = useMemo(() => newRequestId('search'), [result.data]);
  const go = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    setBrands(new Set());
    navigate(`/search?${next}`, { replace: true });
  };
  const submitPrices = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    go({ minPrice: String(form.get('minPrice') ?? ''), maxPrice: String(form.get('maxPrice') ?? '') });
  };
  const data = result.data;
  const shown = data?.items.filter((hit) => brands.size === 0 || brands.has(String(hit.item.attributes.brand))) ?? [];
  return (
    <div class="search-layout">
      <aside class="facets" aria-label={t('search')}>
        <label class="field">
          <span>{t('category')}</span>
          <select value={category} onChange={(event) => go({ category: event.currentTarget.value })}>
            <option value="">{t('allCategories')}</option>
            {(data?.facets.categories ?? []).map((facet) => (
              <option key={facet.value} value={facet.value}>
                {facet.value} ({facet.count})
              </option>
            ))}
            {category && !data?.facets.categories.some((facet) => facet.value === category) && (
              <option value={category}>{category}</option>
            )}
          </select>
        </label>
        <form class="price-filter" onSubmit={submitPrices}>
          <label class="field">
            <span>{t('minPrice')}</span>
            <input name="minPrice" type="number" min="0" inputMode="numeric" value={minPrice ?? ''} />
          </label>
          <label class="field">
            <span>{t('maxPrice')}</span>
            <input name="maxPrice" type="number" min="0" inputMode="numeric" value={maxPrice ?? ''} />
          </label>
          <button type="submit" class="button button-small">
            {t('apply')}
          </button>
        </form>
        {data && data.facets.price.buckets.length > 0 && (
          <fieldset class="facet">
            <legend>{t('price')}</legend>
            {data.facets.price.buckets.map((bucket) => (
              <button
                type="button"
                class="chip"
                key={bucket.from}
                aria-pressed={minPrice === bucket.from && maxPrice === (bucket.to ?? undefined)}
                onClick={() => go({ minPrice: bucket.from, maxPrice: bucket.to ?? undefined })}
              >
                {formatPrice(bucket.from)}
                {bucket.to === null ? '+' : `–${formatPrice(bucket.to)}`} ({bucket.count})
              </button>
            ))}
          </fieldset>
        )}
        {data && data.facets.brands.length > 0 && (
          <fieldset class="facet">
            <legend>{t('brands')}</legend>
            {data.facets.brands.slice(0, 12).map((facet) => (
              <label key={facet.value} class="check">
                <input
                  type="checkbox"
                  checked={brands.has(facet.value)}
                  onChange={() => {
                    const next = new Set(brands);
                    if (next.has(facet.value)) next.delete(facet.value);
                    else next.add(facet.value);
                    setBrands(next);
                  }}
                />
                {facet.value} ({facet.count})
              </label>
            ))}
          </fieldset>
        )}
        {(category || minPrice !== undefined || maxPrice !== undefined || brands.size > 0) && (
          <button
            type="button"
            class="button button-small button-quiet"
            onClick={() => go({ category: '', minPrice: '', maxPrice: '' })}
          >
            {t('clear')}
          </button>
        )}
      </aside>
      <section class="search-results" aria-live="polite" aria-busy={result.loading}>
        {result.error && (
          <p class="error" role="alert">
            {t('error', { message: result.error.message })}
          </p>
        )}
        {data && <h1 class="results-title">{t('results', { count: data.total, q })}</h1>}
        {data && shown.length === 0 && <p>{t('noResults')}</p>}
        {result.loading && !data && <p class="loading">{t('loading')}</p>}
        <div class="card-grid">
          {shown.map((hit, index) => (
            <RecCard
              key={hit.id}
              item={hit.item}
              testId="search-result"
              reasons={[
                {
                  kind: 'search',
                  text: t('matched', { how: hit.matchedBy.map((how) => t(`match_${how}`)).join(' + ') }),
                  evidence: [],
                },
              ]}
              origin={{ source: 'search', position: index, requestId, list: 'search' }}
            />
          ))}
        </div>
      </section>
    </div>
  );
}
