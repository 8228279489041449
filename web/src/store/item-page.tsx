// An item: its details, the generated description when there is one, similar items, and the "frequently bought
// together" bundle (the item with its complements, a total, and one button for all of them).

import { useMemo } from 'preact/hooks';
import { formatPrice } from '../shared/format.ts';
import { useAsync } from '../shared/use-async.ts';
import { AddToCartButton } from './add-to-cart-button.tsx';
import { getItem, relatedItems } from './api.ts';
import { Bundle } from './bundle.tsx';
import { newRequestId } from './feedback.ts';
import {
  brandName,
  categoryName,
  generatedDescription,
  generatedSellingPoints,
  itemText,
  useLanguage,
} from './i18n.ts';
import { ItemPicture } from './item-picture.tsx';
import { RecRow } from './rec-row.tsx';

/** Attributes not shown in the details table (shown elsewhere, or internal). */
const hidden = new Set(['category_id', 'brand', 'brand_zh', 'currency', 'season_window', 'image', 'color_zh']);

export function ItemPage({ itemId }: { itemId: string }) {
  const { lang, t } = useLanguage();
  const item = useAsync(() => getItem(itemId), [itemId]);
  const similar = useAsync(() => relatedItems(itemId, 'similar', { n: 10, lang }), [itemId, lang]);
  const complements = useAsync(() => relatedItems(itemId, 'complements', { n: 3, lang }), [itemId, lang]);
  const ids = useMemo(
    () => ({ similar: newRequestId('similar'), bundle: newRequestId('bundle') }),
    [similar.data, complements.data],
  );
  if (item.error) {
    return (
      <p class="error" role="alert">
        {t('error', { message: item.error.message })}
      </p>
    );
  }
  if (!item.data) return <p class="loading">{t('loading')}</p>;
  const data = item.data;
  const title = itemText(data, 'title', lang);
  const generated = generatedDescription(data, lang);
  const points = generatedSellingPoints(data, lang);
  // Chinese values (`material_zh`) stand in for their English key in Chinese, and are not rows of their own.
  const attributes = Object.entries(data.attributes)
    .filter(([key, value]) => !hidden.has(key) && !key.endsWith('_zh') && value !== null && typeof value !== 'object')
    .map(([key, value]): [string, unknown] => [key, (lang === 'zh' && data.attributes[`${key}_zh`]) || value]);
  return (
    <>
      <article class="item-detail" data-testid="item-detail" data-item-id={data.id}>
        <ItemPicture item={data} size="large" />
        <div class="item-summary">
          <p class="breadcrumb">
            {lang === 'zh' && data.text?.category_zh ? data.text.category_zh : data.categories.join(' / ')}
          </p>
          <h1>{title}</h1>
          <p class="item-brand">
            {t('brand')}: {brandName(data, lang)} · {t('rating')}: {String(data.attributes.rating ?? '—')}
          </p>
          <p class="item-price">{formatPrice(data.price, data.attributes.currency)}</p>
          <AddToCartButton item={data} />
          <h2>{t('description')}</h2>
          <p>{itemText(data, 'description', lang)}</p>
          {(generated || points.length > 0) && (
            <aside class="generated" data-testid="generated-description">
              {generated && <p>{generated}</p>}
              {points.length > 0 && (
                <ul data-testid="selling-points">
                  {points.map((point) => (
                    <li key={point}>{point}</li>
                  ))}
                </ul>
              )}
              <p class="hint">{t('generated')}</p>
            </aside>
          )}
          <details open>
            <summary>{t('details')}</summary>
            <table class="attributes">
              <tbody>
                <tr>
                  <th scope="row">{t('category')}</th>
                  <td>{categoryName(data, lang)}</td>
                </tr>
                {attributes.map(([key, value]) => (
                  <tr key={key}>
                    <th scope="row">{key.replaceAll('_', ' ')}</th>
                    <td>{String(value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      </article>
      {complements.data && complements.data.items.length > 0 && (
        <Bundle item={data} entries={complements.data.items} requestId={ids.bundle} />
      )}
      <RecRow
        title={t('similar')}
        list="item-similar"
        requestId={ids.similar}
        entries={similar.data?.items ?? null}
        error={similar.error}
        onRetry={similar.reload}
      />
    </>
  );
}
