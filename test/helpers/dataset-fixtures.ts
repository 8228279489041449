// Small generated datasets in the layouts of the real releases (MovieLens 100K, 1M, CSV; Amazon 2018 and LC-Rec),
// written to a temporary folder, for importer tests that need no real data.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];
// Test folders go when the test process ends, whatever the outcome.
process.on('exit', () => {
  for (const folder of created) fs.rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder under the system temp folder, removed when the process exits. */
export function temporaryFolder(prefix = 'lmrec-test-'): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(folder);
  return folder;
}

const genres = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

/** The 100K layout: `users` users rating `items` movies, each user rating every `stride`-th movie. */
export function movielens100kFiles(options: { users?: number; items?: number } = {}): Record<string, string | Buffer> {
  const users = options.users ?? 5;
  const items = options.items ?? 8;
  const itemLines: string[] = [];
  for (let i = 1; i <= items; i++) {
    const flags = genres.map((_, g) => (g === i % genres.length || g === 5 ? '1' : '0'));
    itemLines.push(`${i}|Movie ${i} (199${i % 10})|01-Jan-199${i % 10}||http://example.org/${i}|${flags.join('|')}`);
  }
  // One Latin-1 title, as in the real 1M movies.dat.
  itemLines[0] = itemLines[0].replace('Movie 1', 'Amélie');
  const userLines = Array.from({ length: users }, (_, u) => `${u + 1}|${20 + u}|${u % 2 ? 'F' : 'M'}|writer|0${u}123`);
  const ratings: string[] = [];
  for (let u = 1; u <= users; u++) {
    for (let i = 1; i <= items; i++)
      if ((u + i) % 2 === 0) ratings.push(`${u}\t${i}\t${1 + ((u * i) % 5)}\t${880000000 + u * 100 + i}`);
  }
  return {
    'u.item': Buffer.from(`${itemLines.join('\n')}\n`, 'latin1'),
    'u.user': `${userLines.join('\n')}\n`,
    'u.data': `${ratings.join('\n')}\n`,
    'u.genre': `${genres.map((name, g) => `${name}|${g}`).join('\n')}\n\n`,
  };
}

/** Number of ratings movielens100kFiles writes. */
export function movielens100kRatingCount(users = 5, items = 8): number {
  let count = 0;
  for (let u = 1; u <= users; u++) for (let i = 1; i <= items; i++) if ((u + i) % 2 === 0) count++;
  return count;
}

export function movielens1mFiles(): Record<string, string | Buffer> {
  return {
    'movies.dat': Buffer.from('1::Amélie (2001)::Comedy|Romance\n2::Heat (1995)::Action|Crime|Thriller\n', 'latin1'),
    'users.dat': '1::F::1::10::48067\n2::M::56::16::70072\n',
    'ratings.dat': '1::1::5::978300760\n1::2::3::978302109\n2::2::4::978301968\n',
  };
}

export function movielensCsvFiles(): Record<string, string> {
  return {
    'movies.csv':
      'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children\n2,"American President, The (1995)",Comedy|Drama|Romance\n3,"Film with ""quotes"" (2001)",(no genres listed)\n',
    'ratings.csv': 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964981247\n2,1,5.0,964982224\n',
    'tags.csv':
      'userId,movieId,tag,timestamp\n1,1,pixar,1445714994\n2,1,Pixar,1445714995\n2,1,fun,1445714996\n1,2,"politics, romance",1445714997\n',
    'links.csv': 'movieId,imdbId,tmdbId\n1,0114709,862\n2,0112346,9087\n3,0000001,\n',
  };
}

export function amazonLcrecFiles(): Record<string, string> {
  const items = {
    '0': {
      title: 'Digital caliper',
      description: 'Measures <b>0-150 mm</b>.',
      brand: 'Acme',
      categories: 'Industrial & Scientific,Test, Measure & Inspect,Calipers',
    },
    '1': { title: 'Nitrile gloves', description: '', brand: '', categories: '' },
    '2': {
      title: 'Safety glasses "clear"',
      description: 'Anti-fog.\nUV 400.',
      brand: 'Guard',
      categories: 'Industrial & Scientific,Safety',
    },
  };
  return {
    'Tiny.item.json': JSON.stringify(items, null, 2),
    'Tiny.inter.json': JSON.stringify({ '0': [0, 1, 2], '1': [2, 0], '2': [1, 2] }),
  };
}

export function amazonReviewFiles(): Record<string, string> {
  const reviews = [
    {
      overall: 5.0,
      verified: true,
      reviewTime: '01 2, 2018',
      reviewerID: 'A1',
      asin: 'B01',
      reviewText: 'Great',
      unixReviewTime: 1514851200,
    },
    { overall: 3.0, reviewerID: 'A1', asin: 'B02', reviewTime: '02 3, 2018' },
    { overall: 4.0, reviewerID: 'A2', asin: 'B01', unixReviewTime: 1514937600 },
  ];
  const meta = [
    {
      asin: 'B01',
      title: 'Lab &amp; bench scale',
      category: ['Industrial & Scientific', 'Lab Scales'],
      description: ['<p>Accurate</p> to 0.01 g'],
      brand: 'by\n Weighco',
      feature: ['USB', 'Battery'],
      also_buy: ['B02'],
      price: '$24.99',
      main_cat: 'Industrial & Scientific',
      date: 'June 1, 2012',
    },
    { asin: 'B02', title: 'Beaker set', category: ['Industrial & Scientific', 'Lab Supplies', 'Beakers'], price: '' },
    { asin: 'B99', title: 'Never reviewed', category: [] },
  ];
  return {
    'Industrial_and_Scientific_5.json': `${reviews.map((row) => JSON.stringify(row)).join('\n')}\n`,
    'meta_Industrial_and_Scientific.json': `${meta.map((row) => JSON.stringify(row)).join('\n')}\n`,
  };
}

/** Writes `files` into `folder` (created) and returns it. */
export function writeFiles(folder: string, files: Record<string, string | Buffer>): string {
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
  return folder;
}
