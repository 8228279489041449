// The demo shop's category tree: 42 leaf categories in 9 departments, English paths on items
// (`["Camping", "Tents"]`) and Chinese names beside them.

import type { Item } from '../../core/types.ts';
import { campFurnitureCategories } from './categories-camp-furniture.ts';
import { shelterCategories } from './categories-camping.ts';
import { clothingCategories } from './categories-clothing.ts';
import { electronicsCategories, safetyCategories } from './categories-electronics.ts';
import { footwearCategories, hikingCategories } from './categories-hiking.ts';
import { kitchenCategories } from './categories-kitchen.ts';
import { foodCategories, travelCategories } from './categories-travel.ts';
import type { Bilingual, CategorySpec, DepartmentId } from './category-spec.ts';

export const departments: Readonly<Record<DepartmentId, Bilingual>> = {
  camping: { en: 'Camping', zh: '露营' },
  kitchen: { en: 'Camp Kitchen', zh: '野炊' },
  hiking: { en: 'Hiking', zh: '徒步' },
  footwear: { en: 'Footwear', zh: '鞋靴' },
  clothing: { en: 'Clothing', zh: '服装' },
  electronics: { en: 'Navigation & Electronics', zh: '导航与电子' },
  safety: { en: 'Safety & Health', zh: '安全与健康' },
  food: { en: 'Food', zh: '食品' },
  travel: { en: 'Travel', zh: '旅行' },
};

export const demoCategorySpecs: readonly CategorySpec[] = [
  ...shelterCategories,
  ...campFurnitureCategories,
  ...kitchenCategories,
  ...hikingCategories,
  ...footwearCategories,
  ...clothingCategories,
  ...electronicsCategories,
  ...safetyCategories,
  ...foodCategories,
  ...travelCategories,
];

/** A category as data: what the store's kv keeps and what chat, bundle and UI code read. */
export interface DemoCategory {
  id: string;
  department: DepartmentId;
  /** The English path stored on items, e.g. `["Camping", "Tents"]`. */
  path: [string, string];
  /** The same path in Chinese, e.g. `["露营", "帐篷"]`. */
  pathZh: [string, string];
  name: Bilingual;
  singlePerKit: boolean;
  /** Mid-tier price band in yuan. */
  priceRange: [number, number];
}

export const demoCategories: readonly DemoCategory[] = demoCategorySpecs.map((spec) => ({
  id: spec.id,
  department: spec.department,
  path: [departments[spec.department].en, spec.name.en],
  pathZh: [departments[spec.department].zh, spec.name.zh],
  name: spec.name,
  singlePerKit: spec.singlePerKit,
  priceRange: [spec.priceRange[0], spec.priceRange[1]],
}));

const byId = new Map(demoCategories.map((category) => [category.id, category]));
const byLeafName = new Map(demoCategories.map((category) => [category.name.en.toLowerCase(), category]));

/** The category with this id, or undefined. */
export function demoCategory(id: string): DemoCategory | undefined {
  return byId.get(id);
}

/** The demo category of an item: its `category_id` attribute, else the leaf of its category path. */
export function demoCategoryOf(item: Pick<Item, 'attributes' | 'categories'>): DemoCategory | undefined {
  const id = item.attributes.category_id;
  if (typeof id === 'string' && byId.has(id)) return byId.get(id);
  const leaf = item.categories[item.categories.length - 1];
  return leaf ? byLeafName.get(leaf.toLowerCase()) : undefined;
}

/** Ids of the categories that a kit holds at most one item of. */
export const singlePerKitCategories: ReadonlySet<string> = new Set(
  demoCategories.filter((category) => category.singlePerKit).map((category) => category.id),
);
