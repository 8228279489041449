// A small text-only catalog for the enrich tests: demo items with their structured attributes removed (only the
// category key stays), so extraction has to read them from the text; and a fake model that answers both prompts.

import type { Item } from '../../../src/core/types.ts';
import { generateCatalog } from '../../../src/data/demo/catalog.ts';
import type { ChatBody, FakeChatReply } from '../../../src/testing/fake-openai-server.ts';

/** `perCategory` items of each of `categories`, text only; `truth` keeps their original attributes. */
export function textOnlyItems(
  categories: readonly string[] = ['tents', 'cookware', 'daypacks'],
  perCategory = 3,
): { items: Item[]; truth: Map<string, Record<string, unknown>> } {
  const catalog = generateCatalog({ seed: 11, scale: 0.4, endTime: Date.UTC(2026, 0, 1), days: 60 });
  const items: Item[] = [];
  const truth = new Map<string, Record<string, unknown>>();
  for (const category of categories) {
    const members = catalog.items.filter((item) => item.attributes.category_id === category).slice(0, perCategory);
    for (const item of members) {
      truth.set(item.id, item.attributes);
      items.push({ ...item, attributes: { category_id: category }, tags: [] });
    }
  }
  return { items, truth };
}

/** The text of a chat request's messages, system included. */
export function requestText(body: ChatBody): string {
  const textOf = (content: unknown): string => {
    if (typeof content === 'string') return content;
    if (Array.isArray(content))
      return content.map((part) => (typeof part?.text === 'string' ? part.text : JSON.stringify(part))).join('\n');
    return JSON.stringify(content);
  };
  return body.messages.map((message) => textOf(message.content)).join('\n');
}

/**
 * A model for both steps: a fixed schema when asked for one; for extraction, every schema field of the prompt with
 * a value read naively from the text (a number before "kg" for weight) or null.
 */
export function fakeEnrichModel(body: ChatBody): FakeChatReply {
  const text = requestText(body);
  if (/attribute schemas/.test(text))
    return {
      content: JSON.stringify({
        fields: [
          { name: 'Weight', type: 'number', unit: 'kg' },
          { name: 'colour', type: 'enum', values: ['Glacier Blue', 'Black', 'Sand', 'Olive', 'Navy'] },
          { name: 'capacity', type: 'number', unit: null, description: 'people' },
        ],
      }),
    };
  const names = [...text.matchAll(/^- (\w+):/gm)].map((match) => match[1]);
  const item = /<item[^>]*>([\s\S]*?)<\/item>/.exec(text)?.[1] ?? '';
  const weight = /(\d+(?:\.\d+)?)\s*kg/.exec(item)?.[0] ?? null;
  const answer: Record<string, unknown> = {};
  for (const name of names) answer[name] = name.startsWith('weight') ? weight : null;
  return { content: JSON.stringify(answer) };
}
