// Datasets `lmrec datasets download` knows: official GroupLens URLs with sizes and SHA-256 sums
// (the sums TensorFlow Datasets records in tensorflow_datasets/url_checksums/movielens.txt).

export interface CatalogEntry {
  name: string;
  url: string;
  sha256: string;
  size: number;
  /** The folder the archive unpacks into. */
  folder: string;
  /** The `lmrec import` format that reads the folder. */
  format: 'movielens';
  description: string;
}

const grouplens = 'https://files.grouplens.org/datasets/movielens';

export const datasetCatalog: readonly CatalogEntry[] = [
  {
    name: 'movielens-100k',
    url: `${grouplens}/ml-100k.zip`,
    sha256: '50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229',
    size: 4_924_029,
    folder: 'ml-100k',
    format: 'movielens',
    description: 'MovieLens 100K: 100,000 ratings, 943 users, 1,682 movies (1998)',
  },
  {
    name: 'movielens-1m',
    url: `${grouplens}/ml-1m.zip`,
    sha256: 'a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20',
    size: 5_917_549,
    folder: 'ml-1m',
    format: 'movielens',
    description: 'MovieLens 1M: 1,000,209 ratings, 6,040 users, 3,706 movies (2003)',
  },
  {
    name: 'movielens-latest-small',
    url: `${grouplens}/ml-latest-small.zip`,
    sha256: '696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436',
    size: 978_202,
    folder: 'ml-latest-small',
    format: 'movielens',
    description: 'MovieLens latest-small: 100,836 ratings and 3,683 tags, 610 users, 9,742 movies (2018)',
  },
  {
    name: 'movielens-25m',
    url: `${grouplens}/ml-25m.zip`,
    sha256: '8b21cfb7eb1706b4ec0aac894368d90acf26ebdfb6aced3ebd4ad5bd1eb9c6aa',
    size: 261_978_986,
    folder: 'ml-25m',
    format: 'movielens',
    description: 'MovieLens 25M: 25,000,095 ratings, 162,541 users, 62,423 movies (2019)',
  },
];

export function catalogEntry(name: string): CatalogEntry | undefined {
  return datasetCatalog.find((entry) => entry.name === name);
}
