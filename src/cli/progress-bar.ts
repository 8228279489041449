// A terminal progress bar on stderr for the Progress port; plain lines when stderr is not a terminal.

import type { Progress } from '../core/progress.ts';

export function progressBar(options: { stream?: NodeJS.WriteStream; quiet?: boolean } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  let label = '';
  let total: number | undefined;
  let done = 0;
  let started = 0;
  let lastDraw = 0;

  const draw = (force = false) => {
    if (!tty || options.quiet) return;
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const seconds = ((now - started) / 1000).toFixed(1);
    const width = 30;
    let line: string;
    if (total && total > 0) {
      const fraction = Math.min(1, done / total);
      const filled = Math.round(fraction * width);
      line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0)}% ${format(done)}/${format(total)} ${seconds}s`;
    } else {
      line = `${label} ${format(done)} ${seconds}s`;
    }
    stream.write(`\r\x1b[K${line.slice(0, (stream.columns ?? 120) - 1)}`);
  };

  return {
    start(nextLabel, nextTotal) {
      label = nextLabel;
      total = nextTotal;
      done = 0;
      started = Date.now();
      lastDraw = 0;
      if (!tty && !options.quiet) stream.write(`${label}…\n`);
      draw(true);
    },
    tick(amount = 1) {
      done += amount;
      draw();
    },
    note(message) {
      if (options.quiet) return;
      if (tty) stream.write('\r\x1b[K');
      stream.write(`${message}\n`);
      draw(true);
    },
    done(summary) {
      if (options.quiet) return;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (tty) stream.write('\r\x1b[K');
      stream.write(`${label}: ${summary ?? `${format(done)} done`} in ${seconds}s\n`);
    },
  };
}

function format(n: number): string {
  return n.toLocaleString('en-US');
}
