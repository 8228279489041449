// Fictional brands of the demo shop, each with a price tier and the product groups it makes.
// Every group has budget, mid-tier and premium makers, so every category spans the price range.

import type { Bilingual, BrandGroup, BrandTier } from './category-spec.ts';

export interface DemoBrand {
  name: Bilingual;
  tier: BrandTier;
  groups: readonly BrandGroup[];
}

const brand = (en: string, zh: string, tier: BrandTier, groups: BrandGroup[]): DemoBrand => ({
  name: { en, zh },
  tier,
  groups,
});

export const demoBrands: readonly DemoBrand[] = [
  brand('Summit Fox', '峰狐', 'premium', ['shelter', 'packs', 'apparel']),
  brand('Arcline', '弧线', 'premium', ['apparel', 'footwear', 'accessories']),
  brand('Nordvik', '诺德维克', 'premium', ['shelter', 'furniture', 'kitchen']),
  brand('Kestrel Peak', '隼峰', 'premium', ['packs', 'footwear', 'shelter']),
  brand('Glacier Works', '冰川工坊', 'premium', ['apparel', 'accessories', 'kitchen']),
  brand('Vireo Labs', '维雷奥', 'premium', ['electronics']),
  brand('Halden', '哈尔登', 'premium', ['travel', 'accessories']),
  brand('Alpenkoch', '阿尔卑厨', 'premium', ['food', 'kitchen']),
  brand('TrailCraft', '径匠', 'mid', ['shelter', 'packs', 'furniture']),
  brand('Bluecanyon', '蓝谷', 'mid', ['apparel', 'footwear']),
  brand('Wildmoor', '野原', 'mid', ['shelter', 'kitchen', 'furniture']),
  brand('Redwood & Co.', '红杉', 'mid', ['packs', 'travel', 'accessories']),
  brand('Cloudstep', '云步', 'mid', ['footwear']),
  brand('Lumenor', '流明诺', 'mid', ['electronics']),
  brand('Emberline', '余烬', 'mid', ['kitchen', 'food']),
  brand('Pathfinder', '寻路者', 'mid', ['accessories', 'electronics']),
  brand('Yunling', '云岭', 'mid', ['apparel', 'shelter', 'packs']),
  brand('Taihang', '太行', 'mid', ['footwear', 'apparel']),
  brand('Silk Road Travel', '丝路行', 'mid', ['travel']),
  brand('Hearty Trail', '山野食堂', 'mid', ['food']),
  brand('Campy', '坎皮', 'budget', ['shelter', 'furniture', 'kitchen']),
  brand('GoOut', '出发吧', 'budget', ['packs', 'apparel', 'travel']),
  brand('Pinewood', '松木', 'budget', ['furniture', 'shelter']),
  brand('Basecamp Basics', '营地基础', 'budget', ['kitchen', 'accessories', 'electronics']),
  brand('Xiaoye', '小野', 'budget', ['apparel', 'footwear', 'packs']),
  brand('Daily Trek', '日行', 'budget', ['footwear', 'accessories']),
  brand('Trailmix Foods', '径食', 'budget', ['food']),
  brand('SunnyDay', '晴天', 'budget', ['accessories', 'travel', 'electronics']),
];

/** Price multiplier per tier, applied to a category's mid-tier price band. */
export const tierPriceFactor: Readonly<Record<BrandTier, number>> = { budget: 0.5, mid: 1, premium: 2.1 };

/** Brands that make a group, per tier. */
export function brandsFor(group: BrandGroup, tier: BrandTier): number[] {
  const out: number[] = [];
  demoBrands.forEach((candidate, index) => {
    if (candidate.tier === tier && candidate.groups.includes(group)) out.push(index);
  });
  return out;
}
