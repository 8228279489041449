// Themes for evaluating `lmrec curate` on the demo shop: each with the leaf categories a shopper for it needs and the
// intents a capable LLM writes for it (scripted on the fake OpenAI server, so tests and the bench are repeatable).

export interface CurationTheme {
  theme: string;
  /** Leaf categories of the demo catalog that fit the theme. */
  expected: string[];
  /** The scripted LLM answer: shopping intents as catalog queries. */
  intents: Array<{ query: string; reason: string }>;
}

const intent = (query: string, reason: string) => ({ query, reason });

export const demoCurationThemes: CurationTheme[] = [
  {
    theme: 'winter camping',
    expected: [
      'Tents',
      'Sleeping Bags',
      'Sleeping Pads',
      'Down Jackets',
      'Base Layers',
      'Gloves',
      'Hats',
      'Stoves',
      'Fuel',
      'Headlamps',
    ],
    intents: [
      intent('4-season tent', 'Stands up to snow load and winter wind.'),
      intent('winter down sleeping bag', 'Rated for nights below freezing.'),
      intent('insulated sleeping pad', 'Keeps the cold ground from stealing heat.'),
      intent('down jacket', 'Warmth at camp after the sun sets.'),
      intent('merino base layer', 'Stays warm even when damp.'),
      intent('insulated gloves', 'Warm hands while pitching the tent.'),
      intent('camping stove', 'Hot meals and melted snow for water.'),
    ],
  },
  {
    theme: 'summer beach trip',
    expected: ['Sandals', 'Sun Care', 'Sunglasses', 'Towels', 'Coolers', 'Water Bottles', 'Hats'],
    intents: [
      intent('sandals', 'Easy on and off in the sand.'),
      intent('sunscreen', 'Protection on a long day in the sun.'),
      intent('sunglasses', 'Cuts the glare off the water.'),
      intent('quick-dry towel', 'Dries fast between swims.'),
      intent('cooler', 'Cold drinks all afternoon.'),
      intent('water bottle', 'Stay hydrated in the heat.'),
    ],
  },
  {
    theme: 'rainy season hiking',
    expected: [
      'Rain Jackets',
      'Pack Covers',
      'Hiking Boots',
      'Trekking Poles',
      'Hiking Pants',
      'Tarps & Shelters',
      'Socks',
      'Trail Shoes',
    ],
    intents: [
      intent('rain jacket', 'Keeps you dry through the downpour.'),
      intent('backpack rain cover', 'Keeps the pack and its contents dry.'),
      intent('waterproof hiking boots', 'Dry feet on muddy trails.'),
      intent('trekking poles', 'Steady footing on slippery ground.'),
      intent('hiking pants', 'Quick-drying legs after a shower.'),
      intent('tarp shelter', 'A dry spot for lunch breaks.'),
    ],
  },
  {
    theme: 'long-haul flight',
    expected: ['Luggage', 'Travel Pillows', 'Travel Adapters', 'Power Banks'],
    intents: [
      intent('carry-on luggage', 'Fits the overhead bin.'),
      intent('travel pillow', 'Sleep upright on the plane.'),
      intent('universal travel adapter', 'Charge at your destination.'),
      intent('power bank', 'Keeps the phone alive through the layover.'),
    ],
  },
];

/** The scripted intents of the theme named in a curate prompt ("Theme: ..."), for the fake server's reply function. */
export function scriptedCurateReply(prompt: string): string {
  const theme = /Theme: (.*)/.exec(prompt)?.[1]?.trim();
  const found = demoCurationThemes.find((entry) => entry.theme === theme);
  return JSON.stringify({ intents: found?.intents ?? [] });
}
