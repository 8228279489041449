// Simulated shoppers: observable profiles for the store (language, city, device, declared interests) and the
// latent tastes only the simulator knows (category affinities, price sensitivity, brand loyalty, activity, trips).

import { createRandom, hashString, type Random } from '../../core/random.ts';
import type { User } from '../../core/types.ts';
import { demoBrands } from './brands.ts';
import { dayMs, shopOffsetMs } from './calendar.ts';
import { latentDimensions } from './catalog.ts';
import { demoCategories, demoCategorySpecs } from './categories.ts';
import { type BrandGroup, pick, pickWeighted } from './category-spec.ts';
import { demoIntents } from './intents.ts';
import { type Persona, personas } from './personas.ts';

export const usersAtScaleOne = 2500;

/** A trip a user plans: they shop for its categories in the two weeks before `startDay`. */
export interface PlannedTrip {
  /** Index into `demoIntents`. */
  intent: number;
  /** Day index (0 = first day of the window) the trip starts; may lie after the window. */
  startDay: number;
}

/** Days before a trip in which its shopping happens. */
export const planningDays = 14;

/** What the simulator knows about users and the store does not. Arrays are indexed by user. */
export interface UserTruth {
  /** users × categories, in logit units: about −1.5 for a peripheral category, +1.3 for a core one. */
  affinity: Float64Array;
  /** Multiplies log(price / category median) in the click and purchase models. */
  priceSensitivity: Float64Array;
  /** Multiplies item quality. */
  qualityPreference: Float64Array;
  /** Multiplies an item's lightness within its category. */
  weightSensitivity: Float64Array;
  /** Extra appeal of a favourite brand. */
  brandLoyalty: Float64Array;
  /** Appeal of new arrivals. */
  noveltySeeking: Float64Array;
  /** Expected sessions per day outside trip planning. */
  activity: Float64Array;
  partySize: Int32Array;
  /** 0 mobile, 1 desktop: the device most sessions use. */
  device: Uint8Array;
  /** Day index of sign-up; users have no sessions before it. */
  signupDay: Float64Array;
  latent: Float64Array;
  favoriteBrands: Int32Array[];
  trips: PlannedTrip[][];
  /** Index into `personas` of the main persona. */
  persona: Int32Array;
}

export interface DemoUsers {
  users: User[];
  truth: UserTruth;
}

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '林',
  '何',
  '高',
  '罗',
];
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '晓',
  '婷',
  '宇',
  '欣',
];
const firstNames = [
  'Alex',
  'Sam',
  'Jamie',
  'Chris',
  'Taylor',
  'Jordan',
  'Morgan',
  'Casey',
  'Robin',
  'Lee',
  'Kim',
  'Ana',
  'Ben',
  'Eva',
  'Max',
];
const chineseCities = [
  ['Shanghai', 5],
  ['Beijing', 5],
  ['Shenzhen', 4],
  ['Guangzhou', 4],
  ['Chengdu', 4],
  ['Hangzhou', 3],
  ['Kunming', 2],
  ["Xi'an", 2],
  ['Wuhan', 2],
  ['Chongqing', 2],
  ['Nanjing', 2],
  ['Xiamen', 1],
] as const;
const englishCities = [
  ['Hong Kong', 3],
  ['Singapore', 2],
  ['Shanghai', 2],
  ['Beijing', 1],
  ['London', 1],
  ['Sydney', 1],
  ['Vancouver', 1],
] as const;

export interface UsersOptions {
  seed: number;
  scale: number;
  /** Start of the simulated window (ms, local midnight). */
  startTime: number;
  days: number;
}

export function generateUsers(options: UsersOptions): DemoUsers {
  const count = Math.round(usersAtScaleOne * options.scale);
  const categories = demoCategories.length;
  const random = createRandom(hashString('users', options.seed >>> 0));
  const truth: UserTruth = {
    affinity: new Float64Array(count * categories),
    priceSensitivity: new Float64Array(count),
    qualityPreference: new Float64Array(count),
    weightSensitivity: new Float64Array(count),
    brandLoyalty: new Float64Array(count),
    noveltySeeking: new Float64Array(count),
    activity: new Float64Array(count),
    partySize: new Int32Array(count),
    device: new Uint8Array(count),
    signupDay: new Float64Array(count),
    latent: new Float64Array(count * latentDimensions),
    favoriteBrands: [],
    trips: [],
    persona: new Int32Array(count),
  };
  const users: User[] = [];
  const personaChoices = personas.map((persona, index) => [index, persona.share] as const);
  const budgetStudent = personas.findIndex((persona) => persona.id === 'budget-student');
  const nationalDay = dayIndexOf('10-01', options);
  for (let u = 0; u < count; u++) {
    const main = pickWeighted(random, personaChoices);
    const second = random.next() < 0.6 ? pickWeighted(random, personaChoices) : main;
    const [first, other] = [personas[main], personas[second]];
    truth.persona[u] = main;
    for (let c = 0; c < categories; c++) {
      const id = demoCategorySpecs[c].id;
      const core = 0.7 * (first.categories[id] ?? 0) + 0.3 * (other.categories[id] ?? 0);
      truth.affinity[u * categories + c] = -1.5 + 2.8 * core + random.normal() * 0.45;
    }
    const draw = (range: readonly [number, number]) => range[0] + random.next() * (range[1] - range[0]);
    truth.priceSensitivity[u] = draw(first.priceSensitivity);
    truth.qualityPreference[u] = draw(first.qualityPreference);
    truth.weightSensitivity[u] = draw(first.weightSensitivity);
    truth.brandLoyalty[u] = random.next() * (main === budgetStudent ? 0.5 : 1.2);
    truth.noveltySeeking[u] = random.next() * 0.8;
    // Log-normal activity: most users visit every week or two, a few almost daily.
    truth.activity[u] = 0.07 * Math.exp(0.8 * random.normal());
    truth.partySize[u] = pick(random, first.partySize);
    truth.device[u] = random.next() < 0.75 ? 0 : 1;
    const newUser = random.next() < 0.12;
    truth.signupDay[u] = newUser ? random.next() * (options.days - 5) : -30 - random.next() * 900;
    for (let d = 0; d < latentDimensions; d++) truth.latent[u * latentDimensions + d] = random.normal() * 0.5;
    truth.favoriteBrands.push(favoriteBrands(random, first, truth.priceSensitivity[u]));
    truth.trips.push(planTrips(random, first, options, nationalDay));
    users.push(
      profile({
        random,
        index: u,
        persona: first,
        second: other,
        signupDay: truth.signupDay[u],
        options,
        device: truth.device[u],
      }),
    );
  }
  return { users, truth };
}

/** One to three favourite brands among those making the persona's core categories, cheaper ones for thrifty users. */
function favoriteBrands(random: Random, persona: Persona, priceSensitivity: number): Int32Array {
  const groups = new Set<BrandGroup>(
    demoCategorySpecs.filter((spec) => (persona.categories[spec.id] ?? 0) >= 0.7).map((spec) => spec.brandGroup),
  );
  const choices = demoBrands.flatMap((brand, index) => {
    if (!brand.groups.some((group) => groups.has(group))) return [];
    const tierFit = brand.tier === 'budget' ? priceSensitivity : brand.tier === 'premium' ? 2.2 - priceSensitivity : 1;
    return [[index, Math.max(0.05, tierFit)] as const];
  });
  const count = 1 + random.int(3);
  const chosen = new Set<number>();
  for (let k = 0; k < count && choices.length; k++) chosen.add(pickWeighted(random, choices));
  return Int32Array.from(chosen);
}

function planTrips(random: Random, persona: Persona, options: UsersOptions, nationalDay: number | null): PlannedTrip[] {
  const trips: PlannedTrip[] = [];
  // Poisson(1) trips whose start falls between a week into the window and two weeks after it.
  let count = 0;
  for (let p = Math.exp(-1), r = random.next(); r > p && count < 4; count++) r *= random.next();
  for (let k = 0; k < count; k++) {
    const aligned = nationalDay !== null && nationalDay >= 7 && random.next() < 0.3;
    const startDay = aligned ? nationalDay : 7 + random.int(options.days + 7);
    const month = new Date(options.startTime + startDay * dayMs + shopOffsetMs).getUTCMonth() + 1;
    const choices = demoIntents.map((intent, index) => {
      const weight = persona.intents[intent.id] ?? 0.05;
      return [index, weight * (intent.months.includes(month) ? 1 : 0.03)] as const;
    });
    trips.push({ intent: pickWeighted(random, choices), startDay });
  }
  return trips.sort((a, b) => a.startDay - b.startDay);
}

/** The day index of the first `MM-DD` in the window (or up to two weeks after it), or null. */
function dayIndexOf(monthDay: string, options: UsersOptions): number | null {
  for (let day = 0; day < options.days + 14; day++) {
    const date = new Date(options.startTime + day * dayMs + shopOffsetMs).toISOString().slice(5, 10);
    if (date === monthDay) return day;
  }
  return null;
}

function profile(input: {
  random: Random;
  index: number;
  persona: Persona;
  second: Persona;
  signupDay: number;
  options: UsersOptions;
  device: number;
}): User {
  const { random, persona } = input;
  const language = random.next() < 0.8 ? 'zh' : 'en';
  const nickname =
    language === 'zh'
      ? `${pick(random, surnames)}${pick(random, givenNames)}${random.next() < 0.5 ? pick(random, givenNames) : ''}`
      : `${pick(random, firstNames)} ${String.fromCharCode(65 + random.int(26))}.`;
  const interests = new Set([
    persona.departments[0],
    ...(random.next() < 0.7 ? [pick(random, input.second.departments)] : []),
  ]);
  return {
    id: `user-${String(input.index + 1).padStart(5, '0')}`,
    attributes: {
      nickname,
      language,
      city: pickWeighted(random, language === 'zh' ? chineseCities : englishCities),
      age_group: pick(random, persona.ageGroups),
      device: input.device === 0 ? 'mobile' : 'desktop',
      interests: [...interests],
      signup_at: Math.round(input.options.startTime + input.signupDay * dayMs),
    },
  };
}
