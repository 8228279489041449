// Short labels for candidates in a prompt (A…Z, then AA…AZ): the model answers with labels from a closed set, never
// with raw ids it could invent or copy from injected text.

/** `count` distinct labels in order: A…Z, AA…AZ, BA…. */
export function candidateLabels(count: number): string[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from({ length: count }, (_, index) =>
    index < 26 ? letters[index] : `${letters[Math.floor(index / 26) - 1]}${letters[index % 26]}`,
  );
}
