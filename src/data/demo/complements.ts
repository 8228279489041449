// Complement relations between demo categories (tent ↔ pad ↔ sleeping bag, stove ↔ fuel ↔ cookware, …), with
// fit rules on item attributes, so that a bundle can hold a pad that fits its tent and fuel that fits its stove.

import type { Item } from '../../core/types.ts';
import type { Bilingual } from './category-spec.ts';

/**
 * A rule between an item of the relation's `from` category (left) and one of its `to` category (right).
 * - `equal`: left[leftAttribute] === right[rightAttribute] (a stove and its fuel type);
 * - `at-most`: left[leftAttribute] ≤ right[rightAttribute] (a pad no wider than a tent's sleeping space);
 * - `within`: right[minAttribute] ≤ left[leftAttribute] ≤ right[maxAttribute] (a pack inside a cover's range).
 */
export type FitRule =
  | { kind: 'equal'; leftAttribute: string; rightAttribute: string }
  | { kind: 'at-most'; leftAttribute: string; rightAttribute: string }
  | { kind: 'within'; leftAttribute: string; minAttribute: string; maxAttribute: string };

export interface ComplementRelation {
  /** Category id (left side of the fit rules). */
  from: string;
  /** Category id (right side of the fit rules). */
  to: string;
  /** How often the two are bought together, 0–1. The simulator's boost after a purchase scales with it. */
  strength: number;
  /** Every rule must hold for two items to fit; no rules means any two items go together. */
  fit: FitRule[];
  /** Why they go together, for explanations. */
  reason: Bilingual;
}

const relation = (from: string, to: string, strength: number, reason: Bilingual, fit: FitRule[] = []) => ({
  from,
  to,
  strength,
  fit,
  reason,
});

export const demoComplements: readonly ComplementRelation[] = [
  relation('sleeping-pads', 'tents', 0.9, { en: 'a pad that fits the tent floor', zh: '尺寸合适的帐篷睡垫' }, [
    { kind: 'at-most', leftAttribute: 'width_per_sleeper_cm', rightAttribute: 'pad_width_max_cm' },
    { kind: 'at-most', leftAttribute: 'length_cm', rightAttribute: 'floor_length_cm' },
  ]),
  relation('sleeping-bags', 'tents', 0.8, { en: 'a sleeping bag for the night in the tent', zh: '帐篷过夜所需的睡袋' }),
  relation('sleeping-bags', 'sleeping-pads', 0.85, {
    en: 'a warm sleep system: bag plus pad',
    zh: '睡袋加睡垫，完整睡眠系统',
  }),
  relation('stoves', 'fuel', 0.95, { en: 'fuel that fits the stove', zh: '与炉头匹配的燃料' }, [
    { kind: 'equal', leftAttribute: 'fuel_type', rightAttribute: 'fuel_type' },
  ]),
  relation('stoves', 'cookware', 0.8, { en: 'a pot for the stove', zh: '与炉头搭配的锅具' }),
  relation('stoves', 'freeze-dried-meals', 0.5, { en: 'hot meals on the trail', zh: '路上的热食' }),
  relation('cookware', 'freeze-dried-meals', 0.4, { en: 'something to cook', zh: '可以烹煮的食物' }),
  relation('water-filters', 'water-bottles', 0.6, { en: 'a bottle to filter into', zh: '搭配过滤用水壶' }),
  relation('backpacks', 'pack-covers', 0.7, { en: 'a rain cover sized for the pack', zh: '尺寸匹配的背包防雨罩' }, [
    { kind: 'within', leftAttribute: 'volume_l', minAttribute: 'fits_min_l', maxAttribute: 'fits_max_l' },
  ]),
  relation('daypacks', 'pack-covers', 0.4, { en: 'a rain cover sized for the daypack', zh: '尺寸匹配的防雨罩' }, [
    { kind: 'within', leftAttribute: 'volume_l', minAttribute: 'fits_min_l', maxAttribute: 'fits_max_l' },
  ]),
  relation('backpacks', 'water-filters', 0.4, { en: 'safe water on multi-day trips', zh: '多日行程的安全饮水' }),
  relation('backpacks', 'trekking-poles', 0.5, {
    en: 'poles to take weight off the knees',
    zh: '减轻膝盖负担的登山杖',
  }),
  relation('hiking-boots', 'socks', 0.8, { en: 'hiking socks against blisters', zh: '防磨脚的徒步袜' }),
  relation('hiking-boots', 'trekking-poles', 0.5, { en: 'poles for steep descents', zh: '陡坡下撤用的登山杖' }),
  relation('trail-shoes', 'socks', 0.7, { en: 'running socks', zh: '跑步袜' }),
  relation('trail-shoes', 'hydration-packs', 0.6, { en: 'water on the run', zh: '跑步补水' }),
  relation('rain-jackets', 'hiking-pants', 0.5, { en: 'trousers for wet trails', zh: '适合湿滑路面的徒步裤' }),
  relation('rain-jackets', 'pack-covers', 0.5, { en: 'keeping the pack dry too', zh: '让背包也不淋雨' }),
  relation('down-jackets', 'gloves', 0.7, { en: 'warm hands', zh: '手部保暖' }),
  relation('down-jackets', 'hats', 0.6, { en: 'a warm hat', zh: '保暖帽子' }),
  relation('down-jackets', 'base-layers', 0.7, { en: 'a base layer underneath', zh: '内搭排汗层' }),
  relation('tents', 'headlamps', 0.5, { en: 'light at camp', zh: '营地照明' }),
  relation('tents', 'lanterns', 0.5, { en: 'light inside the tent', zh: '帐篷内照明' }),
  relation('camp-chairs', 'camp-tables', 0.8, { en: 'a table to go with the chairs', zh: '与露营椅搭配的桌子' }),
  relation('coolers', 'camp-tables', 0.4, { en: 'a camp kitchen set-up', zh: '营地厨房布置' }),
  relation('hammocks', 'tarps', 0.8, { en: 'a tarp over the hammock', zh: '吊床上方的天幕' }),
  relation('gps', 'maps', 0.6, { en: 'a paper map as backup', zh: '纸质地图备份' }),
  relation('gps', 'power-banks', 0.5, { en: 'power for long days', zh: '长时间续航' }),
  relation('headlamps', 'power-banks', 0.3, { en: 'recharging on the go', zh: '随时充电' }),
  relation('luggage', 'travel-adapters', 0.7, { en: 'plugs that work abroad', zh: '出境可用的插头' }),
  relation('luggage', 'travel-pillows', 0.6, { en: 'sleep on the flight', zh: '飞机上好好睡一觉' }),
  relation('travel-adapters', 'power-banks', 0.5, { en: 'charging on the move', zh: '路上充电' }),
  relation('sandals', 'towels', 0.5, { en: 'beach days', zh: '海滩日' }),
  relation('sunglasses', 'hats', 0.5, { en: 'sun protection', zh: '防晒' }),
  relation('sun-care', 'hats', 0.5, { en: 'sun protection', zh: '防晒' }),
  relation('first-aid', 'backpacks', 0.3, { en: 'a kit for the pack', zh: '背包常备急救包' }),
];

/** The relations touching a category, in either direction. */
export function complementsOf(categoryId: string): ComplementRelation[] {
  return demoComplements.filter((candidate) => candidate.from === categoryId || candidate.to === categoryId);
}

/**
 * True when two items satisfy every fit rule of `relation`, in either order. An item missing an attribute a rule
 * needs does not fit.
 */
export function itemsFit(
  relation: ComplementRelation,
  first: Pick<Item, 'attributes'>,
  second: Pick<Item, 'attributes'>,
): boolean {
  const firstCategory = first.attributes.category_id;
  const [left, right] = firstCategory === relation.from ? [first, second] : [second, first];
  return relation.fit.every((rule) => {
    const value = left.attributes[rule.leftAttribute];
    if (rule.kind === 'equal') return value !== undefined && value === right.attributes[rule.rightAttribute];
    if (typeof value !== 'number') return false;
    if (rule.kind === 'at-most') {
      const limit = right.attributes[rule.rightAttribute];
      return typeof limit === 'number' && value <= limit;
    }
    const low = right.attributes[rule.minAttribute];
    const high = right.attributes[rule.maxAttribute];
    return typeof low === 'number' && typeof high === 'number' && value >= low && value <= high;
  });
}
