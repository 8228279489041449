// What a message asks the conversation to do, in English and Chinese: refer to a shown item ("the second one",
// "第二个"), go cheaper or better, find similar items, compare, show more, reject or like what was shown, start a
// plan ("help me prepare", "准备", "checklist"), start over; and soft wishes such as "lightweight" or "防水".

import { parseChineseNumber } from './numbers.ts';

export interface MessageSignals {
  /** 1-based positions in the last list shown ("the second one" → 2). */
  ordinals: number[];
  cheaper: boolean;
  better: boolean;
  similar: boolean;
  compare: boolean;
  more: boolean;
  /** "none of these", "不要这些": the items shown are wrong. */
  reject: boolean;
  /** "I like it", "喜欢": a positive reaction to what was shown or named. */
  like: boolean;
  /** "I don't like …", "不喜欢 …": a negative reaction to what is named (or shown). */
  dislike: boolean;
  /** Asks for a plan or a checklist for an activity. */
  plan: boolean;
  /** "start over", "重新开始". */
  reset: boolean;
  /** Asks for details of an item ("tell me more about", "详细"). */
  details: boolean;
  /** Soft wishes mapped to tags (waterproof, ultralight, …); they rank, they do not filter. */
  wishes: string[];
}

const ordinalWords: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
  last: -1,
};
const cues = {
  cheaper:
    /\b(?:cheaper|less expensive|lower price|more affordable|budget option|too expensive|too pricey)\b|便宜|实惠|太贵|低价/iu,
  better:
    /\b(?:better|higher[- ]end|premium option|more expensive|top[- ]of[- ]the[- ]line|best quality|upgrade)\b|更好|高端|贵一点|好一点|升级/iu,
  similar: /\b(?:similar|like (?:this|that|it)|alternatives?|something like)\b|类似|相似|差不多的|同类/iu,
  compare: /\b(?:compare|comparison|vs\.?|versus|difference between|which is better)\b|对比|比较|区别|哪个好|哪个更/iu,
  more: /\b(?:more options|other options|show more|others|something else|anything else|different ones)\b|换一批|其他的|别的|更多/iu,
  reject:
    /\b(?:none of (?:these|them|those)|not (?:these|those|what i want|quite)|don'?t like (?:these|them|those|any)|no,? (?:not|none)|wrong)\b|都不要|不要这些|都不喜欢|不是这些|不太对|不合适/iu,
  like: /\b(?:i (?:really )?(?:like|love)|looks? (?:good|great|perfect)|perfect|great choice|i'?ll take)\b|喜欢|不错|就这个|挺好/iu,
  dislike: /\b(?:don'?t like|do not like|hate|dislike|not a fan of|no more)\b|不喜欢|讨厌|不想要|不要/iu,
  plan: /\b(?:prepare|preparing|plan|planning|checklist|check list|packing list|what (?:do|should) i (?:need|bring|pack)|everything (?:i need|for)|kit (?:out|for)|gear (?:list|for)|get ready)\b|准备|清单|计划|装备|要带什么|需要什么|出行/iu,
  reset: /\b(?:start over|start again|new search|reset|forget (?:it|that))\b|重新开始|重来|换个话题/iu,
  details: /\b(?:tell me (?:more )?about|details?|more about|specs?|what is the)\b|详细|详情|参数|介绍一下/iu,
};

/** Soft wishes and the tags they map to; these are language, not catalog, so they live here. */
const wishWords: Array<[RegExp, string]> = [
  [/\b(?:waterproof|water-?proof|rainproof|for rain|wet weather)\b|防水|防雨/iu, 'waterproof'],
  [/\b(?:light ?weight|ultra-?light|ultralight|ul|light)\b|超轻|轻量|轻便|轻巧/iu, 'ultralight'],
  [/\b(?:merino|wool)\b|羊毛|美利奴/iu, 'merino'],
  [/\b(?:down|goose down|duck down)\b|羽绒/iu, 'down'],
  [/\b(?:vegetarian|vegan|meat-?free)\b|素食|素的/iu, 'vegetarian'],
  [/\b(?:new|latest|newest|new arrivals?)\b|新品|最新|新款/iu, 'new-arrival'],
  [/\b(?:warm|winter|cold weather)\b|保暖|冬季|冬天/iu, 'winter'],
  [/\b(?:summer|hot weather)\b|夏季|夏天/iu, 'summer'],
  [/\b(?:cheap|budget|affordable|inexpensive)\b|便宜|实惠|性价比/iu, 'budget'],
  [/\b(?:premium|high[- ]end|luxury|professional|pro)\b|高端|专业|顶级/iu, 'premium'],
];

export function extractSignals(text: string): MessageSignals {
  const ordinals = new Set<number>();
  for (const match of text.matchAll(
    /\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\b(?:\s+(?:one|item|option|pick))?/giu,
  ))
    ordinals.add(ordinalWords[match[1].toLowerCase()]);
  for (const match of text.matchAll(/(?:#|number |no\.\s*|option |item )(\d{1,2})\b/giu))
    ordinals.add(Number(match[1]));
  for (const match of text.matchAll(/第\s*(\d{1,2}|[一二两三四五六七八九十])\s*(?:个|款|件|项|种)?/gu))
    ordinals.add(/\d/.test(match[1]) ? Number(match[1]) : (parseChineseNumber(match[1]) ?? 0));
  const signal = (pattern: RegExp) => pattern.test(text);
  return {
    ordinals: [...ordinals].filter((value) => value === -1 || (value >= 1 && value <= 20)),
    cheaper: signal(cues.cheaper),
    better: signal(cues.better),
    similar: signal(cues.similar),
    compare: signal(cues.compare),
    more: signal(cues.more),
    reject: signal(cues.reject),
    like: signal(cues.like) && !signal(cues.dislike),
    dislike: signal(cues.dislike),
    plan: signal(cues.plan),
    reset: signal(cues.reset),
    details: signal(cues.details),
    wishes: extractWishes(text),
  };
}

/** Soft wishes in a text (the parser passes what is left once prices and names are taken out). */
export function extractWishes(text: string): string[] {
  return wishWords.filter(([pattern]) => pattern.test(text)).map(([, tag]) => tag);
}

/** Phrases before a mention that negate it: "no Pinewood", "not red", "不要红色", "除了帐篷". */
export const negationBefore =
  /(?:\bno|\bnot|\bwithout|\bexcept|\bbut not|\bavoid|\bskip|\bnothing from|\bno need for|\bdo(?:n'?t| not) (?:want|like|need)|\bdislike|\bhate|不要|不想要|别|除了|不喜欢|讨厌|不用|不需要)\s*(?:any\s+|the\s+|a\s+)?$/iu;

/** Phrases before a mention that say the person owns it already: "I already have boots", "已经有登山靴". */
export const ownedBefore =
  /(?:already (?:have|own|got|bought)|i (?:have|own|got) (?:a |my |some )?|got (?:a |my )?|已经有|已有|有了|家里有|自带)\s*(?:a\s+|an\s+|my\s+|some\s+|the\s+)?$/iu;
