// A line chart as inline SVG: one or more series over a numeric x (time or a share), y from 0 (or the data's
// minimum when it goes below), gaps where a value is missing, a <title> per point for its exact value.

import { formatValue } from '../shared/format.ts';

export interface LineSeries {
  label: string;
  points: Array<{ x: number; y: number | null }>;
}

export interface LineChartProps {
  title: string;
  series: LineSeries[];
  /** Unit of y (`share`, `ms`, `USD`, …): how values are written. */
  unit: string;
  formatX: (x: number) => string;
  height?: number;
}

const palette = ['#1f6f50', '#c2571a', '#3558a8', '#8a3ea0', '#6b7a1f'];
const width = 520;
const pad = { left: 56, right: 12, top: 10, bottom: 24 };

export function LineChart({ title, series, unit, formatX, height = 180 }: LineChartProps) {
  const points = series.flatMap((entry) =>
    entry.points.filter((point) => point.y !== null && Number.isFinite(point.y)),
  );
  const xs = series.flatMap((entry) => entry.points.map((point) => point.x));
  if (points.length === 0) {
    return (
      <figure class="chart chart-empty" data-testid="chart" data-points="0">
        <figcaption>{title}</figcaption>
        <p class="hint">no data in this window</p>
      </figure>
    );
  }
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const ys = points.map((point) => point.y as number);
  const minY = Math.min(0, ...ys);
  const maxY = Math.max(...ys) === minY ? minY + 1 : Math.max(...ys);
  const x = (value: number) => pad.left + ((value - minX) / (maxX - minX || 1)) * (width - pad.left - pad.right);
  const y = (value: number) => pad.top + (1 - (value - minY) / (maxY - minY)) * (height - pad.top - pad.bottom);
  const ticks = [minY, (minY + maxY) / 2, maxY];
  return (
    <figure class="chart" data-testid="chart" data-points={points.length}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line class="grid" x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} />
            <text class="axis" x={pad.left - 6} y={y(tick) + 4} text-anchor="end">
              {formatValue(tick, unit)}
            </text>
          </g>
        ))}
        <text class="axis" x={pad.left} y={height - 6}>
          {formatX(minX)}
        </text>
        <text class="axis" x={width - pad.right} y={height - 6} text-anchor="end">
          {formatX(maxX)}
        </text>
        {series.map((entry, index) => {
          const color = palette[index % palette.length];
          const segments: string[] = [];
          let current = '';
          for (const point of entry.points) {
            if (point.y === null || !Number.isFinite(point.y)) {
              if (current) segments.push(current);
              current = '';
              continue;
            }
            current += `${current ? 'L' : 'M'}${x(point.x).toFixed(1)},${y(point.y).toFixed(1)}`;
          }
          if (current) segments.push(current);
          return (
            <g key={entry.label}>
              {segments.map((path) => (
                <path key={path} d={path} fill="none" stroke={color} stroke-width="2" />
              ))}
              {entry.points.map((point) =>
                point.y === null ||
                !Number.isFinite(point.y) ||
                (entry.points.length > 60 && !isLast(entry, point)) ? null : (
                  <circle key={point.x} cx={x(point.x)} cy={y(point.y)} r="2.5" fill={color}>
                    <title>{`${entry.label} ${formatX(point.x)}: ${formatValue(point.y, unit)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <ul class="legend">
          {series.map((entry, index) => (
            <li key={entry.label}>
              <span class="swatch" style={{ background: palette[index % palette.length] }} />
              {entry.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

/** Long series are drawn as lines with only their last point marked. */
function isLast(series: LineSeries, point: LineSeries['points'][number]): boolean {
  return series.points[series.points.length - 1] === point;
}
