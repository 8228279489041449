// An item card in the chat: a real catalog item with the assistant's reason, a link to it and "add to cart".

import { formatPrice } from '../shared/format.ts';
import { onLinkClick } from '../shared/router.ts';
import type { Item } from '../shared/types.ts';
import { AddToCartButton } from './add-to-cart-button.tsx';
import type { ItemCard } from './chat-types.ts';
import { type Origin, track } from './feedback.ts';
import { ItemPicture } from './item-picture.tsx';
import { useImpression } from './use-impression.ts';

/** The card as the catalog item the cart and the picture need. */
export function cardItem(card: ItemCard): Item {
  return {
    id: card.id,
    title: card.title,
    categories: [card.category],
    tags: [],
    attributes: { category_id: card.categoryKey, currency: card.currency ?? 'CNY', rating: card.rating },
    price: card.price,
    available: card.available,
  };
}

export function ChatCard({ card, origin }: { card: ItemCard; origin: Origin }) {
  const element = useImpression<HTMLLIElement>(card.id, origin);
  const item = cardItem(card);
  const href = `/item/${encodeURIComponent(card.id)}`;
  return (
    <li class="chat-card" ref={element} data-testid="chat-card" data-item-id={card.id} data-category={card.categoryKey}>
      <ItemPicture item={item} size="small" />
      <div class="chat-card-body">
        <a
          href={href}
          onClick={(event) => {
            void track('click', card.id, origin);
            onLinkClick(event, href);
          }}
        >
          {card.title}
        </a>
        <span class="card-price">
          {formatPrice(card.price, card.currency ?? 'CNY')}
          {card.quantity && card.quantity > 1 ? ` × ${card.quantity}` : ''}
        </span>
        {card.reason && <span class="card-reason">{card.reason}</span>}
        <AddToCartButton item={item} origin={origin} small />
      </div>
    </li>
  );
}
