import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CatalogIndex } from '../../src/llmrec/chat/catalog-index.ts';
import { normalizeNumbers, parseChineseNumber } from '../../src/llmrec/chat/parse/numbers.ts';
import { parseMessage } from '../../src/llmrec/chat/parse/parse-message.ts';
import { demoIndex } from './chat-fixture.ts';

let index: CatalogIndex;

before(async () => {
  index = await demoIndex();
});

describe('numbers', () => {
  test('Chinese numerals and shorthands become digits', () => {
    assert.equal(parseChineseNumber('八百'), 800);
    assert.equal(parseChineseNumber('一千五'), 1500);
    assert.equal(parseChineseNumber('三百五十'), 350);
    assert.equal(parseChineseNumber('十二'), 12);
    assert.equal(parseChineseNumber('两万'), 20_000);
    assert.equal(normalizeNumbers('三天 八百元以下 两人'), '3天 800元以下 2人');
    assert.equal(normalizeNumbers('budget 2k, two people, 1,299'), 'budget 2000, 2 people, 1299');
    assert.equal(normalizeNumbers('the second one'), 'the second one');
  });
});

describe('parseMessage', () => {
  const parse = (text: string) => parseMessage(text, index);

  test('category, party size and price in English', () => {
    const parsed = parse('tent for 2 people under 800 yuan');
    assert.deepEqual(parsed.categories, ['tents']);
    assert.equal(parsed.people, 2);
    assert.deepEqual(parsed.price, { min: undefined, max: 800, budget: undefined, currency: 'CNY' });
    assert.equal(parsed.searchText, '');
    assert.equal(parsed.language, 'en');
  });

  test('"for N" is a party size unless a unit follows', () => {
    assert.equal(parse('tent for 2 under 800 yuan').people, 2);
    assert.equal(parse('tent for 2 under 800 yuan').price.max, 800);
    assert.equal(parse('a stove for 4').people, 4);
    assert.equal(parse('a jacket for 300 yuan').people, undefined);
    assert.equal(parse('a tent for 3 days').people, undefined);
    assert.equal(parse('a pack for 2 kg of gear').people, undefined);
  });

  test('the same in Chinese, and a trip with days', () => {
    const parsed = parse('双人帐篷 800元以下');
    assert.deepEqual(parsed.categories, ['tents']);
    assert.equal(parsed.people, 2);
    assert.equal(parsed.price.max, 800);
    const trip = parse('帮我准备三天雨天徒步');
    assert.equal(trip.days, 3);
    assert.ok(trip.signals.plan);
    assert.equal(trip.language, 'zh');
  });

  test('currencies, ranges, approximate prices and budgets', () => {
    assert.deepEqual(parse('under $100 headlamp').price, {
      min: undefined,
      max: 100,
      budget: undefined,
      currency: 'USD',
    });
    const range = parse('sleeping bag between 500 and 1000');
    assert.equal(range.price.min, 500);
    assert.equal(range.price.max, 1000);
    const around = parse('a stove around 300 rmb');
    assert.deepEqual([around.price.min, around.price.max], [240, 360]);
    assert.equal(parse('budget 3000 yuan in total').price.budget, 3000);
    assert.equal(parse('预算一千五').price.budget, 1500);
    assert.equal(parse('不超过500元的背包').price.max, 500);
    assert.equal(parse('300元以上的头灯').price.min, 300);
  });

  test('measures with their bounds, and the words they constrain', () => {
    const parsed = parse('a backpack around 40L, lighter than 1.5 kg');
    assert.deepEqual(
      parsed.measures.map(({ unit, value, bound }) => ({ unit, value, bound })),
      [
        { unit: 'g', value: 1500, bound: 'max' },
        { unit: 'l', value: 40, bound: 'approx' },
      ],
    );
    const cold = parse('零下10度的睡袋');
    assert.deepEqual(
      cold.measures.map(({ unit, value }) => [unit, value]),
      [['c', -10]],
    );
    assert.deepEqual(cold.categories, ['sleeping-bags']);
    assert.equal(parse('headlamp with at least 500 lumens').measures[0].bound, 'min');
  });

  test('attribute values from the catalog, negated or not', () => {
    const brand = index.values().keys().next().value as string;
    const parsed = parse(`a tent, no ${brand}`);
    assert.ok(parsed.values.some((value) => value.negated && value.text === brand));
    const color = parse('a 40L backpack in olive');
    assert.ok(color.values.some((value) => value.attribute === 'color' && value.value === 'Olive' && !value.negated));
  });

  test('owned and excluded categories', () => {
    const parsed = parse('I already have boots, and I do not need a stove');
    assert.deepEqual(parsed.ownedCategories, ['hiking-boots']);
    assert.deepEqual(parsed.excludedCategories, ['stoves']);
    assert.deepEqual(parse('我已经有登山靴了').ownedCategories, ['hiking-boots']);
  });

  test('signals: positions, cheaper, compare, reject, like, reset', () => {
    assert.deepEqual(parse('compare the first and second one').signals.ordinals, [1, 2]);
    assert.deepEqual(parse('第二个怎么样').signals.ordinals, [2]);
    assert.ok(parse('a cheaper tent').signals.cheaper);
    assert.ok(parse('便宜一点的').signals.cheaper);
    assert.ok(parse('none of these').signals.reject);
    assert.ok(parse('I like the third one').signals.like);
    assert.ok(!parse("I don't like the third one").signals.like);
    assert.ok(parse("I don't like the third one").signals.dislike);
    assert.ok(parse('start over').signals.reset);
    assert.deepEqual(parse('something waterproof and lightweight').signals.wishes, ['waterproof', 'ultralight']);
  });

  test('catalog ids typed in a message', () => {
    const id = index.members('tents')[0].id;
    assert.deepEqual(parse(`tell me about ${id}`).mentionedIds, [id]);
  });
});
