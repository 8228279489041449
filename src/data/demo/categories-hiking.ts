// Hiking and footwear departments: packs (with `volume_l`, which pack covers fit by `fits_min_l`–`fits_max_l`),
// poles, running vests, boots, shoes, sandals and socks.

import { between, type CategorySpec, kilograms, pick, pickWeighted } from './category-spec.ts';

const backpacks: CategorySpec = {
  id: 'backpacks',
  department: 'hiking',
  name: { en: 'Backpacks', zh: '登山包' },
  nouns: [
    { en: 'Trekking Backpack', zh: '登山包' },
    { en: 'Backpacking Pack', zh: '徒步背包' },
    { en: 'Hiking Backpack', zh: '户外背包' },
  ],
  priceRange: [480, 1150],
  share: 4,
  brandGroup: 'packs',
  singlePerKit: true,
  useCases: [
    { en: 'multi-day treks', zh: '多日徒步' },
    { en: 'hut-to-hut hikes', zh: '山屋穿越' },
    { en: 'long-distance trails', zh: '长距离步道' },
  ],
  features: [
    { en: 'An adjustable back system fits torsos from 40 to 52 cm.', zh: '背长可调，适合40至52厘米背长。' },
    { en: 'A ventilated mesh back panel keeps you cool on climbs.', zh: '透气网背设计，爬坡不闷热。' },
    { en: 'Hip-belt pockets hold snacks and a phone.', zh: '腰带口袋可放零食与手机。' },
    { en: 'Side and front access reach gear without unpacking.', zh: '侧开与前开设计，不用翻包即可取物。' },
  ],
  build({ random, tier }) {
    const volume = pick(random, [35, 40, 45, 50, 55, 60, 65, 75]);
    const ultralight = tier === 'premium' && random.next() < 0.5;
    const weight = Math.round(((ultralight ? 16 : 26) * volume + between(random, -100, 200)) / 10) * 10;
    const cover = random.next() < 0.4;
    return {
      attributes: {
        volume_l: volume,
        weight_g: weight,
        rain_cover_included: cover,
        frame: ultralight ? 'frameless' : 'internal aluminium stays',
        gender_fit: pick(random, ['unisex', 'unisex', 'women']),
      },
      season: 'all-season',
      qualifiers: [{ en: `${volume} L`, zh: `${volume}升` }, ...(ultralight ? [{ en: 'Ultralight', zh: '超轻' }] : [])],
      facts: [
        {
          en: `${volume} litres for ${Math.max(2, Math.round(volume / 15))}+ days on the trail.`,
          zh: `${volume}升容量，可支持${Math.max(2, Math.round(volume / 15))}天以上行程。`,
        },
        { en: `Weighs ${kilograms(weight)} kg.`, zh: `自重${kilograms(weight)}公斤。` },
        cover
          ? { en: 'A rain cover is tucked into the base.', zh: '底部内置防雨罩。' }
          : { en: 'Add a pack cover for heavy rain.', zh: '大雨天建议搭配背包防雨罩。' },
      ],
      priceFactor: (volume / 50) ** 0.4 * (ultralight ? 1.3 : 1),
      tags: ultralight ? ['ultralight'] : [],
    };
  },
};

const daypacks: CategorySpec = {
  id: 'daypacks',
  department: 'hiking',
  name: { en: 'Daypacks', zh: '双肩包' },
  nouns: [
    { en: 'Daypack', zh: '户外双肩包' },
    { en: 'Hiking Daypack', zh: '徒步小背包' },
  ],
  priceRange: [150, 450],
  share: 3,
  brandGroup: 'packs',
  singlePerKit: true,
  useCases: [
    { en: 'day hikes', zh: '一日徒步' },
    { en: 'city days and commuting', zh: '城市出行与通勤' },
  ],
  features: [
    { en: 'A padded laptop sleeve doubles as a hydration pocket.', zh: '电脑隔层兼作水袋仓。' },
    { en: 'Reflective details for dusk.', zh: '反光条设计，黄昏更安全。' },
  ],
  build({ random }) {
    const volume = pick(random, [15, 18, 20, 22, 25, 28, 30]);
    const weight = Math.round(volume * between(random, 22, 32));
    return {
      attributes: { volume_l: volume, weight_g: weight, laptop_sleeve: random.next() < 0.5 },
      season: 'all-season',
      qualifiers: [{ en: `${volume} L`, zh: `${volume}升` }],
      facts: [{ en: `${volume} litres, ${weight} g.`, zh: `${volume}升容量，重量${weight}克。` }],
      priceFactor: (volume / 22) ** 0.5,
    };
  },
};

const trekkingPoles: CategorySpec = {
  id: 'trekking-poles',
  department: 'hiking',
  name: { en: 'Trekking Poles', zh: '登山杖' },
  nouns: [{ en: 'Trekking Poles', zh: '登山杖' }],
  priceRange: [150, 480],
  share: 2,
  brandGroup: 'accessories',
  singlePerKit: true,
  useCases: [
    { en: 'steep descents', zh: '陡峭下坡' },
    { en: 'river crossings', zh: '涉水过河' },
  ],
  features: [
    { en: 'Cork grips stay comfortable in sweaty hands.', zh: '软木握把，出汗也舒适。' },
    { en: 'Tungsten tips and rubber feet for rock and tarmac.', zh: '钨钢杖尖配橡胶脚套，岩石柏油路通用。' },
  ],
  build({ random, tier }) {
    const carbon = tier === 'premium' || (tier === 'mid' && random.next() < 0.3);
    const lock = pick(random, ['flick-lock', 'twist-lock', 'folding']);
    const weight = Math.round(carbon ? between(random, 300, 400) : between(random, 440, 560));
    return {
      attributes: {
        material: carbon ? 'carbon' : 'aluminium',
        lock,
        pair: true,
        collapsed_cm: lock === 'folding' ? between(random, 36, 42) : between(random, 58, 68),
        weight_g: weight,
      },
      season: 'all-season',
      qualifiers: [
        carbon ? { en: 'Carbon', zh: '碳纤维' } : { en: 'Aluminium', zh: '铝合金' },
        ...(lock === 'folding' ? [{ en: 'Folding', zh: '折叠' }] : []),
      ],
      facts: [{ en: `A pair weighs ${weight} g.`, zh: `一对重量${weight}克。` }],
      priceFactor: carbon ? 1.5 : 1,
    };
  },
};

const hydrationPacks: CategorySpec = {
  id: 'hydration-packs',
  department: 'hiking',
  name: { en: 'Hydration Packs', zh: '越野跑背包' },
  nouns: [
    { en: 'Running Vest', zh: '越野跑背心' },
    { en: 'Hydration Pack', zh: '水袋背包' },
  ],
  priceRange: [250, 650],
  share: 1.5,
  brandGroup: 'packs',
  singlePerKit: true,
  useCases: [
    { en: 'trail races', zh: '越野赛' },
    { en: 'fast mountain runs', zh: '山地快速跑' },
  ],
  features: [
    { en: 'Bounce-free fit with adjustable sternum straps.', zh: '胸带可调，奔跑不晃动。' },
    { en: 'Front pockets take soft flasks and gels.', zh: '前置口袋可放软水壶与能量胶。' },
  ],
  build({ random }) {
    const volume = pick(random, [5, 8, 10, 12]);
    const flasks = pick(random, [0, 2, 2]);
    return {
      attributes: { volume_l: volume, soft_flasks_included: flasks, weight_g: between(random, 180, 360, 5) },
      season: 'all-season',
      qualifiers: [{ en: `${volume} L`, zh: `${volume}升` }],
      facts: [
        flasks
          ? { en: `${volume} L with two 500 ml soft flasks included.`, zh: `${volume}升容量，附两个500毫升软水壶。` }
          : { en: `${volume} L with room for a 2 L bladder.`, zh: `${volume}升容量，可放2升水袋。` },
      ],
      priceFactor: (volume / 8) ** 0.4 * (flasks ? 1.2 : 1),
    };
  },
};

const packCovers: CategorySpec = {
  id: 'pack-covers',
  department: 'hiking',
  name: { en: 'Pack Covers', zh: '背包防雨罩' },
  nouns: [{ en: 'Pack Rain Cover', zh: '背包防雨罩' }],
  priceRange: [40, 120],
  share: 1.2,
  brandGroup: 'packs',
  singlePerKit: true,
  useCases: [{ en: 'rainy hikes', zh: '雨天徒步' }],
  features: [{ en: 'An elastic hem and buckle strap hold it on in wind.', zh: '松紧包边加扣带，大风也不脱落。' }],
  build({ random }) {
    const range = pick(random, [
      [20, 35],
      [35, 55],
      [55, 80],
    ] as const);
    return {
      attributes: {
        fits_min_l: range[0],
        fits_max_l: range[1],
        waterproof_mm: between(random, 2000, 3000, 500),
        weight_g: between(random, 80, 160, 5),
      },
      season: 'all-season',
      qualifiers: [{ en: `${range[0]}–${range[1]} L`, zh: `${range[0]}-${range[1]}升` }],
      facts: [{ en: `Fits packs from ${range[0]} to ${range[1]} litres.`, zh: `适合${range[0]}至${range[1]}升背包。` }],
      priceFactor: (range[1] / 55) ** 0.5,
      tags: ['waterproof'],
    };
  },
};

const hikingBoots: CategorySpec = {
  id: 'hiking-boots',
  department: 'footwear',
  name: { en: 'Hiking Boots', zh: '登山靴' },
  nouns: [
    { en: 'Hiking Boots', zh: '登山靴' },
    { en: 'Trekking Boots', zh: '徒步靴' },
  ],
  priceRange: [600, 1300],
  share: 4,
  brandGroup: 'footwear',
  singlePerKit: true,
  useCases: [
    { en: 'rocky mountain trails', zh: '碎石山路' },
    { en: 'muddy autumn hikes', zh: '泥泞的秋季徒步' },
  ],
  features: [
    { en: 'A grippy rubber outsole with 5 mm lugs bites into mud.', zh: '5毫米深齿橡胶大底，泥地抓地力强。' },
    { en: 'A toe cap protects against rocks.', zh: '护趾设计，防止碰撞岩石。' },
    { en: 'Lace hooks lock the heel for descents.', zh: '锁扣系带，下坡时锁定脚跟。' },
  ],
  build({ random, tier }) {
    const cut = pickWeighted(random, [
      ['mid', 6],
      ['high', 3],
      ['low', 1],
    ] as const);
    const waterproof = tier !== 'budget' || random.next() < 0.5;
    const leather = random.next() < 0.35;
    const weight = Math.round(((cut === 'high' ? 1400 : cut === 'mid' ? 1150 : 900) * between(random, 90, 110)) / 100);
    return {
      attributes: {
        cut,
        waterproof,
        membrane: waterproof ? 'waterproof breathable membrane' : null,
        upper: leather ? 'nubuck leather' : 'synthetic mesh',
        gender: pick(random, ['men', 'women', 'unisex']),
        sizes_eu: [36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46],
        weight_g: weight,
      },
      season: 'all-season',
      qualifiers: [
        {
          en: cut === 'high' ? 'High-Cut' : cut === 'mid' ? 'Mid' : 'Low',
          zh: cut === 'high' ? '高帮' : cut === 'mid' ? '中帮' : '低帮',
        },
        ...(waterproof ? [{ en: 'Waterproof', zh: '防水' }] : []),
      ],
      facts: [
        waterproof
          ? {
              en: 'A waterproof, breathable membrane keeps feet dry through puddles.',
              zh: '防水透气膜，踩水坑也不湿脚。',
            }
          : { en: 'A breathable mesh upper dries fast after a splash.', zh: '透气网面鞋身，沾水后干得快。' },
        { en: `A pair weighs ${kilograms(weight)} kg.`, zh: `一双重量${kilograms(weight)}公斤。` },
      ],
      priceFactor: (waterproof ? 1.2 : 1) * (leather ? 1.2 : 1) * (cut === 'high' ? 1.1 : 1),
      tags: waterproof ? ['waterproof'] : [],
    };
  },
};

const trailShoes: CategorySpec = {
  id: 'trail-shoes',
  department: 'footwear',
  name: { en: 'Trail Shoes', zh: '越野跑鞋' },
  nouns: [
    { en: 'Trail Running Shoes', zh: '越野跑鞋' },
    { en: 'Hiking Shoes', zh: '徒步鞋' },
  ],
  priceRange: [450, 1050],
  share: 3.5,
  brandGroup: 'footwear',
  singlePerKit: true,
  useCases: [
    { en: 'fast hikes and trail runs', zh: '快速徒步与越野跑' },
    { en: 'city parks and gravel paths', zh: '城市公园与碎石路' },
  ],
  features: [
    { en: 'A rock plate shields your feet from sharp stones.', zh: '内置防刺板，抵御尖石。' },
    { en: 'Quick laces tighten with one pull.', zh: '快速鞋带，一拉即紧。' },
  ],
  build({ random }) {
    const drop = pick(random, [4, 6, 8, 10]);
    const waterproof = random.next() < 0.25;
    const weight = Math.round(between(random, 520, 720) / 10) * 10;
    return {
      attributes: {
        drop_mm: drop,
        waterproof,
        gender: pick(random, ['men', 'women', 'unisex']),
        sizes_eu: [36, 37, 38, 39, 40, 41, 42, 43, 44, 45],
        weight_g: weight,
      },
      season: 'all-season',
      qualifiers: waterproof ? [{ en: 'Waterproof', zh: '防水' }] : [{ en: `${drop} mm Drop`, zh: `${drop}毫米落差` }],
      facts: [{ en: `${drop} mm drop; a pair weighs ${weight} g.`, zh: `${drop}毫米前后掌落差，一双重${weight}克。` }],
      priceFactor: waterproof ? 1.2 : 1,
      tags: waterproof ? ['waterproof'] : [],
    };
  },
};

const sandals: CategorySpec = {
  id: 'sandals',
  department: 'footwear',
  name: { en: 'Sandals', zh: '凉鞋' },
  nouns: [
    { en: 'Hiking Sandals', zh: '徒步凉鞋' },
    { en: 'Water Shoes', zh: '溯溪鞋' },
  ],
  priceRange: [150, 480],
  share: 2,
  brandGroup: 'footwear',
  singlePerKit: true,
  useCases: [
    { en: 'beaches and river walks', zh: '海滩与溯溪' },
    { en: 'hot summer days', zh: '炎热夏日' },
  ],
  features: [{ en: 'Quick-drying straps and a non-slip wet-grip sole.', zh: '速干织带，湿地防滑大底。' }],
  build({ random }) {
    const weight = Math.round(between(random, 380, 700) / 10) * 10;
    return {
      attributes: { gender: pick(random, ['men', 'women', 'unisex']), weight_g: weight, quick_dry: true },
      season: 'summer',
      qualifiers: [],
      facts: [{ en: `A pair weighs ${weight} g.`, zh: `一双重${weight}克。` }],
      priceFactor: 1,
    };
  },
};

const socks: CategorySpec = {
  id: 'socks',
  department: 'footwear',
  name: { en: 'Socks', zh: '袜子' },
  nouns: [
    { en: 'Hiking Socks', zh: '徒步袜' },
    { en: 'Trail Socks', zh: '户外袜' },
  ],
  priceRange: [40, 140],
  share: 2.5,
  brandGroup: 'apparel',
  singlePerKit: false,
  useCases: [
    { en: 'long days in boots', zh: '长时间穿靴行走' },
    { en: 'running', zh: '跑步' },
  ],
  features: [
    { en: 'Cushioned heel and toe, flat seams against blisters.', zh: '足跟足尖加厚，平缝设计防磨脚。' },
    { en: 'Arch support that stays put.', zh: '足弓支撑，不易滑移。' },
  ],
  build({ random }) {
    const merino = random.next() < 0.5;
    const height = pickWeighted(random, [
      ['crew', 4],
      ['quarter', 3],
      ['ankle', 2],
    ] as const);
    const pairs = pick(random, [1, 2, 3]);
    const heightZh = { crew: '中筒', quarter: '短筒', ankle: '船袜' }[height];
    return {
      attributes: {
        material: merino ? 'merino wool' : 'synthetic blend',
        height,
        pairs,
        cushioning: pick(random, ['light', 'medium', 'heavy']),
        weight_g: 45 * pairs,
      },
      season: 'all-season',
      qualifiers: [
        merino ? { en: 'Merino', zh: '美利奴羊毛' } : { en: 'Quick-Dry', zh: '速干' },
        { en: height === 'crew' ? 'Crew' : height === 'quarter' ? 'Quarter' : 'Ankle', zh: heightZh },
        ...(pairs > 1 ? [{ en: `${pairs}-Pack`, zh: `${pairs}双装` }] : []),
      ],
      facts: [
        merino
          ? { en: 'Merino wool stays warm when wet and does not smell.', zh: '美利奴羊毛，湿了也保暖且不易有异味。' }
          : { en: 'A synthetic blend wicks sweat and dries fast.', zh: '混纺面料，吸湿排汗快干。' },
      ],
      priceFactor: pairs ** 0.8 * (merino ? 1.5 : 1),
      tags: merino ? ['merino'] : [],
    };
  },
};

export const hikingCategories: readonly CategorySpec[] = [
  backpacks,
  daypacks,
  trekkingPoles,
  hydrationPacks,
  packCovers,
];
export const footwearCategories: readonly CategorySpec[] = [hikingBoots, trailShoes, sandals, socks];
