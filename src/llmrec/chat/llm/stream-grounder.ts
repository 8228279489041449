// Grounds a token stream as it arrives: text is released up to the last complete word, an [[item]] mention is held
// until it closes and then replaced by the real title (or dropped), and id-like tokens outside the catalog are
// scrubbed, so a client never receives anything that grounding would remove later.

import { type GroundingOptions, groundReply } from '../grounding.ts';

export class StreamGrounder {
  readonly #options: GroundingOptions;
  #pending = '';
  readonly ids: string[] = [];
  readonly dropped: string[] = [];
  #released = '';

  constructor(options: GroundingOptions) {
    this.#options = options;
  }

  /** Adds a chunk; returns the text that is safe to show now (possibly empty). */
  push(chunk: string): string {
    this.#pending += chunk;
    const open = this.#pending.lastIndexOf('[[');
    const unclosed = open >= 0 && this.#pending.indexOf(']]', open) < 0;
    let cut = unclosed ? open : this.#pending.length;
    // Hold back a lone "[" (a marker may be starting) and the last, possibly partial, word.
    if (!unclosed && this.#pending.endsWith('[')) cut = this.#pending.length - 1;
    const space = Math.max(this.#pending.lastIndexOf(' ', cut - 1), this.#pending.lastIndexOf('\n', cut - 1));
    if (cut === this.#pending.length && space >= 0) cut = space + 1;
    else if (cut === this.#pending.length) cut = 0;
    return this.#release(cut);
  }

  /** Ends the stream: releases the rest, dropping an unclosed mention. */
  finish(): string {
    this.#pending = this.#pending.replace(/\[\[[^\]]*$/, '');
    return this.#release(this.#pending.length);
  }

  /** Everything released so far. */
  get text(): string {
    return this.#released.trim();
  }

  #release(cut: number): string {
    if (cut <= 0) return '';
    const ready = this.#pending.slice(0, cut);
    this.#pending = this.#pending.slice(cut);
    const grounded = groundReply(ready, this.#options);
    for (const id of grounded.ids) if (!this.ids.includes(id)) this.ids.push(id);
    this.dropped.push(...grounded.dropped);
    // groundReply trims; keep the separator the raw text ended with so words do not run together.
    const tail = /\s$/.test(ready) && grounded.text ? ready.match(/\s+$/)![0] : '';
    const out = grounded.text + tail;
    this.#released += out;
    return out;
  }
}
