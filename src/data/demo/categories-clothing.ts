// Clothing department: shells, down, base layers, trousers, gloves and hats, with seasons that drive demand.

import { between, type CategorySpec, pick, pickWeighted, type Season } from './category-spec.ts';

const genders = ['men', 'women', 'unisex'] as const;
const genderNames = {
  men: { en: "Men's", zh: '男款' },
  women: { en: "Women's", zh: '女款' },
  unisex: { en: 'Unisex', zh: '中性款' },
};

const rainJackets: CategorySpec = {
  id: 'rain-jackets',
  department: 'clothing',
  name: { en: 'Rain Jackets', zh: '冲锋衣' },
  nouns: [
    { en: 'Rain Jacket', zh: '冲锋衣' },
    { en: 'Hardshell Jacket', zh: '硬壳冲锋衣' },
    { en: 'Waterproof Jacket', zh: '防水外套' },
  ],
  priceRange: [400, 1150],
  share: 4,
  brandGroup: 'apparel',
  singlePerKit: true,
  useCases: [
    { en: 'hiking in the rain', zh: '雨中徒步' },
    { en: 'windy ridges', zh: '大风山脊' },
    { en: 'wet city commutes', zh: '雨天通勤' },
  ],
  features: [
    { en: 'A helmet-compatible hood with a stiffened brim.', zh: '可兼容头盔的帽兜，硬质帽檐。' },
    { en: 'Pit zips dump heat on steep climbs.', zh: '腋下透气拉链，爬坡快速散热。' },
    { en: 'Fully taped seams and water-resistant zips.', zh: '全压胶工艺与防水拉链。' },
  ],
  build({ random, tier }) {
    const layers = tier === 'premium' ? '3L' : pick(random, ['2.5L', '2.5L', '3L']);
    const waterproof = tier === 'budget' ? between(random, 8000, 12000, 1000) : between(random, 15000, 28000, 1000);
    const breathability = between(random, 8000, 25000, 1000);
    const gender = pick(random, genders);
    const weight = Math.round(between(random, 220, 520) / 10) * 10;
    return {
      attributes: {
        waterproof_mm: waterproof,
        breathability_g_m2: breathability,
        layers,
        gender,
        hood: true,
        weight_g: weight,
      },
      season: 'all-season',
      qualifiers: [genderNames[gender], { en: layers, zh: layers }],
      facts: [
        {
          en: `${waterproof.toLocaleString('en-US')} mm waterproof and ${breathability.toLocaleString('en-US')} g/m²/24h breathable.`,
          zh: `防水指数${waterproof}毫米，透气率${breathability}克/平方米/24小时。`,
        },
        { en: `Weighs ${weight} g and packs into its own pocket.`, zh: `重量${weight}克，可收纳进自身口袋。` },
      ],
      priceFactor: (waterproof / 15000) ** 0.4 * (layers === '3L' ? 1.3 : 1),
      tags: ['waterproof'],
    };
  },
};

const downJackets: CategorySpec = {
  id: 'down-jackets',
  department: 'clothing',
  name: { en: 'Down Jackets', zh: '羽绒服' },
  nouns: [
    { en: 'Down Jacket', zh: '羽绒服' },
    { en: 'Down Parka', zh: '羽绒派克服' },
    { en: 'Light Down Jacket', zh: '轻薄羽绒服' },
  ],
  priceRange: [600, 1500],
  share: 3,
  brandGroup: 'apparel',
  singlePerKit: true,
  useCases: [
    { en: 'winter treks', zh: '冬季徒步' },
    { en: 'cold camp evenings', zh: '寒冷的营地夜晚' },
    { en: 'northern city winters', zh: '北方城市的冬天' },
  ],
  features: [
    { en: 'Water-resistant down keeps its loft in damp air.', zh: '防泼水羽绒，潮湿环境也蓬松保暖。' },
    { en: 'Packs into a stuff sack the size of a water bottle.', zh: '可压缩至水壶大小。' },
  ],
  build({ random, tier }) {
    const fillPower =
      tier === 'premium'
        ? between(random, 800, 900, 50)
        : tier === 'mid'
          ? between(random, 650, 750, 50)
          : between(random, 550, 600, 50);
    const fillWeight = between(random, 80, 300, 10);
    const parka = fillWeight >= 220 && random.next() < 0.6;
    const gender = pick(random, genders);
    const weight = Math.round(fillWeight + between(random, 200, 450));
    return {
      attributes: {
        fill_power: fillPower,
        fill_weight_g: fillWeight,
        gender,
        hood: random.next() < 0.7,
        weight_g: weight,
      },
      season: 'winter',
      qualifiers: [genderNames[gender], { en: `${fillPower}-Fill`, zh: `${fillPower}蓬` }],
      facts: [
        { en: `${fillWeight} g of ${fillPower}-fill-power down.`, zh: `充绒量${fillWeight}克，蓬松度${fillPower}。` },
        { en: `Weighs ${weight} g.`, zh: `重量${weight}克。` },
      ],
      priceFactor: (fillWeight / 150) ** 0.5 * (fillPower / 700) ** 1.5,
      noun: parka
        ? { en: 'Down Parka', zh: '羽绒派克服' }
        : fillWeight < 130
          ? { en: 'Light Down Jacket', zh: '轻薄羽绒服' }
          : undefined,
      tags: ['down'],
    };
  },
};

const baseLayers: CategorySpec = {
  id: 'base-layers',
  department: 'clothing',
  name: { en: 'Base Layers', zh: '排汗内衣' },
  nouns: [
    { en: 'Base Layer Top', zh: '速干打底衫' },
    { en: 'Thermal Leggings', zh: '保暖打底裤' },
  ],
  priceRange: [150, 550],
  share: 2.5,
  brandGroup: 'apparel',
  singlePerKit: false,
  useCases: [
    { en: 'layering under a shell', zh: '冲锋衣内搭' },
    { en: 'ski days', zh: '滑雪' },
  ],
  features: [
    { en: 'Flat seams sit comfortably under a pack.', zh: '平缝设计，背包下也舒适。' },
    { en: 'Thumb loops keep sleeves in place.', zh: '拇指扣设计，袖口不上缩。' },
  ],
  build({ random }) {
    const merino = random.next() < 0.5;
    const gsm = pick(random, [150, 180, 200, 250, 260]);
    const bottom = random.next() < 0.35;
    const gender = pick(random, genders);
    const season: Season = gsm >= 250 ? 'winter' : 'all-season';
    return {
      attributes: {
        material: merino ? 'merino wool' : 'polyester',
        fabric_gsm: gsm,
        garment: bottom ? 'bottom' : 'top',
        gender,
        weight_g: Math.round(gsm * (bottom ? 0.9 : 1.1)),
      },
      season,
      qualifiers: [
        genderNames[gender],
        merino ? { en: 'Merino', zh: '美利奴羊毛' } : { en: 'Quick-Dry', zh: '速干' },
        { en: `${gsm} gsm`, zh: `${gsm}克重` },
      ],
      facts: [
        merino
          ? { en: `${gsm} g/m² merino: warm, soft and odour-resistant.`, zh: `${gsm}克重美利奴羊毛，保暖柔软抗异味。` }
          : {
              en: `${gsm} g/m² polyester that wicks and dries in minutes.`,
              zh: `${gsm}克重涤纶，吸湿排汗，几分钟即干。`,
            },
      ],
      priceFactor: (merino ? 1.6 : 1) * (gsm / 200) ** 0.5,
      noun: bottom ? { en: 'Thermal Leggings', zh: '保暖打底裤' } : { en: 'Base Layer Top', zh: '速干打底衫' },
      tags: merino ? ['merino'] : [],
    };
  },
};

const hikingPants: CategorySpec = {
  id: 'hiking-pants',
  department: 'clothing',
  name: { en: 'Hiking Pants', zh: '徒步裤' },
  nouns: [
    { en: 'Hiking Pants', zh: '徒步裤' },
    { en: 'Softshell Pants', zh: '软壳裤' },
    { en: 'Convertible Pants', zh: '速干两截裤' },
  ],
  priceRange: [250, 650],
  share: 2.5,
  brandGroup: 'apparel',
  singlePerKit: true,
  useCases: [
    { en: 'scrambles and switchbacks', zh: '攀爬与盘山路' },
    { en: 'travel days', zh: '旅途出行' },
  ],
  features: [
    { en: 'Four-way stretch fabric moves with you.', zh: '四面弹面料，活动自如。' },
    { en: 'A zipped thigh pocket fits a phone.', zh: '大腿拉链袋可放手机。' },
  ],
  build({ random }) {
    const kind = pickWeighted(random, [
      ['standard', 4],
      ['softshell', 3],
      ['convertible', 2],
    ] as const);
    const gender = pick(random, genders);
    const season: Season = kind === 'softshell' ? '3-season' : kind === 'convertible' ? 'summer' : 'all-season';
    return {
      attributes: {
        pant_type: kind,
        gender,
        upf: kind === 'convertible' ? 50 : null,
        weight_g: kind === 'softshell' ? between(random, 380, 480) : between(random, 260, 360),
      },
      season,
      qualifiers: [genderNames[gender]],
      facts: [
        kind === 'softshell'
          ? { en: 'A brushed softshell blocks wind on cold days.', zh: '磨毛软壳面料，寒冷天气防风。' }
          : kind === 'convertible'
            ? { en: 'Zip-off legs turn them into shorts, UPF 50.', zh: '裤腿可拆为短裤，UPF50防晒。' }
            : { en: 'Light, quick-drying nylon with a DWR finish.', zh: '轻薄速干尼龙，防泼水处理。' },
      ],
      priceFactor: kind === 'softshell' ? 1.3 : 1,
      noun: {
        standard: { en: 'Hiking Pants', zh: '徒步裤' },
        softshell: { en: 'Softshell Pants', zh: '软壳裤' },
        convertible: { en: 'Convertible Pants', zh: '速干两截裤' },
      }[kind],
    };
  },
};

const gloves: CategorySpec = {
  id: 'gloves',
  department: 'clothing',
  name: { en: 'Gloves', zh: '手套' },
  nouns: [{ en: 'Gloves', zh: '手套' }],
  priceRange: [80, 330],
  share: 2,
  brandGroup: 'apparel',
  singlePerKit: false,
  useCases: [
    { en: 'cold mornings', zh: '寒冷的清晨' },
    { en: 'ski slopes', zh: '雪道' },
  ],
  features: [{ en: 'Touchscreen fingertips work with phones.', zh: '指尖可触屏操作手机。' }],
  build({ random }) {
    const kind = pickWeighted(random, [
      ['liner', 3],
      ['insulated', 4],
      ['waterproof', 3],
    ] as const);
    const season: Season = kind === 'liner' ? 'all-season' : 'winter';
    return {
      attributes: {
        glove_type: kind,
        waterproof: kind !== 'liner',
        touchscreen: random.next() < 0.6,
        weight_g: kind === 'liner' ? between(random, 30, 60) : between(random, 90, 220),
      },
      season,
      qualifiers: [],
      facts: [
        {
          liner: { en: 'Thin liners to wear alone or under mitts.', zh: '轻薄内衬，可单戴或内搭。' },
          insulated: { en: 'Synthetic insulation rated to about -15°C.', zh: '化纤保暖填充，约-15°C适用。' },
          waterproof: { en: 'A waterproof insert keeps snow out.', zh: '防水内胆，雪水不侵。' },
        }[kind],
      ],
      priceFactor: kind === 'liner' ? 0.5 : kind === 'waterproof' ? 1.3 : 1,
      noun: {
        liner: { en: 'Liner Gloves', zh: '内衬手套' },
        insulated: { en: 'Insulated Gloves', zh: '保暖手套' },
        waterproof: { en: 'Waterproof Gloves', zh: '防水手套' },
      }[kind],
    };
  },
};

const hats: CategorySpec = {
  id: 'hats',
  department: 'clothing',
  name: { en: 'Hats', zh: '帽子' },
  nouns: [{ en: 'Hat', zh: '帽子' }],
  priceRange: [60, 240],
  share: 2,
  brandGroup: 'apparel',
  singlePerKit: false,
  useCases: [
    { en: 'sunny trails', zh: '烈日下的步道' },
    { en: 'freezing summits', zh: '冰冷的山顶' },
  ],
  features: [{ en: 'Soft, packable and machine washable.', zh: '柔软可折叠，可机洗。' }],
  build({ random }) {
    const kind = pickWeighted(random, [
      ['sun', 4],
      ['beanie', 3],
      ['cap', 2],
      ['bucket', 2],
    ] as const);
    const season: Season = kind === 'beanie' ? 'winter' : kind === 'sun' || kind === 'bucket' ? 'summer' : 'all-season';
    const upf = kind === 'beanie' ? null : 50;
    return {
      attributes: { hat_type: kind, upf, weight_g: between(random, 50, 120) },
      season,
      qualifiers: upf ? [{ en: 'UPF 50+', zh: 'UPF50+' }] : [{ en: 'Merino', zh: '羊毛' }],
      facts: [
        upf
          ? { en: 'UPF 50+ fabric blocks 98% of UV.', zh: 'UPF50+面料，阻隔98%紫外线。' }
          : { en: 'Double-layer knit covers the ears.', zh: '双层针织，可护住耳朵。' },
      ],
      priceFactor: kind === 'sun' ? 1.2 : 1,
      noun: {
        sun: { en: 'Sun Hat', zh: '遮阳帽' },
        beanie: { en: 'Beanie', zh: '毛线帽' },
        cap: { en: 'Baseball Cap', zh: '棒球帽' },
        bucket: { en: 'Bucket Hat', zh: '渔夫帽' },
      }[kind],
    };
  },
};

export const clothingCategories: readonly CategorySpec[] = [
  rainJackets,
  downJackets,
  baseLayers,
  hikingPants,
  gloves,
  hats,
];
