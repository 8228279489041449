// Food and travel departments: trail snacks (with a mid-autumn limited edition), freeze-dried meals, luggage,
// adapters, pillows, towels and sunglasses.

import { between, type CategorySpec, pick, pickWeighted } from './category-spec.ts';

const snackKinds = [
  { en: 'Energy Bar', zh: '能量棒', kcal: 220 },
  { en: 'Trail Mix', zh: '什锦坚果', kcal: 550 },
  { en: 'Energy Gel', zh: '能量胶', kcal: 100 },
  { en: 'Beef Jerky', zh: '牛肉干', kcal: 300 },
  { en: 'Dried Mango', zh: '芒果干', kcal: 320 },
] as const;

const snacks: CategorySpec = {
  id: 'snacks',
  department: 'food',
  name: { en: 'Trail Snacks', zh: '户外零食' },
  nouns: [{ en: 'Energy Bar', zh: '能量棒' }],
  priceRange: [20, 85],
  share: 3,
  brandGroup: 'food',
  singlePerKit: false,
  useCases: [
    { en: 'quick energy on the move', zh: '行进中快速补能' },
    { en: 'summit breaks', zh: '登顶休息' },
  ],
  features: [
    { en: 'No artificial colours.', zh: '不含人工色素。' },
    { en: 'Individually wrapped for the trail.', zh: '独立小包装，方便携带。' },
  ],
  build({ random }) {
    if (random.next() < 0.06) {
      return {
        attributes: { snack_type: 'mooncake', pieces: 6, net_weight_g: 360, limited_edition: true, weight_g: 520 },
        season: 'all-season',
        window: { start: '08-20', end: '10-06' },
        qualifiers: [{ en: 'Mid-Autumn', zh: '中秋' }],
        facts: [
          {
            en: 'Six mini mooncakes, a limited mid-autumn edition for the trail.',
            zh: '六枚迷你月饼，中秋限定户外版。',
          },
        ],
        priceFactor: 2.5,
        noun: { en: 'Mooncake Gift Box', zh: '月饼礼盒' },
        tags: ['limited-edition'],
      };
    }
    const kind = pick(random, snackKinds);
    const count = pick(random, [1, 6, 12]);
    const grams = count === 1 ? between(random, 150, 300, 10) : count * between(random, 30, 45);
    return {
      attributes: {
        snack_type: kind.en.toLowerCase(),
        pack_count: count,
        net_weight_g: grams,
        kcal_per_100g: kind.kcal + between(random, -30, 30),
        weight_g: grams + 20,
      },
      season: 'all-season',
      qualifiers: count > 1 ? [{ en: `${count}-Pack`, zh: `${count}支装` }] : [{ en: `${grams} g`, zh: `${grams}克` }],
      facts: [{ en: `${grams} g in total.`, zh: `净含量${grams}克。` }],
      priceFactor: (grams / 250) ** 0.7,
      noun: { en: kind.en, zh: kind.zh },
    };
  },
};

const flavours = [
  { en: 'Kung Pao Chicken', zh: '宫保鸡丁' },
  { en: 'Beef Curry', zh: '咖喱牛肉' },
  { en: 'Mushroom Risotto', zh: '蘑菇烩饭' },
  { en: 'Mapo Tofu', zh: '麻婆豆腐' },
  { en: 'Pasta Bolognese', zh: '番茄肉酱意面' },
  { en: 'Pad Thai', zh: '泰式炒河粉' },
  { en: 'Egg Fried Rice', zh: '蛋炒饭' },
  { en: 'Chilli con Carne', zh: '墨西哥辣肉酱' },
  { en: 'Apple Crumble', zh: '苹果酥' },
];

const freezeDriedMeals: CategorySpec = {
  id: 'freeze-dried-meals',
  department: 'food',
  name: { en: 'Freeze-Dried Meals', zh: '冻干餐' },
  nouns: [{ en: 'Freeze-Dried Meal', zh: '冻干餐' }],
  priceRange: [35, 75],
  share: 2.5,
  brandGroup: 'food',
  singlePerKit: false,
  useCases: [
    { en: 'dinner after a long day', zh: '长途跋涉后的晚餐' },
    { en: 'emergency kits', zh: '应急储备' },
  ],
  features: [
    { en: 'Just add boiling water and wait eight minutes.', zh: '加入开水，等待八分钟即可。' },
    { en: 'Eat straight from the stand-up pouch.', zh: '直立袋包装，可直接开袋食用。' },
  ],
  build({ random }) {
    const flavour = pick(random, flavours);
    const servings = pickWeighted(random, [
      [1, 3],
      [2, 2],
    ] as const);
    const kcal = servings * between(random, 400, 650, 10);
    const vegetarian = ['Mushroom Risotto', 'Mapo Tofu', 'Egg Fried Rice', 'Apple Crumble'].includes(flavour.en);
    return {
      attributes: {
        flavour: flavour.en,
        flavour_zh: flavour.zh,
        servings,
        kcal,
        vegetarian,
        shelf_life_months: pick(random, [24, 36, 60]),
        weight_g: servings * between(random, 110, 160),
      },
      season: 'all-season',
      qualifiers: [flavour, ...(servings > 1 ? [{ en: '2 Servings', zh: '双人份' }] : [])],
      facts: [
        {
          en: `${kcal} kcal per pouch${vegetarian ? ', vegetarian' : ''}.`,
          zh: `每袋${kcal}千卡${vegetarian ? '，素食' : ''}。`,
        },
      ],
      priceFactor: servings ** 0.8,
      tags: vegetarian ? ['vegetarian'] : [],
    };
  },
};

const luggage: CategorySpec = {
  id: 'luggage',
  department: 'travel',
  name: { en: 'Luggage', zh: '行李箱' },
  nouns: [{ en: 'Suitcase', zh: '行李箱' }],
  priceRange: [320, 1150],
  share: 3,
  brandGroup: 'travel',
  singlePerKit: true,
  useCases: [
    { en: 'business trips', zh: '商务出差' },
    { en: 'family holidays', zh: '家庭度假' },
  ],
  features: [
    { en: 'Four silent spinner wheels.', zh: '四个静音万向轮。' },
    { en: 'A TSA-approved lock.', zh: '配TSA海关锁。' },
  ],
  build({ random, tier }) {
    const kind = pickWeighted(random, [
      ['carry-on', 4],
      ['checked', 4],
      ['duffel', 2],
    ] as const);
    const volume =
      kind === 'carry-on'
        ? between(random, 35, 42)
        : kind === 'checked'
          ? pick(random, [65, 80, 100])
          : pick(random, [40, 60, 90]);
    const shell = kind === 'duffel' ? 'TPU-coated nylon' : tier === 'premium' ? 'aluminium' : 'polycarbonate';
    const inches = kind === 'carry-on' ? 20 : volume >= 100 ? 28 : volume >= 80 ? 26 : 24;
    return {
      attributes: {
        luggage_type: kind,
        volume_l: volume,
        size_in: kind === 'duffel' ? null : inches,
        shell,
        weight_g: kind === 'duffel' ? volume * 18 : Math.round(volume * (shell === 'aluminium' ? 65 : 45)),
      },
      season: 'all-season',
      qualifiers:
        kind === 'duffel' ? [{ en: `${volume} L`, zh: `${volume}升` }] : [{ en: `${inches}-Inch`, zh: `${inches}寸` }],
      facts: [
        kind === 'carry-on'
          ? { en: `${volume} litres and cabin-size on most airlines.`, zh: `${volume}升，符合多数航空公司登机尺寸。` }
          : {
              en: `${volume} litres in a ${shell} shell.`,
              zh: `${volume}升容量，${shell === 'aluminium' ? '铝镁合金' : shell === 'polycarbonate' ? 'PC' : 'TPU涂层尼龙'}材质。`,
            },
      ],
      priceFactor: (volume / 60) ** 0.5 * (shell === 'aluminium' ? 1.6 : 1),
      noun: {
        'carry-on': { en: 'Carry-On Suitcase', zh: '登机箱' },
        checked: { en: 'Checked Suitcase', zh: '托运行李箱' },
        duffel: { en: 'Travel Duffel', zh: '旅行袋' },
      }[kind],
    };
  },
};

const travelAdapters: CategorySpec = {
  id: 'travel-adapters',
  department: 'travel',
  name: { en: 'Travel Adapters', zh: '转换插头' },
  nouns: [
    { en: 'Universal Travel Adapter', zh: '万能转换插头' },
    { en: 'GaN Travel Charger', zh: '氮化镓旅行充电器' },
  ],
  priceRange: [80, 280],
  share: 1.5,
  brandGroup: 'electronics',
  singlePerKit: true,
  useCases: [{ en: 'trips abroad', zh: '出境旅行' }],
  features: [{ en: 'Works in more than 150 countries.', zh: '适用150多个国家和地区。' }],
  build({ random }) {
    const gan = random.next() < 0.4;
    const ports = between(random, 2, 5);
    const output = gan ? pick(random, [45, 65, 100]) : pick(random, [12, 20, 30]);
    return {
      attributes: {
        usb_ports: ports,
        output_w: output,
        plug_types: ['US', 'UK', 'EU', 'AU'],
        weight_g: between(random, 80, 200),
      },
      season: 'all-season',
      qualifiers: [{ en: `${output} W`, zh: `${output}瓦` }],
      facts: [
        { en: `US, UK, EU and AU plugs plus ${ports} USB ports.`, zh: `支持美英欧澳插头，另有${ports}个USB接口。` },
      ],
      priceFactor: gan ? 1.6 : 1,
      noun: gan ? { en: 'GaN Travel Charger', zh: '氮化镓旅行充电器' } : undefined,
    };
  },
};

const travelPillows: CategorySpec = {
  id: 'travel-pillows',
  department: 'travel',
  name: { en: 'Travel Pillows', zh: '旅行枕' },
  nouns: [
    { en: 'Travel Pillow', zh: '旅行颈枕' },
    { en: 'Inflatable Pillow', zh: '充气枕' },
  ],
  priceRange: [50, 180],
  share: 1.2,
  brandGroup: 'travel',
  singlePerKit: true,
  useCases: [
    { en: 'long flights and overnight trains', zh: '长途航班与卧铺夜车' },
    { en: 'camp sleep', zh: '营地睡眠' },
  ],
  features: [{ en: 'A washable cover that zips off.', zh: '外套可拆洗。' }],
  build({ random }) {
    const inflatable = random.next() < 0.45;
    return {
      attributes: {
        pillow_type: inflatable ? 'inflatable' : 'memory foam',
        weight_g: inflatable ? between(random, 60, 120) : between(random, 250, 400),
      },
      season: 'all-season',
      qualifiers: [inflatable ? { en: 'Inflatable', zh: '充气' } : { en: 'Memory Foam', zh: '记忆棉' }],
      facts: [
        inflatable
          ? { en: 'Inflates in three breaths.', zh: '三口气即可充满。' }
          : { en: 'Slow-rebound memory foam supports the neck.', zh: '慢回弹记忆棉，支撑颈部。' },
      ],
      priceFactor: inflatable ? 0.7 : 1.1,
    };
  },
};

const towels: CategorySpec = {
  id: 'towels',
  department: 'travel',
  name: { en: 'Towels', zh: '毛巾' },
  nouns: [
    { en: 'Quick-Dry Towel', zh: '速干毛巾' },
    { en: 'Beach Towel', zh: '沙滩巾' },
  ],
  priceRange: [50, 190],
  share: 1.5,
  brandGroup: 'travel',
  singlePerKit: false,
  useCases: [
    { en: 'beaches and pools', zh: '海滩与泳池' },
    { en: 'hostel travel', zh: '青旅出行' },
  ],
  features: [{ en: 'Microfibre dries three times faster than cotton.', zh: '超细纤维，干燥速度是棉的三倍。' }],
  build({ random }) {
    const beach = random.next() < 0.4;
    const size = beach ? '90x180' : pick(random, ['40x80', '60x120', '75x150']);
    return {
      attributes: {
        size_cm: size,
        material: 'microfibre',
        weight_g: beach ? between(random, 300, 450) : between(random, 80, 250),
      },
      season: beach ? 'summer' : 'all-season',
      qualifiers: [{ en: `${size.replace('x', ' × ')} cm`, zh: `${size.replace('x', '×')}厘米` }],
      facts: [{ en: 'Packs down to the size of a fist.', zh: '收纳后仅拳头大小。' }],
      priceFactor: beach ? 1.3 : 1,
      noun: beach ? { en: 'Beach Towel', zh: '沙滩巾' } : { en: 'Quick-Dry Towel', zh: '速干毛巾' },
    };
  },
};

const sunglasses: CategorySpec = {
  id: 'sunglasses',
  department: 'travel',
  name: { en: 'Sunglasses', zh: '太阳镜' },
  nouns: [
    { en: 'Sunglasses', zh: '太阳镜' },
    { en: 'Polarized Sunglasses', zh: '偏光太阳镜' },
  ],
  priceRange: [150, 750],
  share: 2,
  brandGroup: 'accessories',
  singlePerKit: true,
  useCases: [
    { en: 'glare on water and snow', zh: '水面与雪地强光' },
    { en: 'driving and city days', zh: '驾车与城市出行' },
  ],
  features: [{ en: 'UV400 lenses and a hard case.', zh: 'UV400镜片，附硬质眼镜盒。' }],
  build({ random }) {
    const glacier = random.next() < 0.2;
    const polarized = !glacier && random.next() < 0.6;
    const lensCategory = glacier ? 4 : 3;
    return {
      attributes: { polarized, lens_category: lensCategory, uv400: true, weight_g: between(random, 22, 38) },
      season: glacier ? 'winter' : 'all-season',
      qualifiers: polarized ? [{ en: 'Polarized', zh: '偏光' }] : [],
      facts: [
        {
          en: `Category ${lensCategory} lenses${glacier ? ' with side shields for snow and altitude' : ''}.`,
          zh: `${lensCategory}级镜片${glacier ? '，带侧挡，适合雪地与高海拔' : ''}。`,
        },
      ],
      priceFactor: glacier ? 1.4 : polarized ? 1.2 : 1,
      noun: glacier
        ? { en: 'Glacier Glasses', zh: '冰川镜' }
        : polarized
          ? { en: 'Polarized Sunglasses', zh: '偏光太阳镜' }
          : undefined,
    };
  },
};

export const foodCategories: readonly CategorySpec[] = [snacks, freezeDriedMeals];
export const travelCategories: readonly CategorySpec[] = [luggage, travelAdapters, travelPillows, towels, sunglasses];
