// The candidate buffer every tool of a turn reads and writes (InteRecAgent's "candidate bus", Huang et al. 2023):
// search or recommend fills it, filter narrows it, and the answer is grounded in it. A turn starts from the
// previous turn's candidates, so "under 800" after "tents" narrows the tents.

export interface Candidate {
  id: string;
  score: number;
  /** Which tool put it here (search, similar_to, …) and why, for item reasons. */
  source: string;
  reason?: string;
}

export class CandidateBuffer {
  #entries: Candidate[];

  constructor(entries: readonly Candidate[] = []) {
    this.#entries = [...entries];
  }

  get size(): number {
    return this.#entries.length;
  }

  entries(): readonly Candidate[] {
    return this.#entries;
  }

  ids(): string[] {
    return this.#entries.map((entry) => entry.id);
  }

  has(id: string): boolean {
    return this.#entries.some((entry) => entry.id === id);
  }

  get(id: string): Candidate | undefined {
    return this.#entries.find((entry) => entry.id === id);
  }

  /** Replaces the candidates (a new search, recommendations, similar items). */
  replace(entries: readonly Candidate[]): void {
    const seen = new Set<string>();
    this.#entries = entries.filter((entry) => !seen.has(entry.id) && seen.add(entry.id));
  }

  /** Keeps the candidates that pass. */
  narrow(keep: (entry: Candidate) => boolean): void {
    this.#entries = this.#entries.filter(keep);
  }

  /** Reorders by new scores (higher first); unscored entries keep their order after the scored ones. */
  rescore(score: (entry: Candidate) => number): void {
    this.#entries = this.#entries
      .map((entry, position) => ({ entry: { ...entry, score: score(entry) }, position }))
      .sort((a, b) => b.entry.score - a.entry.score || a.position - b.position)
      .map(({ entry }) => entry);
  }

  top(limit: number): Candidate[] {
    return this.#entries.slice(0, limit);
  }
}
