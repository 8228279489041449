// A horizontal bar chart as inline SVG: one bar per label, the best one emphasised, values written at the bars.

import { formatValue } from '../shared/format.ts';

export interface BarChartProps {
  title: string;
  labels: string[];
  values: Array<number | null>;
  unit?: string;
  /** Which bar is best: the largest (default) or the smallest (times). */
  best?: 'max' | 'min';
}

const width = 420;
const barHeight = 20;
const labelWidth = 120;

export function BarChart({ title, labels, values, unit = '', best = 'max' }: BarChartProps) {
  const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
  const max = Math.max(0, ...finite) || 1;
  const bestValue = finite.length ? (best === 'max' ? Math.max(...finite) : Math.min(...finite)) : null;
  const height = labels.length * (barHeight + 6) + 4;
  return (
    <figure class="chart" data-testid="chart" data-points={finite.length}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {labels.map((label, index) => {
          const value = values[index];
          const top = index * (barHeight + 6) + 2;
          const length = value !== null && Number.isFinite(value) ? (value / max) * (width - labelWidth - 70) : 0;
          return (
            <g key={label}>
              <text class="axis" x={labelWidth - 6} y={top + 14} text-anchor="end">
                {label.length > 18 ? `${label.slice(0, 17)}…` : label}
              </text>
              <rect
                x={labelWidth}
                y={top}
                width={Math.max(length, 1)}
                height={barHeight}
                rx="3"
                class={value === bestValue ? 'bar bar-best' : 'bar'}
              >
                <title>{`${label}: ${formatValue(value, unit)}`}</title>
              </rect>
              <text class="value" x={labelWidth + length + 6} y={top + 14}>
                {formatValue(value, unit)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
