// Splits a document into overlapping chunks for retrieval: at paragraph, then sentence boundaries when it can,
// so a chunk rarely cuts a sentence in half.

export interface ChunkOptions {
  /** Target characters per chunk. */
  size?: number;
  /** Characters repeated from the end of the previous chunk, so facts at a boundary stay retrievable. */
  overlap?: number;
}

export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const size = options.size ?? 800;
  const overlap = Math.min(options.overlap ?? 100, Math.floor(size / 2));
  const pieces = text
    .split(/\n\s*\n|(?<=[.!?。！？])\s+/u)
    .map((piece) => piece.trim())
    .filter(Boolean)
    .flatMap((piece) => (piece.length > size ? hardSplit(piece, size) : [piece]));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + piece.length + 1 > size) {
      chunks.push(current);
      current = current.slice(Math.max(0, current.length - overlap));
    }
    current = current ? `${current} ${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}

function hardSplit(text: string, size: number): string[] {
  const out: string[] = [];
  for (let start = 0; start < text.length; start += size) out.push(text.slice(start, start + size));
  return out;
}
