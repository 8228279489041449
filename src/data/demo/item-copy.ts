// Copywriting for demo items: model names, and titles and descriptions in English and Chinese from varied
// templates, so that search, embeddings and the assistant see text that reads like a real shop's.

import type { Random } from '../../core/random.ts';
import { type Bilingual, type BrandTier, type BuiltItem, type CategorySpec, pick } from './category-spec.ts';

const modelWords = [
  'Ridgeline',
  'Cirrus',
  'Tundra',
  'Cascade',
  'Kestrel',
  'Granite',
  'Aurora',
  'Meridian',
  'Zephyr',
  'Horizon',
  'Sierra',
  'Alpine',
  'Falcon',
  'Nimbus',
  'Juniper',
  'Cedar',
  'Basalt',
  'Canyon',
  'Glacier',
  'Summit',
  'Pika',
  'Marmot',
  'Lynx',
  'Orion',
  'Vega',
  'Solstice',
  'Monsoon',
  'Sherpa',
  'Taiga',
  'Kunlun',
  'Emei',
  'Lijiang',
  'Qilian',
  'Minya',
  'Altai',
  'Tianshan',
  'Sequoia',
  'Trillium',
  'Boreal',
  'Drift',
] as const;

const modelSuffixes: Record<BrandTier, readonly string[]> = {
  budget: ['', '', ' Lite', ' Go', ' 2', ' S'],
  mid: ['', ' 2', ' II', ' Trek', ' Plus', ' Air', ' 3'],
  premium: [' Pro', ' UL', ' X', ' Elite', ' Max', ' Carbon', ''],
};

/** A model name such as `Ridgeline UL`. */
export function modelName(random: Random, tier: BrandTier): string {
  return `${pick(random, modelWords)}${pick(random, modelSuffixes[tier])}`;
}

const tierAdjectives: Record<BrandTier, readonly Bilingual[]> = {
  budget: [
    { en: 'dependable', zh: '经济实用' },
    { en: 'no-nonsense', zh: '皮实耐用' },
    { en: 'great-value', zh: '高性价比' },
  ],
  mid: [
    { en: 'versatile', zh: '全能' },
    { en: 'well-made', zh: '做工扎实' },
    { en: 'trail-tested', zh: '经过实地测试' },
  ],
  premium: [
    { en: 'premium', zh: '旗舰级' },
    { en: 'expedition-grade', zh: '专业级' },
    { en: 'top-of-the-line', zh: '顶配' },
  ],
};

const closers: Record<BrandTier, readonly Bilingual[]> = {
  budget: [
    { en: 'A sensible pick if you are just getting started.', zh: '新手入门的明智之选。' },
    { en: 'Great value for weekend trips.', zh: '周末出行的高性价比之选。' },
  ],
  mid: [
    { en: 'Backed by a two-year warranty.', zh: '享受两年质保。' },
    { en: 'A reliable companion season after season.', zh: '陪你走过一季又一季。' },
  ],
  premium: [
    { en: 'Backed by a lifetime warranty.', zh: '享受终身质保。' },
    { en: 'Every unit is inspected by hand before it ships.', zh: '出厂前逐件人工质检。' },
  ],
};

const serviceLines: readonly Bilingual[] = [
  { en: 'Ships within 24 hours from our Shanghai warehouse.', zh: '上海仓24小时内发货。' },
  { en: 'Free returns within 30 days.', zh: '支持30天无理由退货。' },
  { en: '', zh: '' },
];

export interface CopyInput {
  spec: CategorySpec;
  built: BuiltItem;
  noun: Bilingual;
  brand: Bilingual;
  tier: BrandTier;
  model: string;
  color: Bilingual;
  /** A new arrival or a limited edition, for the Chinese title prefix. */
  badge: Bilingual | null;
}

/** The English and Chinese title of an item. */
export function itemTitle(random: Random, input: CopyInput): Bilingual {
  const { brand, model, noun, built } = input;
  const qualifiersEn = built.qualifiers.map((q) => q.en).join(' ');
  const qualifiersZh = built.qualifiers.map((q) => q.zh).join('');
  const withColor = random.next() < 0.3;
  const patternsEn = [
    `${brand.en} ${model} ${qualifiersEn} ${noun.en}`,
    `${brand.en} ${qualifiersEn} ${noun.en} ${model}`,
    `${model} ${qualifiersEn} ${noun.en} by ${brand.en}`,
  ];
  const patternsZh = [
    `${brand.zh} ${model} ${qualifiersZh}${noun.zh}`,
    `${brand.zh}${qualifiersZh}${noun.zh} ${model}`,
  ];
  let en = pick(random, patternsEn).replace(/\s+/g, ' ').trim();
  let zh = pick(random, patternsZh).replace(/\s+/g, ' ').trim();
  if (withColor) {
    en = `${en} (${input.color.en})`;
    zh = `${zh}（${input.color.zh}）`;
  }
  if (input.badge) zh = `【${input.badge.zh}】${zh}`;
  return { en, zh };
}

/** The English and Chinese description: an opening line, the facts, one or two selling points and a closing line. */
export function itemDescription(random: Random, input: CopyInput): Bilingual {
  const { spec, built, brand, model, tier } = input;
  const noun = input.noun;
  const adjective = pick(random, tierAdjectives[tier]);
  const useCase = pick(random, spec.useCases);
  const openers: Bilingual[] = [
    {
      en: `The ${brand.en} ${model} is a ${adjective.en} ${noun.en.toLowerCase()} made for ${useCase.en}.`,
      zh: `${brand.zh} ${model} 是一款${adjective.zh}的${noun.zh}，专为${useCase.zh}设计。`,
    },
    {
      en: `Built for ${useCase.en}, the ${model} from ${brand.en} is ${adjective.en} and easy to live with.`,
      zh: `为${useCase.zh}而生，${brand.zh} ${model}${adjective.zh}，上手简单。`,
    },
    {
      en: `${brand.en}'s ${model} brings a ${adjective.en} ${noun.en.toLowerCase()} to ${useCase.en}.`,
      zh: `${brand.zh} ${model}：一款为${useCase.zh}准备的${adjective.zh}${noun.zh}。`,
    },
  ];
  const features = [...spec.features];
  const chosen: Bilingual[] = [];
  const featureCount = Math.min(features.length, 1 + random.int(2));
  for (let k = 0; k < featureCount; k++) chosen.push(features.splice(random.int(features.length), 1)[0]);
  const parts: Bilingual[] = [
    pick(random, openers),
    ...built.facts,
    ...chosen,
    pick(random, closers[tier]),
    pick(random, serviceLines),
  ];
  return {
    en: parts
      .map((part) => part.en)
      .filter(Boolean)
      .join(' '),
    zh: parts
      .map((part) => part.zh)
      .filter(Boolean)
      .join(''),
  };
}
