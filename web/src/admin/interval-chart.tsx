// A forest plot as inline SVG: each metric's relative effect with its confidence interval against a zero line;
// significant ones drawn solid.

export interface Interval {
  label: string;
  estimate: number;
  low: number;
  high: number;
  significant: boolean;
}

const width = 520;
const row = 26;
const labelWidth = 150;

export function IntervalChart({ title, intervals }: { title: string; intervals: Interval[] }) {
  const finite = intervals.filter((entry) => [entry.estimate, entry.low, entry.high].every(Number.isFinite));
  // One very wide interval (a rare metric) must not squash the others: the axis covers three times the largest
  // estimate (at least ±10%), and intervals beyond it end in an arrow.
  const widest = Math.max(0.01, ...finite.flatMap((entry) => [Math.abs(entry.low), Math.abs(entry.high)]));
  const extent = Math.min(widest, Math.max(0.1, 3 * Math.max(...finite.map((entry) => Math.abs(entry.estimate)))));
  const clip = (value: number) => Math.max(-extent, Math.min(extent, value));
  const x = (value: number) => labelWidth + ((clip(value) + extent) / (2 * extent)) * (width - labelWidth - 20);
  const height = intervals.length * row + 24;
  const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
  return (
    <figure class="chart" data-testid="chart" data-points={finite.length}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <line class="zero" x1={x(0)} x2={x(0)} y1={0} y2={height - 18} />
        <text class="axis" x={x(-extent)} y={height - 4}>
          {percent(-extent)}
        </text>
        <text class="axis" x={x(0)} y={height - 4} text-anchor="middle">
          0
        </text>
        <text class="axis" x={x(extent)} y={height - 4} text-anchor="end">
          {percent(extent)}
        </text>
        {intervals.map((entry, index) => {
          const y = index * row + 14;
          const ok = [entry.estimate, entry.low, entry.high].every(Number.isFinite);
          return (
            <g key={entry.label} class={entry.significant ? 'interval interval-significant' : 'interval'}>
              <text class="axis" x={labelWidth - 8} y={y + 4} text-anchor="end">
                {entry.label}
              </text>
              {ok ? (
                <>
                  <line x1={x(entry.low)} x2={x(entry.high)} y1={y} y2={y} stroke-width="2" />
                  {entry.low < -extent && <path d={`M${x(-extent)},${y}l7,-4v8z`} />}
                  {entry.high > extent && <path d={`M${x(extent)},${y}l-7,-4v8z`} />}
                  <circle cx={x(entry.estimate)} cy={y} r="4">
                    <title>{`${entry.label}: ${percent(entry.estimate)} [${percent(entry.low)}, ${percent(entry.high)}]`}</title>
                  </circle>
                </>
              ) : (
                <text class="axis" x={x(0) + 6} y={y + 4}>
                  no interval
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
