// The progress port: long jobs report through it, and the CLI renders it as a bar. Silent by default.

export interface Progress {
  /** Starts (or restarts) a phase; `total` may be unknown. */
  start(label: string, total?: number): void;
  /** Moves the current phase forward by `amount` (default 1). */
  tick(amount?: number): void;
  /** A one-line note: an epoch's loss, a skipped row, a fallback taken. */
  note(message: string): void;
  /** Ends the current phase. */
  done(summary?: string): void;
}

export const silentProgress: Progress = {
  start() {},
  tick() {},
  note() {},
  done() {},
};
