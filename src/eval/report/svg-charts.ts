// Small inline SVG charts for the self-contained HTML report: horizontal bars and a multi-line curve.

const palette = ['#2f6fbf', '#d9822b', '#3a9c5a', '#b5384a', '#7d5ba6', '#8c6d3f', '#c45fa0', '#5f6b73'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One bar per label, scaled to the largest value. */
export function barChart(options: {
  title: string;
  labels: readonly string[];
  values: readonly number[];
  digits?: number;
}): string {
  const { labels, values } = options;
  const digits = options.digits ?? 4;
  const rowHeight = 22;
  const labelWidth = 190;
  const barWidth = 320;
  const height = labels.length * rowHeight + 30;
  const max = Math.max(...values.filter(Number.isFinite), 0) || 1;
  const rows = labels
    .map((label, j) => {
      const value = values[j];
      const y = 24 + j * rowHeight;
      const width = Number.isFinite(value) ? Math.max(0, (value / max) * barWidth) : 0;
      return (
        `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 6}" fill="${palette[j % palette.length]}"/>` +
        `<text x="${labelWidth + width + 4}" y="${y + 14}">${Number.isFinite(value) ? value.toFixed(digits) : 'n/a'}</text>`
      );
    })
    .join('');
  return `<svg class="chart" width="${labelWidth + barWidth + 80}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}"><text x="4" y="14" class="title">${escapeHtml(options.title)}</text>${rows}</svg>`;
}

/** Lines over x in [0, 1] and y in [0, 1], with a legend. */
export function lineChart(options: {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ReadonlyArray<{ label: string; points: ReadonlyArray<[number, number]>; dashed?: boolean }>;
}): string {
  const width = 520;
  const height = 300;
  const left = 50;
  const top = 24;
  const plotWidth = 330;
  const plotHeight = 230;
  const x = (v: number) => left + v * plotWidth;
  const y = (v: number) => top + (1 - v) * plotHeight;
  const lines = options.series
    .map((series, j) => {
      const path = series.points
        .map(([px, py], k) => `${k ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`)
        .join('');
      const color = palette[j % palette.length];
      const legendY = top + 10 + j * 18;
      return (
        `<path d="${path}" fill="none" stroke="${color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="5,4"' : ''}/>` +
        `<rect x="${left + plotWidth + 12}" y="${legendY - 8}" width="10" height="10" fill="${color}"/>` +
        `<text x="${left + plotWidth + 26}" y="${legendY + 1}">${escapeHtml(series.label)}</text>`
      );
    })
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<text x="${x(t)}" y="${top + plotHeight + 14}" text-anchor="middle">${t}</text>` +
        `<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`,
    )
    .join('');
  return (
    `<svg class="chart" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">` +
    `<text x="4" y="14" class="title">${escapeHtml(options.title)}</text>` +
    `<rect x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>${ticks}${lines}` +
    `<text x="${left + plotWidth / 2}" y="${height - 4}" text-anchor="middle">${escapeHtml(options.xLabel)}</text>` +
    `<text x="12" y="${top + plotHeight / 2}" transform="rotate(-90 12 ${top + plotHeight / 2})" text-anchor="middle">${escapeHtml(options.yLabel)}</text></svg>`
  );
}
