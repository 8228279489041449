// The cart: lines with quantities, the total, and "place order" (a purchase event per line, with its origin).

import { useState } from 'preact/hooks';
import { formatPrice } from '../shared/format.ts';
import { useObservable } from '../shared/observable.ts';
import { onLinkClick } from '../shared/router.ts';
import { cart, cartTotal, checkout, setQuantity } from './cart.ts';
import { useLanguage } from './i18n.ts';

export function CartPage() {
  const { lang, t } = useLanguage();
  const lines = useObservable(cart);
  const [ordered, setOrdered] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  if (lines.length === 0) {
    return (
      <section class="cart" aria-labelledby="cart-title">
        <h1 id="cart-title">{t('cart')}</h1>
        {ordered !== null ? (
          <p role="status" data-testid="order-placed">
            {t('ordered', { count: ordered })}
          </p>
        ) : (
          <p>{t('cartEmpty')}</p>
        )}
      </section>
    );
  }
  const currency = lines[0].currency;
  return (
    <section class="cart" aria-labelledby="cart-title">
      <h1 id="cart-title">{t('cart')}</h1>
      <ul class="cart-lines">
        {lines.map((line) => {
          const href = `/item/${encodeURIComponent(line.itemId)}`;
          const title = lang === 'zh' && line.titleZh ? line.titleZh : line.title;
          return (
            <li key={line.itemId} class="cart-line" data-testid="cart-line" data-item-id={line.itemId}>
              <a href={href} onClick={(event) => onLinkClick(event, href)}>
                {title}
              </a>
              <label class="field field-inline">
                <span>{t('quantity')}</span>
                <input
                  type="number"
                  min="0"
                  max="99"
                  value={line.quantity}
                  onChange={(event) =>
                    setQuantity(line.itemId, Math.max(0, Math.floor(Number(event.currentTarget.value) || 0)))
                  }
                />
              </label>
              <span class="cart-price">{formatPrice(line.price * line.quantity, line.currency)}</span>
              <button
                type="button"
                class="button button-small button-quiet"
                onClick={() => setQuantity(line.itemId, 0)}
                aria-label={`${t('remove')}: ${title}`}
              >
                {t('remove')}
              </button>
            </li>
          );
        })}
      </ul>
      <p class="cart-total">
        {t('total')}: <strong data-testid="cart-total">{formatPrice(cartTotal(lines), currency)}</strong>
      </p>
      <button
        type="button"
        class="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            setOrdered(await checkout());
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('checkout')}
      </button>
    </section>
  );
}
