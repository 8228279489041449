// An LLM-free simulated shopper for evaluating conversational recommenders (as RecAI's user simulator, Lian et al.
// 2024, without the LLM): it wants one target item, opens with the target's category, answers the assistant's
// questions from the target's attributes, and rejects wrong items while revealing one more true fact each turn.
// It never names the target, only facts about it, so a hit means the assistant found it.

import type { Item } from '../../../core/types.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import { capacityAttributes } from '../search-state.ts';
import type { AssistantQuestion, Language } from '../types.ts';

/** Facts in the order a shopper would volunteer them when the items shown are wrong. */
const revealOrder = [
  'price',
  'brand',
  'people',
  'color',
  'season',
  'gender',
  'fill',
  'fuel_type',
  'hat_type',
  'glove_type',
  'material',
];

export class SimulatedShopper {
  readonly target: Item;
  readonly language: Language;
  readonly #index: CatalogIndex;
  readonly #revealed = new Set<string>();

  constructor(options: { target: Item; language: Language; index: CatalogIndex }) {
    this.target = options.target;
    this.language = options.language;
    this.#index = options.index;
  }

  /** The first message: only the kind of thing wanted ("I'm looking for a sleeping bag"). */
  opening(): string {
    const category = this.#index.categoryOf(this.target.id);
    const name =
      this.language === 'zh' ? (category?.nameZh ?? category?.name ?? '') : (category?.name ?? '').toLowerCase();
    this.#revealed.add('category');
    return this.language === 'zh' ? `我想买${name}` : `I'm looking for ${name}`;
  }

  /** The reply to an answer that did not show the target: the answer to its question, else a rejection and a fact. */
  respond(question: AssistantQuestion | null): string {
    const answer = question ? this.#fact(question.attribute) : null;
    if (answer) return answer;
    for (const attribute of revealOrder) {
      const fact = this.#fact(attribute);
      if (fact) return this.language === 'zh' ? `都不是。${fact}` : `None of these. ${fact}`;
    }
    return this.language === 'zh' ? '都不是，换一批' : 'None of these, show me others';
  }

  /** A true statement about the target's attribute, once per attribute; null when it has none to give. */
  #fact(attribute: string): string | null {
    if (this.#revealed.has(attribute)) return null;
    const zh = this.language === 'zh';
    const attributes = this.target.attributes;
    let text: string | null = null;
    if (attribute === 'price' && typeof this.target.price === 'number') {
      // A budget a little above the price, rounded as people do.
      const cap = Math.ceil((this.target.price * 1.15) / 50) * 50;
      text = zh ? `预算${cap}元以内` : `under ${cap} yuan`;
    } else if (attribute === 'people') {
      const capacity = capacityAttributes.map((name) => attributes[name]).find((value) => typeof value === 'number');
      if (typeof capacity === 'number') text = zh ? `${capacity}人用` : `for ${capacity} people`;
    } else if (attribute === 'category') {
      return null;
    } else {
      const value = attributes[attribute];
      if (typeof value === 'string' && value) {
        const chinese = attributes[`${attribute}_zh`];
        const said = zh && typeof chinese === 'string' ? chinese : value;
        text =
          attribute === 'brand' ? (zh ? `我想要${said}的` : `I prefer ${said}`) : zh ? `要${said}的` : `${said} please`;
      }
    }
    if (text) this.#revealed.add(attribute);
    return text;
  }
}
