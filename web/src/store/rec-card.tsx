// One recommended item: picture, title, price and the reason it is shown. Its impression is sent once half of it
// has been on screen, its click when it is opened; both carry the list's source, position and request id.

import { useState } from 'preact/hooks';
import { formatPrice } from '../shared/format.ts';
import { onLinkClick } from '../shared/router.ts';
import type { Item, Reason } from '../shared/types.ts';
import { addToCart } from './cart.ts';
import { type Origin, track } from './feedback.ts';
import { itemText, useLanguage } from './i18n.ts';
import { ItemPicture } from './item-picture.tsx';
import { useImpression } from './use-impression.ts';

export interface RecCardProps {
  item: Item;
  reasons: Reason[];
  origin: Origin;
  /** `rec-card` (default) for recommendations; search results use `search-result`. */
  testId?: string;
}

export function RecCard({ item, reasons, origin, testId = 'rec-card' }: RecCardProps) {
  const { lang, t } = useLanguage();
  const element = useImpression<HTMLElement>(item.id, origin);
  const [added, setAdded] = useState(false);
  const href = `/item/${encodeURIComponent(item.id)}`;
  const title = itemText(item, 'title', lang);
  const reason = reasons[0]?.text ?? '';
  const open = (event: MouseEvent) => {
    void track('click', item.id, origin);
    onLinkClick(event, href);
  };
  const add = async () => {
    await addToCart(item, { origin });
    setAdded(true);
    setTimeout(() => setAdded(false), 1500);
  };
  return (
    <article class="card" data-testid={testId} data-item-id={item.id} data-source={origin.source} ref={element}>
      <a class="card-link" href={href} onClick={open}>
        <ItemPicture item={item} />
        <h3 class="card-title">{title}</h3>
      </a>
      <p class="card-price">{formatPrice(item.price, item.attributes.currency)}</p>
      <p class="card-reason" data-testid="rec-reason" title={reasons.map((entry) => entry.text).join(' · ')}>
        {reason}
      </p>
      <button
        type="button"
        class="button button-small"
        disabled={!item.available}
        onClick={add}
        aria-label={`${t('addToCart')}: ${title}`}
      >
        {item.available ? (added ? t('added') : t('addToCart')) : t('outOfStock')}
      </button>
    </article>
  );
}
