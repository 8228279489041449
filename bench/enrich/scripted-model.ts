// The scripted model of the enrich bench, served by the fake OpenAI server: it proposes a schema the way a model
// does (its own names and units: weight in kg, volume in litres, "colour"), and answers extractions from the
// generator's truth in surface forms a model writes ("1.88 kg", "two", "Gray"), with seeded noise: 8% of stated
// values left out and 4% wrong. It measures the pipeline around a model (schema cleaning, validation, units,
// synonyms, enums, storage), not a model's reading; a real provider is measured when LMREC_LLM is set.

import { createRandom, hashString } from '../../src/core/random.ts';
import type { ChatBody, FakeChatReply } from '../../src/testing/fake-openai-server.ts';
import type { Gold } from './gold.ts';

const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six'];

export function scriptedModel(gold: ReadonlyMap<string, Gold>, seed: number) {
  return (body: ChatBody): FakeChatReply => {
    const text = body.messages
      .map((message) => (typeof message.content === 'string' ? message.content : ''))
      .join('\n');
    if (/attribute schemas/.test(text)) return { content: JSON.stringify(schemaFor(text, gold)) };
    const id = /<item id="([^"]+)"/.exec(text)?.[1] ?? '';
    const names = [...text.matchAll(/^- (\w+):/gm)].map((match) => match[1]);
    const truth = gold.get(id) ?? {};
    const random = createRandom(hashString(id, seed));
    const answer: Record<string, unknown> = {};
    for (const name of names) {
      const field = fieldOf(name);
      const value = field ? truth[field] : undefined;
      const roll = random.next();
      if (value === undefined || roll < 0.08) answer[name] = null;
      else if (roll < 0.12)
        answer[name] = typeof value === 'number' ? surface(field!, value * 1.5, random.next()) : 'Red';
      else
        answer[name] =
          typeof value === 'number' ? surface(field!, value, random.next()) : spelling(value, random.next());
    }
    return { content: JSON.stringify(answer) };
  };
}

/** The fields of the sample items' gold values, named and typed as a model might. */
function schemaFor(text: string, gold: ReadonlyMap<string, Gold>) {
  const ids = [...text.matchAll(/<item id="([^"]+)"/g)].map((match) => match[1]);
  const present = new Set(ids.flatMap((id) => Object.keys(gold.get(id) ?? {})));
  const fields: Array<Record<string, unknown>> = [];
  const add = (field: Record<string, unknown>) => fields.push(field);
  if (present.has('brand')) add({ name: 'Brand', type: 'text' });
  if (present.has('color')) add({ name: 'colour', type: 'text' });
  if (present.has('material')) add({ name: 'Main material', type: 'text' });
  if (present.has('season'))
    add({ name: 'season', type: 'enum', values: ['Summer', 'Three-season', 'Four-season', 'Winter'] });
  if (present.has('capacity')) add({ name: 'capacity_persons', type: 'number', unit: null });
  if (present.has('weight_g')) add({ name: 'Weight', type: 'number', unit: 'kg' });
  if (present.has('volume_l')) add({ name: 'volume', type: 'number', unit: 'litres' });
  if (present.has('waterproof_mm')) add({ name: 'waterproof rating', type: 'number', unit: 'mm' });
  if (present.has('temperature_c')) add({ name: 'comfort temperature', type: 'number', unit: '°C' });
  if (present.has('lumens')) add({ name: 'lumens', type: 'number' });
  if (present.has('max_load_kg')) add({ name: 'max load', type: 'number', unit: 'kg' });
  if (present.has('battery_mah')) add({ name: 'battery', type: 'number', unit: 'mAh' });
  if (fields.length === 0) add({ name: 'brand', type: 'text' });
  return { fields };
}

function fieldOf(name: string): string | null {
  if (/brand/.test(name)) return 'brand';
  if (/colou?r/.test(name)) return 'color';
  if (/material/.test(name)) return 'material';
  if (/season/.test(name)) return 'season';
  if (/capacity_persons/.test(name)) return 'capacity';
  if (/load/.test(name)) return 'max_load_kg';
  if (/weight/.test(name)) return 'weight_g';
  if (/volume/.test(name)) return 'volume_l';
  if (/waterproof/.test(name)) return 'waterproof_mm';
  if (/temperature/.test(name)) return 'temperature_c';
  if (/lumens/.test(name)) return 'lumens';
  if (/battery/.test(name)) return 'battery_mah';
  return null;
}

function surface(field: string, value: number, roll: number): string | number {
  switch (field) {
    case 'weight_g':
      return roll < 0.5 ? `${(value / 1000).toFixed(2)} kg` : `${Math.round(value)} g`;
    case 'capacity':
      return roll < 0.5 && value < words.length ? words[Math.round(value)] : `${Math.round(value)}-person`;
    case 'volume_l':
      return roll < 0.5 ? `${value} litres` : `${Math.round(value * 1000)} ml`;
    case 'temperature_c':
      return roll < 0.3 ? `${Math.round((value * 9) / 5 + 32)}°F` : `${value}°C`;
    case 'max_load_kg':
      return `${value} kg`;
    default:
      return roll < 0.5 ? value : `${value.toLocaleString('en-US')}`;
  }
}

function spelling(value: string, roll: number): string {
  if (/^\d-season$/.test(value)) return value === '4-season' ? 'Four-season' : 'Three-season';
  if (value === 'winter' || value === 'summer') return value[0].toUpperCase() + value.slice(1);
  return roll < 0.3 ? value.toUpperCase() : roll < 0.5 ? value.replace(/Grey/i, 'Gray') : value;
}
