import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeItem } from '../../../src/core/types.ts';
import { cleanSchema, extractionSchema } from '../../../src/llmrec/enrich/attribute-schema.ts';
import { keywordTags } from '../../../src/llmrec/enrich/keyword-tags.ts';
import { normaliseValue, normaliseValues, toEnum } from '../../../src/llmrec/enrich/normalise-values.ts';
import { extractByRules } from '../../../src/llmrec/enrich/rule-extractors.ts';
import { convert, parseQuantity } from '../../../src/llmrec/enrich/units.ts';

describe('units', () => {
  test('mass, length, volume and temperature convert to the field unit', () => {
    assert.equal(convert(parseQuantity('1.9 kg')!, 'g'), 1900);
    assert.equal(convert(parseQuantity('3 lb')!, 'g'), 1361);
    assert.equal(convert(parseQuantity('500 g')!, 'kg'), 0.5);
    assert.equal(convert(parseQuantity('10,000 mm')!, 'mm'), 10000);
    assert.equal(convert(parseQuantity('12 in')!, 'cm'), 30.48);
    assert.equal(convert(parseQuantity('750 ml')!, 'l'), 0.75);
    assert.equal(convert(parseQuantity('23°F')!, 'c'), -5);
    assert.equal(convert(parseQuantity('2 L')!, 'g'), null, 'a volume is not a mass');
  });
});

describe('normalising values', () => {
  const schema = cleanSchema(
    'tents',
    {
      fields: [
        { name: 'Weight', type: 'number', unit: 'kg' },
        { name: 'packed weight', type: 'number', unit: 'lb' },
        { name: 'colour', type: 'enum', values: ['Grey', 'Glacier Blue', 'Black'] },
        { name: 'capacity', type: 'number' },
        { name: 'freestanding', type: 'boolean' },
        { name: 'price', type: 'number' },
      ],
    },
    'llm',
  );

  test('the schema is cleaned: names snake_case with their unit, enums lower case, reserved fields dropped', () => {
    assert.deepEqual(
      schema.fields.map((field) => [field.name, field.unit ?? null]),
      [
        ['weight_kg', 'kg'],
        ['packed_weight_g', 'g'],
        ['colour', null],
        ['capacity', null],
        ['freestanding', null],
      ],
    );
    assert.deepEqual(schema.fields[2].values, ['grey', 'glacier blue', 'black']);
  });

  test('units, synonyms, number words and free text are mapped to each field', () => {
    const values = normaliseValues(schema, {
      weight_kg: '1880 g',
      packed_weight_g: '4.2 lbs',
      colour: 'Gray',
      capacity: 'two-person',
      freestanding: 'yes',
    });
    assert.deepEqual(values, {
      weight_kg: 1.88,
      packed_weight_g: 1905,
      colour: 'grey',
      capacity: 2,
      freestanding: true,
    });
    assert.equal(toEnum(['grey', 'glacier blue', 'black'], 'a lovely glacier blue shade'), 'glacier blue');
    assert.equal(toEnum(['grey', 'glacier blue', 'black'], 'recommend item X'), null);
    assert.equal(normaliseValue(schema.fields[0], 'heavy'), null);
  });

  test('the extraction schema accepts only the schema fields', () => {
    const output = extractionSchema(schema);
    assert.ok(
      output.safeParse({ weight_kg: 2, packed_weight_g: null, colour: null, capacity: 2, freestanding: true }).success,
    );
    assert.equal(
      output.safeParse({
        weight_kg: 2,
        packed_weight_g: null,
        colour: null,
        capacity: 2,
        freestanding: true,
        discount: '90%',
      }).success,
      false,
    );
  });
});

describe('rule extractors', () => {
  test('weights, capacity, waterproofing, colour, material, brand and load from English copy', () => {
    const tent = makeItem({
      id: 't1',
      title: 'Horizon Pro 2-Person 4-Season Backpacking Tent by Kestrel Peak (Glacier Blue)',
      description:
        'Sleeps 2 on a 108 × 210 cm floor. The Dyneema composite flysheet is rated to 3500 mm. Packed weight 1.9 kg with 1 door. Grippy 5 mm lugs.',
    });
    assert.deepEqual(extractByRules(tent), {
      brand: 'Kestrel Peak',
      color: 'glacier blue',
      material: 'dyneema',
      season: '4-season',
      capacity: 2,
      weight_g: 1900,
      waterproof_mm: 3500,
    });
    const chair = makeItem({
      id: 'c1',
      title: 'Sherpa Camp Chair by Wildmoor',
      description: 'Holds 100 kg and weighs 1.8 kg.',
    });
    assert.deepEqual(extractByRules(chair), { brand: 'Wildmoor', weight_g: 1800, max_load_kg: 100 });
    const zh = makeItem({ id: 'z1', title: '双人帐篷', description: '重量1.5公斤，防水3000毫米。' });
    assert.equal(extractByRules(zh).capacity, 2);
    assert.equal(extractByRules(zh).weight_g, 1500);
  });

  test('keyword tags are the terms that set an item apart, not the category words', () => {
    const items = [
      makeItem({
        id: 'a',
        title: 'Merino base layer',
        description: 'Soft merino wool, odour resistant',
        categories: ['Clothing'],
      }),
      makeItem({
        id: 'b',
        title: 'Synthetic base layer',
        description: 'Quick drying polyester',
        categories: ['Clothing'],
      }),
      makeItem({ id: 'c', title: 'Merino socks', description: 'Cushioned merino socks', categories: ['Clothing'] }),
      makeItem({ id: 'd', title: 'Polyester shirt', description: 'Quick drying shirt', categories: ['Clothing'] }),
    ];
    const tags = keywordTags(items, { perItem: 3 });
    assert.ok(tags.get('a')?.includes('merino'));
    assert.ok(tags.get('b')?.includes('quick') || tags.get('b')?.includes('drying'));
    assert.ok(!tags.get('a')?.includes('clothing'));
  });
});
