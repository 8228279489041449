// Shopping intents of the demo shop ("3-day rainy hike" / "三天雨天徒步" → rain jacket, boots, pack, shelter, stove,
// food, headlamp …) with attribute constraints and quantities, and a keyword matcher in English and Chinese.
// The chat assistant plans from them in basic mode; the simulator's users plan trips from them.

import type { Bilingual } from './category-spec.ts';

/** A constraint on an attribute of the items that meet a need (only items that have the attribute are checked). */
export interface AttributeConstraint {
  attribute: string;
  min?: number;
  max?: number;
  oneOf?: ReadonlyArray<string | number | boolean>;
}

export interface IntentNeed {
  /** Any one of these category ids meets the need: a tent or a tarp. */
  categories: string[];
  label: Bilingual;
  /** Optional needs are nice to have and come last in a plan. */
  required: boolean;
  constraints?: AttributeConstraint[];
  /** Items per trip day (two meals a day); the quantity is otherwise one per kit. */
  perDay?: number;
  /** One per person (chairs, sleeping bags). */
  perPerson?: boolean;
}

export interface DemoIntent {
  id: string;
  name: Bilingual;
  /** Lower-case English keywords (matched at word starts) and Chinese keywords (matched as substrings). */
  keywords: { en: string[]; zh: string[] };
  needs: IntentNeed[];
  /** Months (1–12) in which such trips happen; the simulator plans trips in them. */
  months: number[];
  /** Typical trip length in days and party size, used when a request does not say. */
  days: number;
  people: number;
}

const need = (categories: string[], en: string, zh: string, options: Partial<IntentNeed> = {}): IntentNeed => ({
  categories,
  label: { en, zh },
  required: true,
  ...options,
});
const optional = (categories: string[], en: string, zh: string, options: Partial<IntentNeed> = {}) =>
  need(categories, en, zh, { ...options, required: false });
const allYear = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export const demoIntents: readonly DemoIntent[] = [
  {
    id: 'rainy-hike',
    name: { en: 'Rainy multi-day hike', zh: '雨天多日徒步' },
    keywords: {
      en: [
        'rainy hike',
        'rain hike',
        'hike in the rain',
        'hiking in the rain',
        'wet hike',
        'rainy trek',
        'rainy',
        'rain',
        'wet weather',
      ],
      zh: ['雨天徒步', '雨中徒步', '雨天', '下雨', '雨季', '阴雨', '秋雨', '防雨'],
    },
    needs: [
      need(['rain-jackets'], 'Rain jacket', '冲锋衣', { constraints: [{ attribute: 'waterproof_mm', min: 10000 }] }),
      need(['hiking-boots'], 'Waterproof boots', '防水登山靴', {
        constraints: [{ attribute: 'waterproof', oneOf: [true] }],
      }),
      need(['backpacks'], 'Backpack', '登山包', { constraints: [{ attribute: 'volume_l', min: 35, max: 65 }] }),
      need(['tents', 'tarps'], 'Tent or shelter', '帐篷或天幕', {
        constraints: [{ attribute: 'waterproof_mm', min: 2000 }],
      }),
      need(['stoves'], 'Stove', '炉具'),
      need(['freeze-dried-meals', 'snacks'], 'Trail food', '路餐', { perDay: 2 }),
      need(['headlamps'], 'Headlamp', '头灯'),
      optional(['pack-covers'], 'Pack rain cover', '背包防雨罩'),
      optional(['sleeping-bags'], 'Sleeping bag', '睡袋'),
      optional(['trekking-poles'], 'Trekking poles', '登山杖'),
      optional(['socks'], 'Spare socks', '备用袜子', { perDay: 1 }),
      optional(['first-aid'], 'First aid kit', '急救包'),
    ],
    months: [3, 4, 5, 6, 7, 8, 9, 10, 11],
    days: 3,
    people: 1,
  },
  {
    id: 'day-hike',
    name: { en: 'Day hike', zh: '一日徒步' },
    keywords: {
      en: ['day hike', 'day trip', 'hike', 'hiking', 'walk in the hills', 'short hike'],
      zh: ['一日徒步', '徒步', '爬山', '登山', '短途', '郊游'],
    },
    needs: [
      need(['daypacks'], 'Daypack', '双肩包'),
      need(['trail-shoes', 'hiking-boots'], 'Shoes for the trail', '徒步鞋'),
      need(['water-bottles'], 'Water bottle', '水壶'),
      need(['snacks'], 'Snacks', '零食'),
      need(['hats', 'sunglasses'], 'Sun protection', '防晒装备'),
      optional(['sun-care'], 'Sunscreen', '防晒霜'),
      optional(['trekking-poles'], 'Trekking poles', '登山杖'),
      optional(['first-aid'], 'First aid kit', '急救包'),
    ],
    months: allYear,
    days: 1,
    people: 1,
  },
  {
    id: 'backpacking',
    name: { en: 'Multi-day backpacking trip', zh: '多日重装徒步' },
    keywords: {
      en: ['backpacking', 'multi-day', 'multi day', 'thru-hike', 'overnight hike', 'trek', 'traverse'],
      zh: ['重装', '多日徒步', '穿越', '露营徒步', '背包旅行', '徒步露营'],
    },
    needs: [
      need(['backpacks'], 'Backpack', '登山包', { constraints: [{ attribute: 'volume_l', min: 45 }] }),
      need(['tents'], 'Tent', '帐篷'),
      need(['sleeping-bags'], 'Sleeping bag', '睡袋'),
      need(['sleeping-pads'], 'Sleeping pad', '睡垫'),
      need(['stoves'], 'Stove', '炉具'),
      need(['fuel'], 'Fuel', '燃料'),
      need(['cookware'], 'Cook set', '锅具'),
      need(['water-filters'], 'Water filter', '净水器'),
      need(['freeze-dried-meals'], 'Meals', '冻干餐', { perDay: 2 }),
      need(['headlamps'], 'Headlamp', '头灯'),
      need(['hiking-boots'], 'Boots', '登山靴'),
      optional(['trekking-poles'], 'Trekking poles', '登山杖'),
      optional(['maps', 'gps'], 'Navigation', '导航'),
      optional(['first-aid'], 'First aid kit', '急救包'),
    ],
    months: [4, 5, 6, 7, 8, 9, 10],
    days: 4,
    people: 1,
  },
  {
    id: 'winter-camping',
    name: { en: 'Winter camping', zh: '冬季露营' },
    keywords: {
      en: ['winter camping', 'snow camping', 'cold camping', 'winter', 'snow', 'freezing', 'cold'],
      zh: ['冬季露营', '雪地露营', '冬天露营', '冬季', '冬天', '雪地', '寒冷', '零下'],
    },
    needs: [
      need(['tents'], '4-season tent', '四季帐篷', { constraints: [{ attribute: 'season', oneOf: ['4-season'] }] }),
      need(['sleeping-bags'], 'Winter sleeping bag', '冬季睡袋', {
        constraints: [{ attribute: 'comfort_temp_c', max: -5 }],
      }),
      need(['sleeping-pads'], 'Insulated pad', '保暖睡垫', { constraints: [{ attribute: 'r_value', min: 4 }] }),
      need(['down-jackets'], 'Down jacket', '羽绒服'),
      need(['gloves'], 'Warm gloves', '保暖手套', {
        constraints: [{ attribute: 'glove_type', oneOf: ['insulated', 'waterproof'] }],
      }),
      need(['hats'], 'Warm hat', '保暖帽', { constraints: [{ attribute: 'hat_type', oneOf: ['beanie'] }] }),
      need(['base-layers'], 'Base layer', '排汗内衣'),
      need(['stoves'], 'Stove', '炉具', { constraints: [{ attribute: 'fuel_type', oneOf: ['canister', 'liquid'] }] }),
      need(['fuel'], 'Fuel', '燃料'),
      need(['headlamps'], 'Headlamp', '头灯'),
      optional(['water-bottles'], 'Insulated bottle', '保温杯', {
        constraints: [{ attribute: 'insulated', oneOf: [true] }],
      }),
    ],
    months: [11, 12, 1, 2, 3],
    days: 2,
    people: 2,
  },
  {
    id: 'beach-holiday',
    name: { en: 'Beach holiday', zh: '海边度假' },
    keywords: {
      en: ['beach', 'seaside', 'island', 'by the sea', 'swim', 'sunny holiday'],
      zh: ['海边', '海滩', '海岛', '三亚', '沙滩', '度假', '游泳'],
    },
    needs: [
      need(['sunglasses'], 'Sunglasses', '太阳镜'),
      need(['sun-care'], 'Sunscreen', '防晒霜'),
      need(['hats'], 'Sun hat', '遮阳帽', {
        constraints: [{ attribute: 'hat_type', oneOf: ['sun', 'bucket', 'cap'] }],
      }),
      need(['sandals'], 'Sandals', '凉鞋'),
      need(['towels'], 'Beach towel', '沙滩巾'),
      need(['luggage'], 'Suitcase', '行李箱'),
      optional(['travel-adapters'], 'Travel adapter', '转换插头'),
      optional(['coolers'], 'Cooler', '保温箱'),
    ],
    months: [5, 6, 7, 8, 9, 10],
    days: 5,
    people: 2,
  },
  {
    id: 'city-travel',
    name: { en: 'City trip', zh: '城市旅行' },
    keywords: {
      en: ['city trip', 'city break', 'business trip', 'weekend away', 'flight', 'travel', 'trip abroad'],
      zh: ['城市旅行', '城市游', '出差', '旅行', '旅游', '坐飞机', '出国'],
    },
    needs: [
      need(['luggage'], 'Suitcase', '行李箱'),
      need(['daypacks'], 'Daypack', '双肩包'),
      need(['travel-adapters'], 'Travel adapter', '转换插头'),
      need(['power-banks'], 'Power bank', '充电宝'),
      need(['travel-pillows'], 'Travel pillow', '旅行枕'),
      optional(['water-bottles'], 'Water bottle', '水壶'),
      optional(['sunglasses'], 'Sunglasses', '太阳镜'),
    ],
    months: allYear,
    days: 4,
    people: 1,
  },
  {
    id: 'family-camping',
    name: { en: 'Family camping', zh: '家庭露营' },
    keywords: {
      en: ['family camping', 'camping with kids', 'car camping', 'glamping', 'family', 'kids', 'camping'],
      zh: ['家庭露营', '带娃露营', '亲子露营', '自驾露营', '精致露营', '露营', '孩子', '一家'],
    },
    needs: [
      need(['tents'], 'Family tent', '家庭帐篷', { constraints: [{ attribute: 'capacity', min: 4 }] }),
      need(['sleeping-bags'], 'Sleeping bags', '睡袋', { perPerson: true }),
      need(['sleeping-pads'], 'Sleeping pads', '睡垫', { perPerson: true }),
      need(['camp-chairs'], 'Camp chairs', '露营椅', { perPerson: true }),
      need(['camp-tables'], 'Camp table', '露营桌'),
      need(['lanterns'], 'Lantern', '营地灯'),
      need(['coolers'], 'Cooler', '保温箱'),
      need(['stoves'], 'Stove', '炉具'),
      need(['cookware'], 'Cookware', '锅具'),
      optional(['first-aid'], 'First aid kit', '急救包'),
    ],
    months: [4, 5, 6, 7, 8, 9, 10],
    days: 2,
    people: 4,
  },
  {
    id: 'trail-running',
    name: { en: 'Trail running', zh: '越野跑' },
    keywords: {
      en: ['trail run', 'trail running', 'ultra', 'running', 'race'],
      zh: ['越野跑', '跑山', '越野赛', '跑步', '马拉松'],
    },
    needs: [
      need(['trail-shoes'], 'Trail shoes', '越野跑鞋'),
      need(['hydration-packs'], 'Running vest', '越野跑背心'),
      need(['socks'], 'Running socks', '跑步袜'),
      need(['headlamps'], 'Headlamp', '头灯'),
      need(['snacks'], 'Energy food', '能量补给', { perDay: 3 }),
      optional(['sunglasses'], 'Sunglasses', '太阳镜'),
      optional(['first-aid'], 'Blister kit', '水泡护理包'),
    ],
    months: allYear,
    days: 1,
    people: 1,
  },
  {
    id: 'ski-trip',
    name: { en: 'Ski trip', zh: '滑雪旅行' },
    keywords: {
      en: ['ski', 'skiing', 'snowboard', 'ski trip', 'slopes'],
      zh: ['滑雪', '单板', '双板', '雪场', '崇礼'],
    },
    needs: [
      need(['down-jackets'], 'Down jacket', '羽绒服'),
      need(['gloves'], 'Waterproof gloves', '防水手套', {
        constraints: [{ attribute: 'glove_type', oneOf: ['waterproof', 'insulated'] }],
      }),
      need(['hats'], 'Beanie', '毛线帽', { constraints: [{ attribute: 'hat_type', oneOf: ['beanie'] }] }),
      need(['base-layers'], 'Base layers', '排汗内衣'),
      need(['socks'], 'Warm socks', '保暖袜'),
      optional(['sunglasses'], 'Glacier glasses', '冰川镜'),
      optional(['sun-care'], 'Sunscreen', '防晒霜'),
      optional(['luggage'], 'Suitcase', '行李箱'),
    ],
    months: [12, 1, 2, 3],
    days: 3,
    people: 1,
  },
  {
    id: 'high-altitude-trek',
    name: { en: 'High-altitude trek', zh: '高原徒步' },
    keywords: {
      en: ['high altitude', 'altitude', 'tibet', 'everest', 'himalaya', 'plateau'],
      zh: ['高原', '西藏', '高海拔', '川西', '雪山', '珠峰'],
    },
    needs: [
      need(['down-jackets'], 'Down jacket', '羽绒服'),
      need(['rain-jackets'], 'Shell jacket', '冲锋衣'),
      need(['hiking-boots'], 'Boots', '登山靴'),
      need(['backpacks'], 'Backpack', '登山包'),
      need(['sunglasses'], 'Sunglasses', '太阳镜'),
      need(['sun-care'], 'Sunscreen', '防晒霜'),
      need(['gloves'], 'Gloves', '手套'),
      need(['base-layers'], 'Base layers', '排汗内衣'),
      optional(['trekking-poles'], 'Trekking poles', '登山杖'),
      optional(['first-aid'], 'First aid kit', '急救包'),
    ],
    months: [5, 6, 7, 8, 9, 10],
    days: 7,
    people: 1,
  },
];

export interface IntentMatch {
  intent: DemoIntent;
  /** Sum of matched keyword lengths (a Chinese character counts twice); higher is better. */
  score: number;
  matched: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const englishPatterns = new Map(
  demoIntents.flatMap((intent) =>
    intent.keywords.en.map((word) => [word, new RegExp(`\\b${escapeRegExp(word)}`, 'i')]),
  ),
);

/** Intents whose keywords occur in `text`, best first. */
export function matchIntents(text: string, intents: readonly DemoIntent[] = demoIntents): IntentMatch[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const matches: IntentMatch[] = [];
  for (const intent of intents) {
    const matched: string[] = [];
    let score = 0;
    for (const word of intent.keywords.en) {
      const pattern = englishPatterns.get(word) ?? new RegExp(`\\b${escapeRegExp(word)}`, 'i');
      if (pattern.test(normalized)) {
        matched.push(word);
        score += word.length;
      }
    }
    for (const word of intent.keywords.zh) {
      if (normalized.includes(word)) {
        matched.push(word);
        score += word.length * 2;
      }
    }
    if (score > 0) matches.push({ intent, score, matched });
  }
  return matches.sort((a, b) => b.score - a.score || a.intent.id.localeCompare(b.intent.id));
}

const chineseNumbers: Record<string, number> = {
  一: 1,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

function parseCount(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text in chineseNumbers) return chineseNumbers[text];
  return null;
}

/** Trip length in days from "3-day", "3 days", "三天", "两日"; null when the text does not say. */
export function parseTripDays(text: string): number | null {
  const english = /(\d+)\s*-?\s*(?:day|days)\b/i.exec(text);
  if (english) return Number(english[1]);
  const chinese = /(\d+|[一两二三四五六七八九十])\s*(?:天|日)/.exec(text);
  return chinese ? parseCount(chinese[1]) : null;
}
