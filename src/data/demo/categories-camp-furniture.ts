// Camping department, camp furniture: chairs, tables, lanterns and coolers.

import { between, type CategorySpec, kilograms, pick } from './category-spec.ts';

const campChairs: CategorySpec = {
  id: 'camp-chairs',
  department: 'camping',
  name: { en: 'Camp Chairs', zh: '露营椅' },
  nouns: [
    { en: 'Camp Chair', zh: '露营椅' },
    { en: 'Folding Chair', zh: '折叠椅' },
    { en: 'Moon Chair', zh: '月亮椅' },
    { en: 'Kermit Chair', zh: '克米特椅' },
  ],
  priceRange: [100, 380],
  share: 2.5,
  brandGroup: 'furniture',
  singlePerKit: false,
  useCases: [
    { en: 'campfire evenings', zh: '篝火晚会' },
    { en: 'picnics and festivals', zh: '野餐与音乐节' },
  ],
  features: [
    { en: 'Folds flat in seconds and fits in a car boot.', zh: '秒收折叠，轻松放入后备箱。' },
    { en: 'A cup holder and side pocket keep drinks close.', zh: '带杯架与侧袋，饮料随手可取。' },
  ],
  build({ random, tier }) {
    const ultralight = tier === 'premium' && random.next() < 0.6;
    const weight = ultralight ? between(random, 600, 1000, 10) : between(random, 1800, 4000, 10);
    const load = between(random, 100, 150, 10);
    return {
      attributes: { max_load_kg: load, seat_height_cm: between(random, 25, 45), weight_g: weight },
      season: 'all-season',
      qualifiers: ultralight ? [{ en: 'Ultralight', zh: '超轻' }] : [],
      facts: [
        {
          en: `Holds ${load} kg and weighs ${kilograms(weight)} kg.`,
          zh: `承重${load}公斤，自重${kilograms(weight)}公斤。`,
        },
      ],
      priceFactor: ultralight ? 1.5 : 1,
      tags: ultralight ? ['ultralight'] : [],
    };
  },
};

const campTables: CategorySpec = {
  id: 'camp-tables',
  department: 'camping',
  name: { en: 'Camp Tables', zh: '露营桌' },
  nouns: [
    { en: 'Camp Table', zh: '露营桌' },
    { en: 'Roll-Top Table', zh: '蛋卷桌' },
  ],
  priceRange: [150, 550],
  share: 1.5,
  brandGroup: 'furniture',
  singlePerKit: true,
  useCases: [
    { en: 'family meals outdoors', zh: '户外家庭聚餐' },
    { en: 'camp kitchens', zh: '营地厨房' },
  ],
  features: [
    { en: 'Adjustable legs level out on uneven ground.', zh: '桌腿可调，不平地面也稳固。' },
    { en: 'The heat-resistant top takes a hot pot.', zh: '桌面耐高温，可直接放热锅。' },
  ],
  build({ random }) {
    const material = pick(random, [
      { en: 'aluminium', zh: '铝合金' },
      { en: 'bamboo', zh: '竹制' },
      { en: 'steel mesh', zh: '钢网' },
    ]);
    const length = pick(random, [60, 90, 120]);
    const seats = length >= 120 ? 6 : length >= 90 ? 4 : 2;
    const weight = between(random, 1500, 2500) * (length / 90);
    return {
      attributes: {
        length_cm: length,
        seats,
        material: material.en,
        material_zh: material.zh,
        weight_g: Math.round(weight),
      },
      season: 'all-season',
      qualifiers: [
        { en: `${length} cm`, zh: `${length}厘米` },
        ...(material.en === 'bamboo' ? [{ en: 'Bamboo', zh: '竹制' }] : []),
      ],
      facts: [
        {
          en: `Seats ${seats}; ${material.en} top ${length} cm long.`,
          zh: `${material.zh}桌面长${length}厘米，可供${seats}人使用。`,
        },
      ],
      priceFactor: (length / 90) ** 0.7,
    };
  },
};

const lanterns: CategorySpec = {
  id: 'lanterns',
  department: 'camping',
  name: { en: 'Lanterns', zh: '营地灯' },
  nouns: [
    { en: 'Camping Lantern', zh: '露营灯' },
    { en: 'LED Lantern', zh: 'LED营地灯' },
    { en: 'Retro Lantern', zh: '复古营灯' },
  ],
  priceRange: [80, 300],
  share: 2,
  brandGroup: 'electronics',
  singlePerKit: false,
  useCases: [
    { en: 'lighting up the campsite', zh: '照亮营地' },
    { en: 'power cuts at home', zh: '家中停电应急' },
  ],
  features: [
    { en: 'Warm and cool light modes plus a red night light.', zh: '暖光、冷光与红光夜灯多模式。' },
    { en: 'A folding hook hangs it from a tent ceiling.', zh: '折叠挂钩，可挂在帐篷顶部。' },
  ],
  build({ random }) {
    const lumens = between(random, 200, 1000, 50);
    const runtime = between(random, 10, 80);
    const ip = pick(random, ['IPX4', 'IPX5', 'IPX7']);
    return {
      attributes: {
        lumens,
        runtime_h: runtime,
        ip_rating: ip,
        rechargeable: random.next() < 0.75,
        weight_g: between(random, 150, 600, 10),
      },
      season: 'all-season',
      qualifiers: [{ en: `${lumens} Lumen`, zh: `${lumens}流明` }],
      facts: [
        {
          en: `${lumens} lumens and up to ${runtime} hours on low.`,
          zh: `亮度${lumens}流明，低档续航${runtime}小时。`,
        },
        { en: `Rated ${ip} against rain.`, zh: `${ip}级防水。` },
      ],
      priceFactor: (lumens / 500) ** 0.5,
    };
  },
};

const coolers: CategorySpec = {
  id: 'coolers',
  department: 'camping',
  name: { en: 'Coolers', zh: '保温箱' },
  nouns: [
    { en: 'Cooler', zh: '保温箱' },
    { en: 'Soft Cooler', zh: '软体冰包' },
    { en: 'Ice Box', zh: '户外冰桶' },
  ],
  priceRange: [200, 850],
  share: 1.5,
  brandGroup: 'furniture',
  singlePerKit: true,
  useCases: [
    { en: 'summer picnics', zh: '夏日野餐' },
    { en: 'road trips', zh: '自驾旅行' },
  ],
  features: [
    { en: 'Thick insulated walls and a freezer-grade seal.', zh: '加厚保温层与冷柜级密封条。' },
    { en: 'Drain plug and sturdy handles.', zh: '带排水口与加固提手。' },
  ],
  build({ random }) {
    const volume = pick(random, [15, 25, 35, 45, 60]);
    const days = between(random, 2, 7);
    const soft = volume <= 25 && random.next() < 0.5;
    return {
      attributes: {
        volume_l: volume,
        keeps_ice_days: days,
        cooler_type: soft ? 'soft' : 'hard',
        weight_g: Math.round(volume * (soft ? 40 : 160)),
      },
      season: 'summer',
      qualifiers: [{ en: `${volume} L`, zh: `${volume}升` }],
      facts: [{ en: `${volume} litres; keeps ice for ${days} days.`, zh: `容量${volume}升，保冰${days}天。` }],
      priceFactor: (volume / 30) ** 0.7 * (soft ? 0.6 : 1),
      noun: soft ? { en: 'Soft Cooler', zh: '软体冰包' } : undefined,
    };
  },
};

export const campFurnitureCategories: readonly CategorySpec[] = [campChairs, campTables, lanterns, coolers];
