import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localMidnight } from '../../../src/data/demo/calendar.ts';
import { generateCatalog } from '../../../src/data/demo/catalog.ts';
import { demoCategory, singlePerKitCategories } from '../../../src/data/demo/categories.ts';
import { complementsOf, demoComplements, itemsFit } from '../../../src/data/demo/complements.ts';
import { demoIntents, matchIntents, parseTripDays } from '../../../src/data/demo/intents.ts';

const catalog = generateCatalog({ seed: 42, scale: 1, endTime: localMidnight('2026-11-01'), days: 90 });
const inCategory = (id: string) => catalog.items.filter((item) => item.attributes.category_id === id);

describe('complement relations', () => {
  it('refer to existing categories, and their fit rules to attributes the items carry', () => {
    for (const relation of demoComplements) {
      assert.ok(demoCategory(relation.from), relation.from);
      assert.ok(demoCategory(relation.to), relation.to);
      for (const rule of relation.fit) {
        const left = rule.leftAttribute;
        const right = rule.kind === 'within' ? [rule.minAttribute, rule.maxAttribute] : [rule.rightAttribute];
        assert.ok(
          inCategory(relation.from).every((item) => left in item.attributes),
          `${relation.from}.${left}`,
        );
        for (const name of right)
          assert.ok(
            inCategory(relation.to).every((item) => name in item.attributes),
            `${relation.to}.${name}`,
          );
      }
    }
    assert.ok(complementsOf('tents').some((relation) => relation.from === 'sleeping-pads'));
  });

  it('tell which pads fit a tent and which fuel fits a stove', () => {
    const padRule = demoComplements.find((relation) => relation.from === 'sleeping-pads' && relation.to === 'tents')!;
    const tent = { attributes: { category_id: 'tents', pad_width_max_cm: 65, floor_length_cm: 215 } };
    const narrow = { attributes: { category_id: 'sleeping-pads', width_per_sleeper_cm: 51, length_cm: 183 } };
    const wide = { attributes: { category_id: 'sleeping-pads', width_per_sleeper_cm: 76, length_cm: 183 } };
    assert.equal(itemsFit(padRule, narrow, tent), true);
    assert.equal(itemsFit(padRule, tent, narrow), true, 'either order');
    assert.equal(itemsFit(padRule, wide, tent), false);
    const fuelRule = demoComplements.find((relation) => relation.from === 'stoves' && relation.to === 'fuel')!;
    const stove = { attributes: { category_id: 'stoves', fuel_type: 'canister' } };
    assert.equal(itemsFit(fuelRule, stove, { attributes: { category_id: 'fuel', fuel_type: 'canister' } }), true);
    assert.equal(itemsFit(fuelRule, stove, { attributes: { category_id: 'fuel', fuel_type: 'alcohol' } }), false);
    // Real catalog items: every tent has some fitting pad, and every stove some fuel.
    for (const item of inCategory('tents'))
      assert.ok(
        inCategory('sleeping-pads').some((pad) => itemsFit(padRule, pad, item)),
        item.id,
      );
    for (const item of inCategory('stoves'))
      assert.ok(
        inCategory('fuel').some((fuel) => itemsFit(fuelRule, item, fuel)),
        item.id,
      );
  });

  it('flags single-per-kit categories', () => {
    assert.ok(singlePerKitCategories.has('tents') && singlePerKitCategories.has('stoves'));
    assert.ok(!singlePerKitCategories.has('fuel') && !singlePerKitCategories.has('socks'));
  });
});

describe('intents', () => {
  it('refer to existing categories and constrain attributes the items carry', () => {
    for (const intent of demoIntents) {
      assert.ok(intent.needs.filter((need) => need.required).length >= 4, intent.id);
      for (const need of intent.needs) {
        for (const id of need.categories) assert.ok(demoCategory(id), `${intent.id}: ${id}`);
        for (const constraint of need.constraints ?? []) {
          const items = need.categories.flatMap(inCategory);
          assert.ok(
            items.some((item) => constraint.attribute in item.attributes),
            `${intent.id}: ${constraint.attribute}`,
          );
        }
      }
    }
  });

  it('match English and Chinese requests', () => {
    const chinese = matchIntents('帮我准备三天雨天徒步');
    assert.equal(chinese[0].intent.id, 'rainy-hike');
    assert.ok(new Set(chinese[0].intent.needs.flatMap((need) => need.categories)).size >= 5);
    assert.equal(matchIntents('gear for a 3-day rainy hike')[0].intent.id, 'rainy-hike');
    assert.equal(matchIntents('winter camping in the snow')[0].intent.id, 'winter-camping');
    assert.equal(matchIntents('带孩子去家庭露营')[0].intent.id, 'family-camping');
    assert.equal(matchIntents('beach holiday in Sanya')[0].intent.id, 'beach-holiday');
    assert.deepEqual(matchIntents('a blue pencil'), []);
  });

  it('read trip lengths', () => {
    assert.equal(parseTripDays('3-day rainy hike'), 3);
    assert.equal(parseTripDays('a 5 days trip'), 5);
    assert.equal(parseTripDays('帮我准备三天雨天徒步'), 3);
    assert.equal(parseTripDays('两日露营'), 2);
    assert.equal(parseTripDays('a tent please'), null);
  });
});
