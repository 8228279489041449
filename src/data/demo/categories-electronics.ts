// Navigation, electronics and safety departments: headlamps, GPS, maps of real trails, power banks, first aid, sun care.

import { between, type CategorySpec, pick, pickWeighted } from './category-spec.ts';

const headlamps: CategorySpec = {
  id: 'headlamps',
  department: 'electronics',
  name: { en: 'Headlamps', zh: '头灯' },
  nouns: [{ en: 'Headlamp', zh: '头灯' }],
  priceRange: [70, 250],
  share: 3,
  brandGroup: 'electronics',
  singlePerKit: true,
  useCases: [
    { en: 'pre-dawn summit pushes', zh: '凌晨冲顶' },
    { en: 'night-time camp chores', zh: '夜间营地活动' },
  ],
  features: [
    { en: 'A red-light mode saves your night vision.', zh: '红光模式，保护夜视能力。' },
    { en: 'A lock-out switch stops it turning on in your pack.', zh: '防误触锁定，背包里不会自己亮。' },
  ],
  build({ random }) {
    const lumens = pick(random, [200, 300, 400, 500, 650, 800, 1000, 1200]);
    const rechargeable = random.next() < 0.7;
    const ip = pick(random, ['IPX4', 'IPX6', 'IPX7', 'IPX8']);
    const runtime = between(random, 4, 12) * (lumens <= 400 ? 2 : 1);
    return {
      attributes: {
        lumens,
        rechargeable,
        battery: rechargeable ? 'USB-C Li-ion' : '3 × AAA',
        ip_rating: ip,
        runtime_h: runtime,
        red_light: true,
        weight_g: between(random, 50, 140),
      },
      season: 'all-season',
      qualifiers: [
        { en: `${lumens} Lumen`, zh: `${lumens}流明` },
        ...(rechargeable ? [{ en: 'Rechargeable', zh: '充电' }] : []),
      ],
      facts: [
        {
          en: `${lumens} lumens on high, ${runtime} hours on low.`,
          zh: `最高亮度${lumens}流明，低档续航${runtime}小时。`,
        },
        {
          en: `${ip} waterproof; runs on ${rechargeable ? 'a USB-C battery' : 'three AAA batteries'}.`,
          zh: `${ip}级防水，${rechargeable ? 'USB-C充电' : '使用3节7号电池'}。`,
        },
      ],
      priceFactor: (lumens / 400) ** 0.5 * (rechargeable ? 1.2 : 1),
    };
  },
};

const gps: CategorySpec = {
  id: 'gps',
  department: 'electronics',
  name: { en: 'GPS Devices', zh: 'GPS设备' },
  nouns: [
    { en: 'Handheld GPS', zh: '手持GPS' },
    { en: 'GPS Watch', zh: 'GPS手表' },
    { en: 'Satellite Messenger', zh: '卫星通讯器' },
  ],
  priceRange: [1400, 3300],
  share: 1.5,
  brandGroup: 'electronics',
  singlePerKit: true,
  useCases: [
    { en: 'off-trail navigation', zh: '无路线导航' },
    { en: 'remote expeditions', zh: '偏远地区探险' },
  ],
  features: [
    { en: 'Multi-band GNSS holds a fix in deep valleys.', zh: '多频卫星定位，深谷中也能锁定位置。' },
    { en: 'Preloaded topographic maps of China.', zh: '预装中国地形图。' },
  ],
  build({ random }) {
    const kind = pickWeighted(random, [
      ['handheld', 4],
      ['watch', 4],
      ['messenger', 2],
    ] as const);
    const battery = kind === 'watch' ? between(random, 20, 120, 10) : between(random, 16, 200, 4);
    return {
      attributes: {
        device_type: kind,
        battery_h: battery,
        sos: kind === 'messenger',
        weight_g: kind === 'watch' ? between(random, 50, 90) : between(random, 100, 230),
      },
      season: 'all-season',
      qualifiers: [],
      facts: [
        { en: `Up to ${battery} hours of battery in GPS mode.`, zh: `GPS模式下续航可达${battery}小时。` },
        ...(kind === 'messenger'
          ? [{ en: 'Two-way messaging and SOS by satellite.', zh: '卫星双向短信与SOS求救。' }]
          : []),
      ],
      priceFactor: kind === 'messenger' ? 1.1 : kind === 'watch' ? 1 : 0.9,
      noun: {
        handheld: { en: 'Handheld GPS', zh: '手持GPS' },
        watch: { en: 'GPS Watch', zh: 'GPS手表' },
        messenger: { en: 'Satellite Messenger', zh: '卫星通讯器' },
      }[kind],
    };
  },
};

/** Trails and regions the maps cover. */
const regions = [
  { en: 'Siguniang Mountain', zh: '四姑娘山' },
  { en: 'Wugong Mountain', zh: '武功山' },
  { en: 'Yubeng Village', zh: '雨崩村' },
  { en: 'Tiger Leaping Gorge', zh: '虎跳峡' },
  { en: 'Huangshan', zh: '黄山' },
  { en: 'Daocheng Yading', zh: '稻城亚丁' },
  { en: 'Mount Gongga', zh: '贡嘎山' },
  { en: 'Changbai Mountain', zh: '长白山' },
  { en: 'Zhangjiajie', zh: '张家界' },
  { en: 'MacLehose Trail', zh: '麦理浩径' },
  { en: 'Tour du Mont Blanc', zh: '环勃朗峰' },
  { en: 'Annapurna Circuit', zh: '安纳布尔纳大环线' },
  { en: 'Ao Tai Traverse', zh: '鳌太穿越' },
  { en: 'Kanas Lake', zh: '喀纳斯湖' },
];

const maps: CategorySpec = {
  id: 'maps',
  department: 'electronics',
  name: { en: 'Maps & Guides', zh: '地图与指南' },
  nouns: [
    { en: 'Trail Map', zh: '徒步地图' },
    { en: 'Hiking Guidebook', zh: '徒步指南' },
  ],
  priceRange: [30, 110],
  share: 2,
  brandGroup: 'accessories',
  singlePerKit: false,
  useCases: [{ en: 'planning a route', zh: '规划路线' }],
  features: [
    { en: 'Water stops, campsites and bail-out routes marked.', zh: '标注水源、营地与下撤路线。' },
    { en: 'Updated this year with trail changes.', zh: '本年度更新路况信息。' },
  ],
  build({ random }) {
    const region = pick(random, regions);
    const guide = random.next() < 0.35;
    const scale = pick(random, ['1:25,000', '1:50,000']);
    return {
      attributes: guide
        ? {
            region: region.en,
            region_zh: region.zh,
            format: 'guidebook',
            pages: between(random, 120, 320, 8),
            weight_g: between(random, 200, 450),
          }
        : {
            region: region.en,
            region_zh: region.zh,
            format: 'map',
            scale,
            waterproof_paper: random.next() < 0.6,
            weight_g: between(random, 40, 90),
          },
      season: 'all-season',
      qualifiers: [region],
      facts: [
        guide
          ? {
              en: `Day-by-day stages for ${region.en} with altitude profiles.`,
              zh: `${region.zh}逐日行程与海拔剖面图。`,
            }
          : { en: `${scale} topographic map of ${region.en}.`, zh: `${region.zh}${scale}地形图。` },
      ],
      priceFactor: guide ? 1.4 : 0.8,
      noun: guide ? { en: 'Hiking Guidebook', zh: '徒步指南' } : { en: 'Trail Map', zh: '徒步地图' },
    };
  },
};

const powerBanks: CategorySpec = {
  id: 'power-banks',
  department: 'electronics',
  name: { en: 'Power Banks', zh: '充电宝' },
  nouns: [
    { en: 'Power Bank', zh: '充电宝' },
    { en: 'Solar Power Bank', zh: '太阳能充电宝' },
  ],
  priceRange: [90, 300],
  share: 2,
  brandGroup: 'electronics',
  singlePerKit: true,
  useCases: [
    { en: 'keeping a phone alive for days', zh: '让手机多天不断电' },
    { en: 'long-haul travel', zh: '长途旅行' },
  ],
  features: [{ en: 'Charges two devices at once over USB-C.', zh: 'USB-C双口同时充电。' }],
  build({ random }) {
    const capacity = pick(random, [5000, 10000, 10000, 20000, 26800]);
    const output = pick(random, [18, 30, 45, 65, 100]);
    const solar = random.next() < 0.2;
    return {
      attributes: {
        capacity_mah: capacity,
        output_w: output,
        solar,
        flight_safe: capacity <= 26800,
        weight_g: Math.round(capacity / 50 + 60),
      },
      season: 'all-season',
      qualifiers: [
        { en: `${capacity.toLocaleString('en-US')} mAh`, zh: `${capacity}毫安时` },
        { en: `${output} W`, zh: `${output}瓦快充` },
      ],
      facts: [
        {
          en: `${capacity.toLocaleString('en-US')} mAh with ${output} W fast charging; allowed on flights.`,
          zh: `${capacity}毫安时，${output}瓦快充，可带上飞机。`,
        },
      ],
      priceFactor: (capacity / 10000) ** 0.5 * (output / 30) ** 0.3 * (solar ? 1.3 : 1),
      noun: solar ? { en: 'Solar Power Bank', zh: '太阳能充电宝' } : undefined,
    };
  },
};

const firstAid: CategorySpec = {
  id: 'first-aid',
  department: 'safety',
  name: { en: 'First Aid', zh: '急救用品' },
  nouns: [
    { en: 'First Aid Kit', zh: '急救包' },
    { en: 'Blister Kit', zh: '水泡护理包' },
  ],
  priceRange: [60, 280],
  share: 2,
  brandGroup: 'accessories',
  singlePerKit: true,
  useCases: [
    { en: 'trips far from help', zh: '远离救援的行程' },
    { en: 'the family car', zh: '家庭用车常备' },
  ],
  features: [{ en: 'Organised pockets, labelled in English and Chinese.', zh: '分区收纳，中英文标签。' }],
  build({ random }) {
    const persons = pick(random, [1, 2, 4, 6]);
    const pieces = persons * between(random, 20, 35);
    return {
      attributes: { persons, pieces, weight_g: Math.round(pieces * 4 + 80) },
      season: 'all-season',
      qualifiers: [{ en: `${pieces}-Piece`, zh: `${pieces}件套` }],
      facts: [
        {
          en: `${pieces} pieces for ${persons} ${persons > 1 ? 'people' : 'person'} over a few days.`,
          zh: `共${pieces}件，可供${persons}人数日使用。`,
        },
      ],
      priceFactor: (persons / 2) ** 0.5,
    };
  },
};

const sunCare: CategorySpec = {
  id: 'sun-care',
  department: 'safety',
  name: { en: 'Sun Care', zh: '防晒用品' },
  nouns: [
    { en: 'Sunscreen', zh: '防晒霜' },
    { en: 'Sun Stick', zh: '防晒棒' },
  ],
  priceRange: [40, 120],
  share: 1.5,
  brandGroup: 'accessories',
  singlePerKit: false,
  useCases: [
    { en: 'high-altitude sun', zh: '高原强紫外线' },
    { en: 'beach days', zh: '海滩度假' },
  ],
  features: [{ en: 'Sweat- and water-resistant for 80 minutes.', zh: '防汗防水80分钟。' }],
  build({ random }) {
    const spf = pick(random, [30, 50, 50]);
    const stick = random.next() < 0.3;
    const ml = stick ? 15 : pick(random, [50, 100, 150]);
    return {
      attributes: { spf, pa: 'PA++++', volume_ml: ml, weight_g: ml + 20 },
      season: 'summer',
      qualifiers: [
        { en: `SPF ${spf}`, zh: `SPF${spf}` },
        { en: `${ml} ml`, zh: `${ml}毫升` },
      ],
      facts: [{ en: `SPF ${spf} PA++++ broad-spectrum protection.`, zh: `SPF${spf} PA++++广谱防晒。` }],
      priceFactor: (ml / 50) ** 0.5,
      noun: stick ? { en: 'Sun Stick', zh: '防晒棒' } : undefined,
    };
  },
};

export const electronicsCategories: readonly CategorySpec[] = [headlamps, gps, maps, powerBanks];
export const safetyCategories: readonly CategorySpec[] = [firstAid, sunCare];
