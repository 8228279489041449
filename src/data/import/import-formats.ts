// The import format names, apart from the readers, so the CLI can list them without loading every reader.

export const importFormats = ['movielens', 'csv', 'jsonl', 'amazon'] as const;
export type ImportFormat = (typeof importFormats)[number];
