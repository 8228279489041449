// Gold attributes for the enrich bench: the demo generator's true attributes, mapped to common field names and kept
// only where the item's text states them (a value no text mentions cannot be extracted from text), and the
// alignment of any extracted field name (weight_kg, colour, capacity_persons …) with those gold names.

import type { Item } from '../../src/core/types.ts';
import { parseNumber } from '../../src/llmrec/enrich/units.ts';
import { colourIndex, findSynonym, materialIndex, seasonIndex } from '../../src/llmrec/enrich/vocabulary.ts';

export type Gold = Record<string, number | string>;
export const goldFields = [
  'brand',
  'color',
  'material',
  'season',
  'capacity',
  'weight_g',
  'volume_l',
  'waterproof_mm',
  'temperature_c',
  'lumens',
  'max_load_kg',
  'battery_mah',
] as const;

export function goldOf(truth: Record<string, unknown>, text: string): Gold {
  const pick = (...names: string[]) =>
    names.map((name) => truth[name]).find((value) => value !== undefined && value !== null);
  const raw: Record<string, unknown> = {
    brand: truth.brand,
    color: truth.color,
    material: truth.material,
    season: truth.season,
    capacity: pick('capacity', 'sleepers', 'serves', 'seats', 'persons', 'servings'),
    weight_g: truth.weight_g,
    volume_l:
      pick('volume_l', 'capacity_l') ?? (typeof truth.volume_ml === 'number' ? truth.volume_ml / 1000 : undefined),
    waterproof_mm: truth.waterproof_mm,
    temperature_c: truth.comfort_temp_c,
    lumens: truth.lumens,
    max_load_kg: truth.max_load_kg,
    battery_mah: truth.capacity_mah,
  };
  const gold: Gold = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'number' && numberStated(text, value)) gold[name] = value;
    if (typeof value === 'string' && value !== 'all-season' && text.toLowerCase().includes(value.toLowerCase()))
      gold[name] = value;
  }
  return gold;
}

function numberStated(text: string, value: number): boolean {
  for (const match of text.matchAll(/-?\d+(?:[.,]\d+)*/g)) {
    const n = parseNumber(match[0]);
    if (n === null) continue;
    for (const scale of [1, 1000, 0.001]) if (close(n * scale, value, 0.06)) return true;
  }
  return false;
}

export function close(a: number, b: number, tolerance: number): boolean {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 || Math.abs(a - b) / scale <= tolerance;
}

/** An extracted field as a gold field with its value in the gold unit, or null when it maps to none. */
export function align(name: string, value: unknown): { field: string; value: number | string } | null {
  const unit = /_(g|kg|mm|cm|m|l|ml|c|mah|lm)$/.exec(name)?.[1] ?? '';
  const number = typeof value === 'number' ? value : null;
  const scaled = (factors: Record<string, number>) =>
    number !== null && unit in factors ? number * factors[unit] : null;
  let field: string | null = null;
  let out: number | string | null = null;
  if (/load/.test(name)) [field, out] = ['max_load_kg', scaled({ kg: 1, g: 0.001 })];
  else if (/weight|mass/.test(name)) [field, out] = ['weight_g', scaled({ g: 1, kg: 1000 })];
  else if (/colou?r/.test(name)) [field, out] = ['color', String(value)];
  else if (/material|fabric/.test(name)) [field, out] = ['material', String(value)];
  else if (/brand/.test(name)) [field, out] = ['brand', String(value)];
  else if (/season/.test(name)) [field, out] = ['season', String(value)];
  else if (/waterproof|hydrostatic/.test(name) && unit === 'mm') [field, out] = ['waterproof_mm', number];
  else if (/temp/.test(name)) [field, out] = ['temperature_c', scaled({ c: 1 })];
  else if (/lumen/.test(name)) [field, out] = ['lumens', number];
  else if (/battery|mah/.test(name)) [field, out] = ['battery_mah', number];
  else if (/volume|capacity_(l|ml)$/.test(name)) [field, out] = ['volume_l', scaled({ l: 1, ml: 0.001 })];
  else if (/capacity|person|people|sleep|serves/.test(name) && !unit) [field, out] = ['capacity', number];
  return field && out !== null ? { field, value: out } : null;
}

/** Whether an extracted value matches the gold one: numbers within 6%, texts by synonyms or whole words. */
export function matches(extracted: number | string, gold: number | string): boolean {
  if (typeof gold === 'number') return typeof extracted === 'number' && close(extracted, gold, 0.06);
  const a = String(extracted).toLowerCase().trim();
  const b = gold.toLowerCase().trim();
  if (a === b) return true;
  for (const index of [colourIndex, materialIndex, seasonIndex]) {
    const x = findSynonym(a, index);
    if (x && x === findSynonym(b, index)) return true;
  }
  const words = (text: string) => text.split(/[^a-z0-9]+/).filter(Boolean);
  const [short, long] = words(a).length <= words(b).length ? [words(a), words(b)] : [words(b), words(a)];
  return short.length > 0 && short.every((word) => long.includes(word));
}

/** Text the gold check reads: what the extractors were given. */
export function textOf(item: Item): string {
  return [item.title, item.description ?? ''].join('. ');
}
