// Guards against prompt injection, in both directions. In: messages that ask for the system prompt, for tools or
// writes the chat does not have, or for ids not in the catalog are answered with a refusal; catalog text loses
// sentences that address the model before the model sees it. Out: a reply that leaks the instructions (a canary
// token or a long verbatim run of them) is replaced by a refusal. Patterns cover English and Chinese.

import type { Language } from './types.ts';

const promptExtraction = [
  /\b(?:reveal|show|print|repeat|display|output|leak|dump|share|tell me|give me|what(?:'s| is| are))\b[^.?!\n]{0,40}\b(?:system|developer|hidden|initial|original|secret)\s+(?:prompt|message|instructions?|rules)\b/iu,
  /\b(?:your|the)\s+(?:system\s+)?(?:prompt|instructions|rules)\s+(?:verbatim|word for word|in full)\b/iu,
  /\b(?:ignore|disregard|forget|override)\b[^.?!\n]{0,30}\b(?:previous|prior|above|earlier|all|your)\b[^.?!\n]{0,20}\b(?:instructions?|rules|prompts?|directions)\b/iu,
  /\b(?:you are now|act as|pretend to be|from now on you)\b[^.?!\n]{0,40}\b(?:dan|jailbroken|unfiltered|developer mode|no rules)\b/iu,
  /(?:系统提示|提示词|系统指令|系统消息|初始指令|隐藏指令|开发者指令)/u,
  /(?:忽略|无视|忘记|忘掉)(?:之前|以上|上面|前面|所有|你的)?.{0,6}(?:指令|指示|规则|要求|设定)/u,
];

const writeRequest = [
  /\b(?:delete|remove|drop|truncate|wipe|erase|insert)\b[^.?!\n]{0,30}\b(?:items?|products?|catalog(?:ue)?|users?|accounts?|orders?|database|tables?|feedback|stock|inventory|api keys?)\b/iu,
  /\b(?:update|modify|change|set|edit|lower|raise)\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:prices?|stock|inventory|catalog(?:ue)?|database|users?|accounts?|orders?|ratings?)\s+(?:of|for|to|in|on)\b/iu,
  /(?:删除|修改|更新|清空|改掉)(?:商品|价格|用户|订单|数据库|库存|目录)/u,
  /(?:调用|执行|运行)(?:工具|函数)/u,
];
/** Plan and cart edits ("remove the stove from my list") are not writes to the shop. */
const ownListEdit =
  /\b(?:from|to|in|off)\s+(?:my|the|this|our)\s+(?:plan|list|cart|bundle|checklist|basket|kit)\b|(?:计划|清单|购物车)/iu;

/** Sentences in catalog text that address a model rather than a shopper. */
const injectedSentence =
  /(?:ignore|disregard|forget|override)\b[^.!?\n]*\b(?:instructions?|rules|prompts?)|\b(?:system prompt|developer message|you are (?:now )?(?:an?|the) (?:assistant|ai|model|language model)|as an ai|assistant:|system:|<\|[a-z_]+\|>|\bcall (?:the )?[a-z_]+ (?:tool|function)|\brecommend (?:item |id |product )?#?\s*[\w-]*\d{3,}|\breveal\b|\bexfiltrate\b)|忽略.{0,10}(?:指令|规则)|系统提示|提示词|你现在是/iu;

export type RefusalKind = 'prompt' | 'tool' | 'unknown-id';

/** A named tool or function: "call the delete_items tool", "run `update_price`", "调用 xxx 工具". */
const namedTool =
  /\b(?:call|run|execute|invoke|use|trigger)\s+(?:the\s+|a\s+)?(?:(?:tool|function)\s+)?[`'"]?([a-z][a-z0-9]*(?:_[a-z0-9]+)+|tool|function)\b|(?:调用|执行)\s*[`'"]?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)/giu;

/** Why a message is refused before any search, or null when it is an ordinary request. */
export function screenMessage(message: string, allowedTools: readonly string[] = []): RefusalKind | null {
  if (promptExtraction.some((pattern) => pattern.test(message))) return 'prompt';
  if (writeRequest.some((pattern) => pattern.test(message)) && !ownListEdit.test(message)) return 'tool';
  for (const match of message.matchAll(namedTool)) {
    const name = (match[1] ?? match[2] ?? '').toLowerCase();
    if (!allowedTools.includes(name)) return 'tool';
  }
  return null;
}

/** Ids the message asks for that are not in the catalog: "recommend id 999999", "item #12345", "商品 999999". */
export function unknownIdRequests(message: string, known: (id: string) => boolean): string[] {
  const out = new Set<string>();
  const patterns = [
    /\b(?:id|item|product|sku|number|no\.|#)\s*[:#]?\s*([\p{L}\p{N}_-]*\d[\p{L}\p{N}_-]*)/giu,
    /(?:编号|商品|货号|id)\s*[:：#]?\s*([\p{L}\p{N}_-]*\d[\p{L}\p{N}_-]*)/giu,
    /(?<![\p{L}\p{N}.,_-])(\d{5,})(?![\p{L}\p{N}.,_-])/gu,
  ];
  // Catalog ids anywhere in the message ("item-4", "tents-017") are fine, whatever the words around them.
  const tokens = new Set(message.match(/[\p{L}\p{N}][\p{L}\p{N}_.:-]*[\p{L}\p{N}]/gu) ?? []);
  const knownText = [...tokens].filter((token) => known(token));
  for (const pattern of patterns)
    for (const match of message.matchAll(pattern)) {
      const id = match[1].replace(/^[-_]+/, '');
      // A short number after "#" or "number" is a position in the list ("number 2"), not an id.
      if (!id || /^\d{1,2}$/.test(id) || known(id) || knownText.some((token) => token.includes(id))) continue;
      out.add(id);
    }
  return [...out];
}

/** Catalog text with sentences that address the model taken out; `flagged` tells that something was removed. */
export function sanitizeUntrusted(text: string, maxLength = 600): { text: string; flagged: boolean } {
  // A Latin full stop ends a sentence only before whitespace: "2.0 kg" stays one number.
  const sentences = text.split(/(?<=[.!?])\s+|(?<=[。！？\n])/u);
  const kept = sentences.filter((sentence) => !injectedSentence.test(sentence));
  const joined = kept.join(' ').replace(/\s+/g, ' ').trim();
  return {
    text: joined.length > maxLength ? `${joined.slice(0, maxLength - 1)}…` : joined,
    flagged: kept.length !== sentences.length,
  };
}

/** True when a reply repeats the canary or a long verbatim run of the instructions. */
export function leaksInstructions(reply: string, instructions: string, canary: string): boolean {
  if (reply.includes(canary)) return true;
  const flat = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
  const source = flat(instructions);
  const answer = flat(reply);
  const window = 60;
  for (let start = 0; start + window <= source.length; start += 20)
    if (answer.includes(source.slice(start, start + window))) return true;
  return false;
}

const refusals: Record<RefusalKind, Record<Language, string>> = {
  prompt: {
    en: "I can't share my instructions or change how I work, but I'm happy to help you find gear from the catalog.",
    zh: '我不能透露或更改我的内部指令，但很乐意帮你在商品目录里挑选装备。',
  },
  tool: {
    en: 'I can only look things up in the catalog (search, filter, compare and recommend); I cannot change items, prices, orders or accounts, or run other tools.',
    zh: '我只能查询商品目录（搜索、筛选、对比和推荐），不能修改商品、价格、订单或账户，也不能调用其他工具。',
  },
  'unknown-id': {
    en: 'I could not find {ids} in the catalog, so I will not recommend it. Tell me what you need and I will find real items.',
    zh: '商品目录中没有 {ids}，因此无法推荐。告诉我你的需求，我来帮你找真实在售的商品。',
  },
};

export function refusalText(kind: RefusalKind, language: Language, ids: readonly string[] = []): string {
  return refusals[kind][language].replace('{ids}', ids.join(', '));
}
