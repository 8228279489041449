// The cart, kept in localStorage: lines with the item's title and price as shown, and where it was added from, so
// that the purchase carries the recommendation's source, position and request id.

import { observable } from '../shared/observable.ts';
import type { Item } from '../shared/types.ts';
import { flush, type Origin, originOf, track } from './feedback.ts';

export interface CartLine {
  itemId: string;
  title: string;
  titleZh: string | null;
  price: number;
  currency: string;
  quantity: number;
  origin: Origin | null;
}

const storageKey = 'lmrec.cart';

function load(): CartLine[] {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? '[]') as CartLine[];
  } catch {
    return [];
  }
}

export const cart = observable<CartLine[]>(load());

function save(lines: CartLine[]): void {
  localStorage.setItem(storageKey, JSON.stringify(lines));
  cart.set(lines);
}

export function cartCount(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
}

/** Adds an item (a `cart` event with its origin: the one given, or the list it was last clicked from). */
export async function addToCart(item: Item, options: { origin?: Origin; quantity?: number } = {}): Promise<void> {
  const origin = options.origin ?? originOf(item.id) ?? null;
  const quantity = options.quantity ?? 1;
  const lines = cart.get();
  const existing = lines.find((line) => line.itemId === item.id);
  save(
    existing
      ? lines.map((line) => (line === existing ? { ...line, quantity: line.quantity + quantity } : line))
      : [
          ...lines,
          {
            itemId: item.id,
            title: item.title,
            titleZh: item.text?.title_zh ?? null,
            price: item.price ?? 0,
            currency: typeof item.attributes.currency === 'string' ? item.attributes.currency : 'CNY',
            quantity,
            origin,
          },
        ],
  );
  await track('cart', item.id, origin ?? undefined, { value: quantity });
}

export function setQuantity(itemId: string, quantity: number): void {
  save(
    cart
      .get()
      .map((line) => (line.itemId === itemId ? { ...line, quantity } : line))
      .filter((line) => line.quantity > 0),
  );
}

/** Places the order: one `purchase` per line, with the price paid, then an empty cart. */
export async function checkout(): Promise<number> {
  const lines = cart.get();
  await Promise.all(
    lines.map((line) =>
      track('purchase', line.itemId, line.origin ?? undefined, {
        value: line.quantity,
        context: { price: line.price * line.quantity, quantity: line.quantity },
      }),
    ),
  );
  await flush();
  save([]);
  return cartCount(lines);
}
