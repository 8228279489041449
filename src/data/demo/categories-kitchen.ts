// Camp kitchen department: stoves and the fuel that fits them (`fuel_type`), cookware, water treatment, bottles.

import { between, type CategorySpec, pick, pickWeighted } from './category-spec.ts';

/** Stove and fuel types; a stove burns only fuel of its own type. */
const fuelTypes = {
  canister: { en: 'gas canister', zh: '高山气罐' },
  liquid: { en: 'liquid fuel', zh: '液体燃料' },
  alcohol: { en: 'alcohol', zh: '酒精' },
} as const;

const stoves: CategorySpec = {
  id: 'stoves',
  department: 'kitchen',
  name: { en: 'Stoves', zh: '炉具' },
  nouns: [
    { en: 'Backpacking Stove', zh: '登山炉头' },
    { en: 'Camping Stove', zh: '露营炉' },
    { en: 'Gas Stove', zh: '户外气炉' },
  ],
  priceRange: [150, 550],
  share: 3,
  brandGroup: 'kitchen',
  singlePerKit: true,
  useCases: [
    { en: 'hot meals on the trail', zh: '在山路上吃上热饭' },
    { en: 'morning coffee at camp', zh: '营地的清晨咖啡' },
  ],
  features: [
    { en: 'Piezo ignition lights it with one click.', zh: '电子点火，一键点燃。' },
    { en: 'A wind shield keeps the flame steady.', zh: '防风罩设计，火焰稳定。' },
    { en: 'Folds into its own pot with room to spare.', zh: '可折叠收入锅内，节省空间。' },
  ],
  build({ random, tier }) {
    const fuel = pickWeighted(random, [
      ['canister', 7],
      ['liquid', 2],
      ['alcohol', 1],
    ] as const);
    const system = fuel === 'canister' && random.next() < 0.3;
    const output = fuel === 'alcohol' ? between(random, 800, 1200, 100) : between(random, 1800, 3500, 100);
    const boil = Number((fuel === 'alcohol' ? between(random, 6, 9, 0.5) : between(random, 2.5, 4.5, 0.5)).toFixed(1));
    const weight =
      fuel === 'alcohol'
        ? between(random, 50, 110)
        : fuel === 'liquid'
          ? between(random, 300, 500)
          : system
            ? between(random, 380, 520)
            : between(random, 70, 260) * (tier === 'premium' ? 0.7 : 1);
    const noun = system
      ? { en: 'Stove System', zh: '一体式炉头套装' }
      : fuel === 'liquid'
        ? { en: 'Multi-Fuel Stove', zh: '多燃料炉' }
        : fuel === 'alcohol'
          ? { en: 'Alcohol Stove', zh: '酒精炉' }
          : undefined;
    return {
      attributes: {
        fuel_type: fuel,
        output_w: output,
        boil_time_min: boil,
        integrated_pot: system,
        weight_g: Math.round(weight),
      },
      season: 'all-season',
      qualifiers: [{ en: `${output} W`, zh: `${output}瓦` }],
      facts: [
        {
          en: `Burns ${fuelTypes[fuel].en} and puts out ${output} W.`,
          zh: `使用${fuelTypes[fuel].zh}，功率${output}瓦。`,
        },
        { en: `Boils a litre of water in about ${boil} minutes.`, zh: `约${boil}分钟烧开1升水。` },
        { en: `Weighs ${Math.round(weight)} g.`, zh: `重量${Math.round(weight)}克。` },
      ],
      priceFactor: (system ? 2.2 : 1) * (fuel === 'liquid' ? 2 : fuel === 'alcohol' ? 0.4 : 1),
      noun,
    };
  },
};

const fuel: CategorySpec = {
  id: 'fuel',
  department: 'kitchen',
  name: { en: 'Fuel', zh: '燃料' },
  nouns: [{ en: 'Fuel', zh: '燃料' }],
  priceRange: [25, 60],
  share: 1.5,
  brandGroup: 'kitchen',
  singlePerKit: false,
  useCases: [
    { en: 'cooking at altitude', zh: '高海拔烹饪' },
    { en: 'weekend cook-ups', zh: '周末野炊' },
  ],
  features: [
    { en: 'Burns cleanly with little soot.', zh: '燃烧充分，少积碳。' },
    { en: 'Ships by ground freight as regulations require.', zh: '按规定走陆运发货。' },
  ],
  build({ random }) {
    const type = pickWeighted(random, [
      ['canister', 7],
      ['liquid', 2],
      ['alcohol', 1],
    ] as const);
    if (type === 'canister') {
      const grams = pick(random, [110, 230, 450]);
      return {
        attributes: { fuel_type: type, net_weight_g: grams, mix: 'butane/propane', weight_g: Math.round(grams * 1.9) },
        season: 'all-season',
        qualifiers: [{ en: `${grams} g`, zh: `${grams}克` }],
        facts: [
          {
            en: `${grams} g butane/propane mix that works below freezing.`,
            zh: `${grams}克丁烷丙烷混合气，零下也能用。`,
          },
        ],
        priceFactor: (grams / 230) ** 0.8,
        noun: { en: 'Gas Canister', zh: '高山气罐' },
      };
    }
    const ml = type === 'liquid' ? pick(random, [500, 1000]) : pick(random, [250, 500]);
    return {
      attributes: { fuel_type: type, volume_ml: ml, weight_g: Math.round(ml * 0.85) },
      season: 'all-season',
      qualifiers: [{ en: `${ml} ml`, zh: `${ml}毫升` }],
      facts: [{ en: `${ml} ml of ${fuelTypes[type].en}.`, zh: `${ml}毫升${fuelTypes[type].zh}。` }],
      priceFactor: (ml / 500) ** 0.8 * (type === 'alcohol' ? 0.6 : 1.2),
      noun: type === 'liquid' ? { en: 'White Gas Fuel', zh: '白汽油燃料' } : { en: 'Stove Alcohol', zh: '燃料酒精' },
    };
  },
};

const cookware: CategorySpec = {
  id: 'cookware',
  department: 'kitchen',
  name: { en: 'Cookware', zh: '炊具' },
  nouns: [
    { en: 'Cook Set', zh: '套锅' },
    { en: 'Camping Cookware Set', zh: '野营锅具套装' },
    { en: 'Camp Pot', zh: '野营锅' },
  ],
  priceRange: [120, 450],
  share: 2.5,
  brandGroup: 'kitchen',
  singlePerKit: true,
  useCases: [
    { en: 'cooking for the group', zh: '为队友做饭' },
    { en: 'solo trips', zh: '独自出行' },
  ],
  features: [
    { en: 'Folding handles lock in place.', zh: '折叠手柄可锁定。' },
    { en: 'The pieces nest into one another.', zh: '各件可层层套叠收纳。' },
  ],
  build({ random, tier }) {
    const material =
      tier === 'premium'
        ? { en: 'titanium', zh: '钛' }
        : pick(random, [
            { en: 'hard-anodised aluminium', zh: '硬质氧化铝' },
            { en: 'stainless steel', zh: '不锈钢' },
          ]);
    const serves = pick(random, [1, 2, 2, 3, 4]);
    const pieces = Math.min(8, 1 + serves + random.int(3));
    const capacity = Number((0.6 + serves * 0.5).toFixed(1));
    const weight = Math.round(
      capacity * (material.en === 'titanium' ? 150 : material.en === 'stainless steel' ? 420 : 260),
    );
    return {
      attributes: {
        serves,
        pieces,
        capacity_l: capacity,
        material: material.en,
        material_zh: material.zh,
        weight_g: weight,
      },
      season: 'all-season',
      qualifiers: [
        { en: `${pieces}-Piece`, zh: `${pieces}件` },
        {
          en: material.en === 'titanium' ? 'Titanium' : `${serves}-Person`,
          zh: material.en === 'titanium' ? '钛' : `${serves}人`,
        },
      ],
      facts: [
        {
          en: `${pieces} pieces in ${material.en}, ${capacity} L main pot for ${serves}.`,
          zh: `${material.zh}材质共${pieces}件，主锅${capacity}升，适合${serves}人。`,
        },
        { en: `Weighs ${weight} g.`, zh: `重量${weight}克。` },
      ],
      priceFactor: (serves / 2) ** 0.4 * (material.en === 'titanium' ? 1.4 : 1),
      noun: material.en === 'titanium' ? { en: 'Titanium Cook Set', zh: '钛套锅' } : undefined,
    };
  },
};

const waterFilters: CategorySpec = {
  id: 'water-filters',
  department: 'kitchen',
  name: { en: 'Water Filters', zh: '净水器' },
  nouns: [
    { en: 'Water Filter', zh: '户外净水器' },
    { en: 'Filter Straw', zh: '净水吸管' },
  ],
  priceRange: [120, 480],
  share: 2,
  brandGroup: 'kitchen',
  singlePerKit: true,
  useCases: [
    { en: 'drinking from streams safely', zh: '安全饮用溪水' },
    { en: 'travel where tap water is unsafe', zh: '在自来水不安全的地方旅行' },
  ],
  features: [
    {
      en: 'A 0.1-micron hollow-fibre membrane removes bacteria and protozoa.',
      zh: '0.1微米中空纤维膜，去除细菌与原生动物。',
    },
    { en: 'Backflush to restore the flow rate.', zh: '可反冲洗恢复流速。' },
  ],
  build({ random }) {
    const type = pick(random, [
      { en: 'squeeze', zh: '挤压式' },
      { en: 'pump', zh: '泵式' },
      { en: 'gravity', zh: '重力式' },
      { en: 'straw', zh: '吸管式' },
    ]);
    const flow = Number(between(random, 0.5, 2, 0.1).toFixed(1));
    const life = pick(random, [1000, 4000, 10000, 100000]);
    return {
      attributes: {
        filter_type: type.en,
        flow_l_per_min: flow,
        filter_life_l: life,
        pore_micron: 0.1,
        weight_g: between(random, 50, 400, 5),
      },
      season: 'all-season',
      qualifiers: [{ en: type.en[0].toUpperCase() + type.en.slice(1), zh: type.zh }],
      facts: [
        {
          en: `Filters ${flow} L a minute; good for ${life.toLocaleString('en-US')} L.`,
          zh: `流速每分钟${flow}升，可过滤${life}升。`,
        },
      ],
      priceFactor: type.en === 'pump' ? 1.6 : type.en === 'gravity' ? 1.3 : type.en === 'straw' ? 0.5 : 1,
      noun: type.en === 'straw' ? { en: 'Filter Straw', zh: '净水吸管' } : undefined,
    };
  },
};

const waterBottles: CategorySpec = {
  id: 'water-bottles',
  department: 'kitchen',
  name: { en: 'Water Bottles', zh: '水壶' },
  nouns: [
    { en: 'Water Bottle', zh: '运动水壶' },
    { en: 'Insulated Bottle', zh: '保温杯' },
    { en: 'Soft Flask', zh: '软水壶' },
  ],
  priceRange: [50, 200],
  share: 2,
  brandGroup: 'kitchen',
  singlePerKit: false,
  useCases: [
    { en: 'staying hydrated on the trail', zh: '徒步补水' },
    { en: 'the daily commute', zh: '日常通勤' },
  ],
  features: [
    { en: 'Leak-proof lid, BPA-free.', zh: '防漏杯盖，不含双酚A。' },
    { en: 'Wide mouth takes ice cubes and cleans easily.', zh: '宽口设计，方便放冰块与清洗。' },
  ],
  build({ random }) {
    const kind = pickWeighted(random, [
      ['bottle', 4],
      ['insulated', 3],
      ['flask', 2],
    ] as const);
    const volume = kind === 'flask' ? pick(random, [0.25, 0.5]) : pick(random, [0.5, 0.75, 1, 1.5]);
    const weight = Math.round(volume * (kind === 'insulated' ? 420 : kind === 'flask' ? 60 : 160));
    return {
      attributes: {
        volume_l: volume,
        insulated: kind === 'insulated',
        material: kind === 'insulated' ? 'stainless steel' : kind === 'flask' ? 'TPU' : 'Tritan',
        weight_g: weight,
      },
      season: 'all-season',
      qualifiers: [{ en: `${volume} L`, zh: `${volume}升` }],
      facts: [
        kind === 'insulated'
          ? {
              en: `Keeps ${volume} L hot for 12 hours or cold for 24.`,
              zh: `${volume}升容量，保温12小时，保冷24小时。`,
            }
          : { en: `Holds ${volume} L and weighs ${weight} g.`, zh: `容量${volume}升，重量${weight}克。` },
      ],
      priceFactor: (kind === 'insulated' ? 1.6 : kind === 'flask' ? 0.8 : 0.7) * volume ** 0.3,
      noun: {
        bottle: { en: 'Water Bottle', zh: '运动水壶' },
        insulated: { en: 'Insulated Bottle', zh: '保温杯' },
        flask: { en: 'Soft Flask', zh: '软水壶' },
      }[kind],
    };
  },
};

export const kitchenCategories: readonly CategorySpec[] = [stoves, fuel, cookware, waterFilters, waterBottles];
