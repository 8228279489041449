// "Add to cart" for an item page or a chat card: says "Added" for a moment, disabled when out of stock.

import { useState } from 'preact/hooks';
import type { Item } from '../shared/types.ts';
import { addToCart } from './cart.ts';
import type { Origin } from './feedback.ts';
import { itemText, useLanguage } from './i18n.ts';

export function AddToCartButton({ item, origin, small }: { item: Item; origin?: Origin; small?: boolean }) {
  const { lang, t } = useLanguage();
  const [added, setAdded] = useState(false);
  const add = async () => {
    await addToCart(item, { origin });
    setAdded(true);
    setTimeout(() => setAdded(false), 1500);
  };
  return (
    <button
      type="button"
      class={small ? 'button button-small' : 'button'}
      disabled={!item.available}
      onClick={add}
      aria-label={`${t('addToCart')}: ${itemText(item, 'title', lang)}`}
    >
      {item.available ? (added ? t('added') : t('addToCart')) : t('outOfStock')}
    </button>
  );
}
