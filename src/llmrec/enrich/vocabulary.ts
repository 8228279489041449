// Words the rule extractors and the value normaliser know: colours, materials, seasons and their synonyms
// (British and American spellings, Chinese), each mapped to one canonical value.

/** Canonical colour → the ways it is written. Shades keep their own name ("glacier blue") when a catalog uses them. */
export const colourSynonyms: Record<string, readonly string[]> = {
  black: ['black', 'jet black', 'onyx', '黑色', '黑'],
  white: ['white', 'ivory', 'snow', '白色', '白'],
  grey: ['grey', 'gray', 'charcoal', 'graphite', 'slate', '灰色', '灰'],
  blue: ['blue', 'azure', 'cobalt', 'sky blue', '蓝色', '蓝'],
  navy: ['navy', 'navy blue', 'dark blue', '藏青', '藏蓝'],
  green: ['green', 'emerald', 'forest', '绿色', '绿'],
  olive: ['olive', 'olive green', 'khaki green', '橄榄绿'],
  red: ['red', 'crimson', 'scarlet', '红色', '红'],
  burgundy: ['burgundy', 'maroon', 'wine', 'wine red', '酒红'],
  orange: ['orange', 'tangerine', '橙色', '橙'],
  yellow: ['yellow', 'lemon', '黄色', '黄'],
  mustard: ['mustard', 'ochre', '芥末黄'],
  sand: ['sand', 'beige', 'tan', 'khaki', 'stone', '沙色', '卡其'],
  brown: ['brown', 'chocolate', 'coffee', '棕色', '咖啡色'],
  purple: ['purple', 'violet', 'lilac', '紫色', '紫'],
  pink: ['pink', 'rose', '粉色', '粉'],
  silver: ['silver', '银色'],
  gold: ['gold', 'golden', '金色'],
};

/** Canonical material → the ways it is written. */
export const materialSynonyms: Record<string, readonly string[]> = {
  nylon: ['nylon', 'ripstop nylon', 'nylon ripstop', 'parachute nylon', '尼龙'],
  silnylon: ['silnylon', 'silicone-coated nylon', 'sil-nylon', '硅尼龙'],
  polyester: ['polyester', 'poly', 'pongee', '涤纶', '聚酯纤维'],
  dyneema: ['dyneema', 'dyneema composite', 'dcf', 'cuben', '迪尼玛'],
  aluminium: ['aluminium', 'aluminum', 'alloy', 'hard-anodised aluminium', 'anodized aluminum', '铝', '铝合金'],
  titanium: ['titanium', '钛', '钛合金'],
  'stainless steel': ['stainless steel', 'stainless', '不锈钢'],
  steel: ['steel', '钢'],
  'carbon fibre': ['carbon', 'carbon fibre', 'carbon fiber', '碳纤维'],
  down: ['down', 'goose down', 'duck down', '羽绒', '鹅绒'],
  merino: ['merino', 'merino wool', '美利奴'],
  wool: ['wool', '羊毛'],
  cotton: ['cotton', '棉'],
  canvas: ['canvas', '帆布'],
  leather: ['leather', 'nubuck', 'suede', '皮革', '真皮'],
  fleece: ['fleece', 'polar fleece', '抓绒'],
  'gore-tex': ['gore-tex', 'goretex', 'gore tex'],
  silicone: ['silicone', '硅胶'],
  plastic: ['plastic', 'abs', 'polypropylene', '塑料'],
  bamboo: ['bamboo', '竹'],
  rubber: ['rubber', '橡胶'],
  synthetic: ['synthetic', 'synthetic insulation', '合成'],
  fibreglass: ['fibreglass', 'fiberglass', '玻璃纤维'],
  oxford: ['oxford', 'oxford polyester', '牛津布'],
};

export const seasonSynonyms: Record<string, readonly string[]> = {
  '4-season': ['4-season', 'four-season', '4 season', 'four season', 'all-weather', '四季'],
  '3-season': ['3-season', 'three-season', '3 season', 'three season', '三季'],
  winter: ['winter', '冬季', '冬'],
  summer: ['summer', '夏季', '夏'],
  'all-season': ['all-season', 'all season', 'year-round', 'all year'],
};

export const booleanWords: Record<string, boolean> = {
  yes: true,
  true: true,
  y: true,
  included: true,
  有: true,
  是: true,
  no: false,
  false: false,
  n: false,
  none: false,
  无: false,
  否: false,
};

export const numberWords: Record<string, number> = {
  one: 1,
  single: 1,
  solo: 1,
  two: 2,
  double: 2,
  twin: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  ten: 10,
  单: 1,
  双: 2,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  八: 8,
};

/** Each synonym → its canonical value, longest synonyms first (so "navy blue" wins over "blue"). */
export function synonymIndex(table: Record<string, readonly string[]>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [canonical, synonyms] of Object.entries(table)) {
    pairs.push([canonical, canonical]);
    for (const synonym of synonyms) pairs.push([synonym.toLowerCase(), canonical]);
  }
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

/** The canonical value of the first synonym found in `text` as a whole word, or null. */
export function findSynonym(text: string, index: Array<[string, string]>): string | null {
  const lower = text.toLowerCase();
  for (const [synonym, canonical] of index) {
    const at = lower.indexOf(synonym);
    if (at < 0) continue;
    if (/[\u4e00-\u9fff]/.test(synonym)) return canonical;
    const before = lower[at - 1] ?? ' ';
    const after = lower[at + synonym.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return canonical;
  }
  return null;
}

export const colourIndex = synonymIndex(colourSynonyms);
export const materialIndex = synonymIndex(materialSynonyms);
export const seasonIndex = synonymIndex(seasonSynonyms);

/** Synonyms that are also everyday words ("packs down", "forest trails", "snow"): not read from free text. */
const everydayWords = new Set([
  'down',
  'poly',
  'alloy',
  'forest',
  'wine',
  'snow',
  'stone',
  'tan',
  'lemon',
  'coffee',
  'rose',
  'golden',
  'abs',
  'carbon',
]);

/** The indexes for scanning free text (rules, the copy checker): everyday words left out. */
export const colourScanIndex = colourIndex.filter(([synonym]) => !everydayWords.has(synonym));
export const materialScanIndex = materialIndex.filter(([synonym]) => !everydayWords.has(synonym));
