// Camping department, shelters and sleep: tents, sleeping bags, pads, hammocks and tarps.
// Tent floors expose `pad_width_max_cm` and `floor_length_cm` so that bundles can pick a pad that fits.

import {
  between,
  type CategorySpec,
  kilograms,
  personsZh,
  pick,
  pickWeighted,
  type Season,
  seasonNames,
} from './category-spec.ts';

const tents: CategorySpec = {
  id: 'tents',
  department: 'camping',
  name: { en: 'Tents', zh: '帐篷' },
  nouns: [
    { en: 'Backpacking Tent', zh: '徒步帐篷' },
    { en: 'Dome Tent', zh: '圆顶帐篷' },
    { en: 'Camping Tent', zh: '露营帐篷' },
    { en: 'Tunnel Tent', zh: '隧道帐篷' },
    { en: 'Trekking Tent', zh: '登山帐篷' },
  ],
  priceRange: [600, 1300],
  share: 5,
  brandGroup: 'shelter',
  singlePerKit: true,
  useCases: [
    { en: 'weekend camping', zh: '周末露营' },
    { en: 'multi-day treks', zh: '多日徒步' },
    { en: 'alpine camps', zh: '高山营地' },
    { en: 'festival trips', zh: '音乐节出游' },
  ],
  features: [
    { en: 'Colour-coded clips make pitching quick, even in the dark.', zh: '彩色扣件设计，天黑也能快速搭建。' },
    { en: 'Mesh panels keep condensation down on warm nights.', zh: '网纱内帐通风，闷热夜晚也不易凝露。' },
    { en: 'Taped seams keep the floor dry in a downpour.', zh: '全压胶工艺，暴雨中地面依旧干爽。' },
    { en: 'Inner pockets and a gear loft keep small things tidy.', zh: '内置收纳袋与顶部挂网，小物件井井有条。' },
  ],
  build({ random, tier }) {
    const capacity = pickWeighted(random, [
      [1, 2],
      [2, 4],
      [3, 2],
      [4, 1.2],
      [6, 0.8],
    ] as const);
    const season = pickWeighted<Season>(random, [
      ['3-season', 6],
      ['4-season', 1.5],
      ['summer', 2.5],
    ]);
    const widthPerPerson = capacity === 1 ? between(random, 78, 95) : between(random, 52, 68);
    const floorWidth = widthPerPerson * capacity;
    const floorLength = between(random, 210, 235, 5);
    const waterproof =
      season === 'summer'
        ? between(random, 1500, 2000, 500)
        : season === '4-season'
          ? between(random, 3000, 5000, 500)
          : between(random, 2000, 3000, 500);
    const baseWeight = { 1: 1100, 2: 1700, 3: 2500, 4: 4200, 6: 7500 }[capacity];
    const tierWeight = tier === 'premium' ? 0.75 : tier === 'budget' ? 1.25 : 1;
    const seasonWeight = season === '4-season' ? 1.35 : season === 'summer' ? 0.85 : 1;
    const weight = Math.round((baseWeight * tierWeight * seasonWeight * between(random, 90, 110)) / 1000) * 10;
    const fabric =
      tier === 'budget'
        ? { en: '190T polyester', zh: '190T涤纶' }
        : tier === 'mid'
          ? { en: '40D nylon ripstop', zh: '40D格子尼龙' }
          : pick(random, [
              { en: '20D silnylon', zh: '20D硅尼龙' },
              { en: 'Dyneema composite', zh: '迪尼玛复合面料' },
            ]);
    const poles =
      tier === 'budget'
        ? { en: 'fibreglass', zh: '玻璃纤维' }
        : tier === 'mid'
          ? { en: '7001 aluminium', zh: '7001铝合金' }
          : { en: 'DAC aluminium', zh: 'DAC铝合金' };
    const doors = capacity === 1 ? 1 : pick(random, [1, 2, 2]);
    const noun =
      capacity >= 4
        ? pick(random, [
            { en: 'Family Tent', zh: '家庭帐篷' },
            { en: 'Cabin Tent', zh: '屋式帐篷' },
          ])
        : season === 'summer'
          ? { en: 'Pop-Up Tent', zh: '速开帐篷' }
          : undefined;
    return {
      attributes: {
        capacity,
        waterproof_mm: waterproof,
        weight_g: weight,
        floor_width_cm: floorWidth,
        floor_length_cm: floorLength,
        pad_width_max_cm: Math.floor(floorWidth / capacity),
        doors,
        material: fabric.en,
        material_zh: fabric.zh,
        poles: poles.en,
      },
      season,
      qualifiers: [{ en: `${capacity}-Person`, zh: personsZh(capacity) }, seasonNames[season]],
      facts: [
        {
          en: `Sleeps ${capacity} on a ${floorWidth} × ${floorLength} cm floor.`,
          zh: `可容纳${capacity}人，内帐底面${floorWidth}×${floorLength}厘米。`,
        },
        {
          en: `The ${fabric.en} flysheet is rated to ${waterproof} mm.`,
          zh: `${fabric.zh}外帐，防水指数${waterproof}毫米。`,
        },
        {
          en: `Packed weight ${kilograms(weight)} kg with ${poles.en} poles and ${doors} door${doors > 1 ? 's' : ''}.`,
          zh: `${poles.zh}帐杆，${doors}门设计，整帐重量${kilograms(weight)}公斤。`,
        },
      ],
      priceFactor: capacity ** 0.45 * (season === '4-season' ? 1.5 : season === 'summer' ? 0.7 : 1),
      noun,
      tags: weight / capacity < 900 ? ['ultralight', 'waterproof'] : ['waterproof'],
    };
  },
};

const sleepingBags: CategorySpec = {
  id: 'sleeping-bags',
  department: 'camping',
  name: { en: 'Sleeping Bags', zh: '睡袋' },
  nouns: [
    { en: 'Sleeping Bag', zh: '睡袋' },
    { en: 'Mummy Sleeping Bag', zh: '木乃伊睡袋' },
    { en: 'Envelope Sleeping Bag', zh: '信封睡袋' },
  ],
  priceRange: [380, 850],
  share: 3.5,
  brandGroup: 'shelter',
  singlePerKit: true,
  useCases: [
    { en: 'cold nights in the mountains', zh: '山里的寒夜' },
    { en: 'summer campsites', zh: '夏季营地' },
    { en: 'backpacking trips', zh: '背包旅行' },
  ],
  features: [
    { en: 'A draught collar and zip baffle stop heat escaping.', zh: '防风领与拉链防漏风条，锁住热量。' },
    { en: 'Two-way zips let you vent your feet on warm nights.', zh: '双向拉链，暖夜可打开脚部散热。' },
    { en: 'Packs into the included compression sack.', zh: '附赠压缩袋，收纳体积小。' },
  ],
  build({ random, tier }) {
    const season = pickWeighted<Season>(random, [
      ['summer', 2],
      ['3-season', 4],
      ['winter', 2],
    ]);
    const comfort =
      season === 'summer'
        ? between(random, 10, 15)
        : season === 'winter'
          ? between(random, -15, -5)
          : between(random, 0, 6);
    const down = tier === 'premium' || (tier === 'mid' && random.next() < 0.5);
    const fillPower = down
      ? tier === 'premium'
        ? between(random, 750, 850, 50)
        : between(random, 600, 700, 50)
      : null;
    const warmth = 20 - comfort;
    const weight =
      Math.round(((down ? 450 + warmth * 38 : 800 + warmth * 55) * (between(random, 90, 110) / 100)) / 10) * 10;
    const shape = random.next() < 0.7 ? 'mummy' : 'rectangular';
    const noun =
      shape === 'rectangular'
        ? { en: 'Envelope Sleeping Bag', zh: '信封睡袋' }
        : down
          ? { en: 'Down Sleeping Bag', zh: '羽绒睡袋' }
          : { en: 'Mummy Sleeping Bag', zh: '木乃伊睡袋' };
    return {
      attributes: {
        comfort_temp_c: comfort,
        fill: down ? 'down' : 'synthetic',
        fill_power: fillPower,
        shape,
        length_cm: pick(random, [190, 200, 210]),
        weight_g: weight,
      },
      season,
      qualifiers: [{ en: `${comfort}°C`, zh: `舒适温标${comfort}°C` }, seasonNames[season]],
      facts: [
        {
          en: `Comfort rated to ${comfort}°C.`,
          zh: `舒适温度${comfort}°C。`,
        },
        down
          ? { en: `Filled with ${fillPower}-fill-power goose down.`, zh: `填充${fillPower}蓬松度鹅绒。` }
          : { en: 'Synthetic fill stays warm even when damp.', zh: '化纤填充，受潮后依然保暖。' },
        { en: `Weighs ${kilograms(weight)} kg.`, zh: `重量${kilograms(weight)}公斤。` },
      ],
      priceFactor: (season === 'winter' ? 1.8 : season === 'summer' ? 0.6 : 1) * (down ? 1.6 : 1),
      noun,
      tags: down ? ['down'] : ['synthetic'],
    };
  },
};

const sleepingPads: CategorySpec = {
  id: 'sleeping-pads',
  department: 'camping',
  name: { en: 'Sleeping Pads', zh: '睡垫' },
  nouns: [{ en: 'Sleeping Pad', zh: '睡垫' }],
  priceRange: [150, 600],
  share: 3,
  brandGroup: 'shelter',
  singlePerKit: true,
  useCases: [
    { en: 'a good night on rough ground', zh: '在崎岖地面上睡个好觉' },
    { en: 'car camping', zh: '自驾露营' },
    { en: 'lightweight backpacking', zh: '轻量化背包旅行' },
  ],
  features: [
    {
      en: 'The valve inflates in a few breaths and deflates in seconds.',
      zh: '大口径气阀，几口气即可充满，数秒放气。',
    },
    { en: 'A textured top keeps your sleeping bag from sliding off.', zh: '表面防滑纹理，睡袋不易滑落。' },
    { en: 'Comes with a stuff sack and a repair kit.', zh: '附收纳袋与修补包。' },
  ],
  build({ random }) {
    const type = pickWeighted(random, [
      ['air', 5],
      ['self-inflating', 3],
      ['foam', 2],
    ] as const);
    const double = type !== 'foam' && random.next() < 0.08;
    const width = double
      ? 130
      : pickWeighted(random, [
          [51, 6],
          [64, 2.5],
          [76, 1.5],
        ] as const);
    const length = type === 'foam' ? 183 : pick(random, [183, 183, 196]);
    const rValue =
      type === 'foam'
        ? between(random, 1.5, 2.2, 0.1)
        : type === 'air'
          ? between(random, 2.0, 6.5, 0.1)
          : between(random, 3.0, 5.0, 0.1);
    const weight =
      Math.round(
        ({
          air: between(random, 350, 700),
          'self-inflating': between(random, 700, 1300),
          foam: between(random, 280, 450),
        }[type] *
          (width / 51) ** 0.6) /
          10,
      ) * 10;
    const season: Season = rValue < 2 ? 'summer' : rValue >= 4 ? '4-season' : '3-season';
    const noun = {
      air: { en: 'Air Sleeping Pad', zh: '充气睡垫' },
      'self-inflating': { en: 'Self-Inflating Mat', zh: '自动充气垫' },
      foam: { en: 'Foam Sleeping Pad', zh: '蛋巢泡沫防潮垫' },
    }[type];
    const thickness = type === 'foam' ? 2 : type === 'air' ? pick(random, [5, 7, 10]) : pick(random, [3, 5]);
    return {
      attributes: {
        pad_type: type,
        r_value: Number(rValue.toFixed(1)),
        width_cm: width,
        width_per_sleeper_cm: double ? 65 : width,
        sleepers: double ? 2 : 1,
        length_cm: length,
        thickness_cm: thickness,
        weight_g: weight,
      },
      season,
      qualifiers: [
        double ? { en: 'Double', zh: '双人' } : { en: `${width} cm Wide`, zh: `${width}厘米宽` },
        { en: `R ${rValue.toFixed(1)}`, zh: `R值${rValue.toFixed(1)}` },
      ],
      facts: [
        {
          en: `${width} × ${length} cm and ${thickness} cm thick.`,
          zh: `尺寸${width}×${length}厘米，厚${thickness}厘米。`,
        },
        {
          en: `R-value ${rValue.toFixed(1)}${rValue >= 4 ? ', warm enough for snow' : ''}.`,
          zh: `R值${rValue.toFixed(1)}${rValue >= 4 ? '，可用于雪地' : ''}。`,
        },
        { en: `Weighs ${weight} g.`, zh: `重量${weight}克。` },
      ],
      priceFactor: (type === 'foam' ? 0.4 : type === 'air' ? 1.1 : 1) * (rValue / 3) ** 0.5 * (double ? 1.7 : 1),
      noun,
    };
  },
};

const hammocks: CategorySpec = {
  id: 'hammocks',
  department: 'camping',
  name: { en: 'Hammocks', zh: '吊床' },
  nouns: [
    { en: 'Camping Hammock', zh: '露营吊床' },
    { en: 'Travel Hammock', zh: '旅行吊床' },
  ],
  priceRange: [120, 380],
  share: 1.5,
  brandGroup: 'shelter',
  singlePerKit: true,
  useCases: [
    { en: 'lazy afternoons between two trees', zh: '林间慵懒的午后' },
    { en: 'jungle treks', zh: '雨林徒步' },
  ],
  features: [
    { en: 'Tree straps with 20 loops set up in a minute.', zh: '20个挂环绑带，一分钟搭好。' },
    { en: 'Packs into its own pouch, about the size of a grapefruit.', zh: '可收进自带小袋，仅柚子大小。' },
  ],
  build({ random }) {
    const capacity = random.next() < 0.4 ? 2 : 1;
    const net = random.next() < 0.4;
    const load = between(random, 150, 250, 10);
    const weight = between(random, 300, 600) * (capacity === 2 ? 1.4 : 1) + (net ? 200 : 0);
    return {
      attributes: { capacity, max_load_kg: load, bug_net: net, weight_g: Math.round(weight), material: '210T nylon' },
      season: '3-season',
      qualifiers: [
        capacity === 2 ? { en: 'Double', zh: '双人' } : { en: 'Single', zh: '单人' },
        ...(net ? [{ en: 'Mosquito-Net', zh: '防蚊' }] : []),
      ],
      facts: [
        { en: `Holds up to ${load} kg.`, zh: `最大承重${load}公斤。` },
        net
          ? { en: 'An integrated bug net zips closed overhead.', zh: '一体式防蚊网，拉链开合。' }
          : { en: 'Breathable parachute nylon dries fast.', zh: '降落伞尼龙面料，透气速干。' },
      ],
      priceFactor: (capacity === 2 ? 1.3 : 1) * (net ? 1.4 : 1),
    };
  },
};

const tarps: CategorySpec = {
  id: 'tarps',
  department: 'camping',
  name: { en: 'Tarps & Shelters', zh: '天幕与庇护所' },
  nouns: [
    { en: 'Camping Tarp', zh: '天幕' },
    { en: 'Ultralight Tarp', zh: '超轻天幕' },
    { en: 'Tarp Shelter', zh: '天幕庇护所' },
  ],
  priceRange: [220, 700],
  share: 2,
  brandGroup: 'shelter',
  singlePerKit: true,
  useCases: [
    { en: 'shade at the campsite', zh: '营地遮阳' },
    { en: 'ultralight rainy-day shelter', zh: '轻量化雨天庇护' },
  ],
  features: [
    { en: 'Reinforced tie-outs on every edge allow many pitches.', zh: '四周加固拉点，可搭多种造型。' },
    { en: 'Ships with guylines and aluminium stakes.', zh: '附风绳与铝合金地钉。' },
  ],
  build({ random, tier }) {
    const size = pick(random, [
      [3, 3],
      [3, 4],
      [4, 4],
      [5, 5],
    ] as const);
    const area = size[0] * size[1];
    const capacity = area >= 16 ? 6 : area >= 12 ? 4 : 2;
    const waterproof = between(random, 2000, 4000, 500);
    const silnylon = tier !== 'budget';
    const weight = Math.round(area * (silnylon ? 38 : 70) * (between(random, 90, 110) / 100));
    return {
      attributes: {
        size_m: `${size[0]}x${size[1]}`,
        area_m2: area,
        capacity,
        waterproof_mm: waterproof,
        weight_g: weight,
        material: silnylon ? '20D silnylon' : '210D Oxford polyester',
      },
      season: '3-season',
      qualifiers: [{ en: `${size[0]} × ${size[1]} m`, zh: `${size[0]}×${size[1]}米` }],
      facts: [
        { en: `Covers ${area} m², room for ${capacity} people.`, zh: `覆盖${area}平方米，可容纳${capacity}人。` },
        { en: `Rated to ${waterproof} mm of rain.`, zh: `防水指数${waterproof}毫米。` },
        { en: `Weighs ${kilograms(weight)} kg.`, zh: `重量${kilograms(weight)}公斤。` },
      ],
      priceFactor: (area / 12) ** 0.6,
      tags: ['waterproof'],
    };
  },
};

export const shelterCategories: readonly CategorySpec[] = [tents, sleepingBags, sleepingPads, hammocks, tarps];
