// Quantities in text ("1.9 kg", "3 lb", "30 L", "10,000 mm", "-8°C", "2 m") parsed and converted to a field's unit,
// so attributes compare across items whatever unit the copy or the model used.

/** The units attribute values are stored in; a field names one of them. */
export const canonicalUnits = ['g', 'kg', 'mm', 'cm', 'm', 'l', 'ml', 'c', 'mah', 'lm', 'w', 'h', 'm2'] as const;
export type CanonicalUnit = (typeof canonicalUnits)[number];

interface UnitInfo {
  dimension: 'mass' | 'length' | 'volume' | 'temperature' | 'charge' | 'light' | 'power' | 'time' | 'area';
  /** Multiplier to the dimension's base (g, mm, ml, mAh, lm, W, h, m²); temperature is special-cased. */
  factor: number;
}

const units: Record<string, UnitInfo> = {
  g: { dimension: 'mass', factor: 1 },
  gram: { dimension: 'mass', factor: 1 },
  grams: { dimension: 'mass', factor: 1 },
  克: { dimension: 'mass', factor: 1 },
  kg: { dimension: 'mass', factor: 1000 },
  kgs: { dimension: 'mass', factor: 1000 },
  kilogram: { dimension: 'mass', factor: 1000 },
  kilograms: { dimension: 'mass', factor: 1000 },
  公斤: { dimension: 'mass', factor: 1000 },
  千克: { dimension: 'mass', factor: 1000 },
  lb: { dimension: 'mass', factor: 453.592 },
  lbs: { dimension: 'mass', factor: 453.592 },
  pound: { dimension: 'mass', factor: 453.592 },
  pounds: { dimension: 'mass', factor: 453.592 },
  oz: { dimension: 'mass', factor: 28.3495 },
  ounces: { dimension: 'mass', factor: 28.3495 },
  mm: { dimension: 'length', factor: 1 },
  毫米: { dimension: 'length', factor: 1 },
  cm: { dimension: 'length', factor: 10 },
  厘米: { dimension: 'length', factor: 10 },
  m: { dimension: 'length', factor: 1000 },
  metre: { dimension: 'length', factor: 1000 },
  metres: { dimension: 'length', factor: 1000 },
  meter: { dimension: 'length', factor: 1000 },
  meters: { dimension: 'length', factor: 1000 },
  米: { dimension: 'length', factor: 1000 },
  in: { dimension: 'length', factor: 25.4 },
  inch: { dimension: 'length', factor: 25.4 },
  inches: { dimension: 'length', factor: 25.4 },
  '"': { dimension: 'length', factor: 25.4 },
  ft: { dimension: 'length', factor: 304.8 },
  feet: { dimension: 'length', factor: 304.8 },
  ml: { dimension: 'volume', factor: 1 },
  毫升: { dimension: 'volume', factor: 1 },
  l: { dimension: 'volume', factor: 1000 },
  litre: { dimension: 'volume', factor: 1000 },
  litres: { dimension: 'volume', factor: 1000 },
  liter: { dimension: 'volume', factor: 1000 },
  liters: { dimension: 'volume', factor: 1000 },
  升: { dimension: 'volume', factor: 1000 },
  'fl oz': { dimension: 'volume', factor: 29.5735 },
  c: { dimension: 'temperature', factor: 1 },
  '°c': { dimension: 'temperature', factor: 1 },
  f: { dimension: 'temperature', factor: 1 },
  '°f': { dimension: 'temperature', factor: 1 },
  mah: { dimension: 'charge', factor: 1 },
  lm: { dimension: 'light', factor: 1 },
  lumen: { dimension: 'light', factor: 1 },
  lumens: { dimension: 'light', factor: 1 },
  w: { dimension: 'power', factor: 1 },
  watts: { dimension: 'power', factor: 1 },
  h: { dimension: 'time', factor: 1 },
  hours: { dimension: 'time', factor: 1 },
  m2: { dimension: 'area', factor: 1 },
  'm²': { dimension: 'area', factor: 1 },
};

export interface Quantity {
  value: number;
  /** The unit as written, lower-cased ('' when none). */
  unit: string;
}

const quantityPattern = /^\s*(-?\d+(?:[.,]\d+)*)\s*(fl oz|°\s*[cf]|m²|[a-z"]+|[\u4e00-\u9fff]+)?\s*$/i;

/** "1.9 kg" → { value: 1.9, unit: 'kg' }; "10,000 mm" → 10000; null when the text is not one quantity. */
export function parseQuantity(text: string): Quantity | null {
  const match = quantityPattern.exec(text.trim());
  if (!match) return null;
  const value = parseNumber(match[1]);
  if (value === null) return null;
  return { value, unit: (match[2] ?? '').toLowerCase().replace(/\s+/g, '') };
}

/** "10,000" → 10000, "1.9" → 1.9, "1,5" (decimal comma) → 1.5. */
export function parseNumber(text: string): number | null {
  let cleaned = text;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cleaned)) cleaned = cleaned.replace(/,/g, '');
  else if (/^-?\d+,\d{1,2}$/.test(cleaned)) cleaned = cleaned.replace(',', '.');
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** Converts a quantity to `target`; null when the dimensions differ or a unit is unknown. A bare number is taken as already in `target`. */
export function convert(quantity: Quantity, target: CanonicalUnit): number | null {
  if (quantity.unit === '') return quantity.value;
  const from = units[quantity.unit];
  const to = units[target];
  if (!from || !to || from.dimension !== to.dimension) return null;
  if (from.dimension === 'temperature') {
    const fahrenheit = quantity.unit.endsWith('f');
    const celsius = fahrenheit ? ((quantity.value - 32) * 5) / 9 : quantity.value;
    return round(celsius);
  }
  return round((quantity.value * from.factor) / to.factor);
}

/** The canonical unit a unit as written belongs to at its own scale ('kg' → 'kg', 'lb' → 'g'), or null. */
export function unitOf(written: string): CanonicalUnit | null {
  const key = written.toLowerCase().replace(/\s+/g, '');
  if ((canonicalUnits as readonly string[]).includes(key)) return key as CanonicalUnit;
  const info = units[key];
  if (!info) return null;
  const base: Record<UnitInfo['dimension'], CanonicalUnit> = {
    mass: 'g',
    length: 'mm',
    volume: 'ml',
    temperature: 'c',
    charge: 'mah',
    light: 'lm',
    power: 'w',
    time: 'h',
    area: 'm2',
  };
  return base[info.dimension];
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
