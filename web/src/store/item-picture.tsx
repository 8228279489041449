// The demo catalog has no photos: each item is drawn as a tile with its category's symbol and a colour of its own.

import type { Item } from '../shared/types.ts';

// biome-ignore format: a table reads better packed
const symbols: Record<string, string> = {
  tents: '⛺', 'sleeping-bags': '🛌', 'sleeping-pads': '🧘', hammocks: '🏝️', tarps: '⛱️', 'camp-chairs': '🪑',
  'camp-tables': '🍽️', lanterns: '🏮', coolers: '🧊', stoves: '🔥', fuel: '⛽', cookware: '🍳', 'water-filters': '💧',
  'water-bottles': '🍶', backpacks: '🎒', daypacks: '🎒', 'trekking-poles': '🦯', 'hydration-packs': '🚰',
  'pack-covers': '☔', 'hiking-boots': '🥾', 'trail-shoes': '👟', sandals: '🩴', socks: '🧦', 'rain-jackets': '🧥',
  'down-jackets': '🧥', 'base-layers': '👕', 'hiking-pants': '👖', gloves: '🧤', hats: '🧢', headlamps: '🔦',
  gps: '🧭', maps: '🗺️', 'power-banks': '🔋', 'first-aid': '🩹', 'sun-care': '🧴', snacks: '🥜',
  'freeze-dried-meals': '🥘', luggage: '🧳', 'travel-adapters': '🔌', 'travel-pillows': '💤', towels: '🧻',
  sunglasses: '🕶️',
};

function hue(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++) hash = (hash * 31 + text.charCodeAt(index)) >>> 0;
  return hash % 360;
}

export function ItemPicture({ item, size = 'card' }: { item: Item; size?: 'card' | 'large' | 'small' }) {
  const category = typeof item.attributes.category_id === 'string' ? item.attributes.category_id : '';
  const image = typeof item.attributes.image === 'string' ? item.attributes.image : null;
  if (image) return <img class={`picture picture-${size}`} src={image} alt="" loading="lazy" />;
  const base = hue(category || item.id);
  const shade = hue(item.id) % 30;
  return (
    <div
      class={`picture picture-${size}`}
      style={{
        background: `linear-gradient(135deg, hsl(${base} 45% ${88 - shade / 3}%), hsl(${(base + 40) % 360} 55% 78%))`,
      }}
      aria-hidden="true"
    >
      <span>{symbols[category] ?? '🏕️'}</span>
    </div>
  );
}
