// Numbers, prices and times as the UI shows them.

export function formatPrice(price: number | null | undefined, currency: unknown = 'CNY'): string {
  if (price === null || price === undefined || !Number.isFinite(price)) return '—';
  const symbol = currency === 'CNY' || currency === undefined ? '¥' : currency === 'USD' ? '$' : `${String(currency)} `;
  return `${symbol}${price.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatShare(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** A value in its unit: shares as percentages, milliseconds, USD, plain numbers with sensible precision. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (unit === 'share') return formatShare(value, 2);
  if (unit === 'USD') return `$${value.toFixed(value < 1 ? 4 : 2)}`;
  const text = Math.abs(value) >= 100 || Number.isInteger(value) ? formatNumber(value) : value.toPrecision(3);
  return unit === 'ms' ? `${text} ms` : text;
}

export function formatTime(time: number, withTime = true): string {
  const iso = new Date(time).toISOString();
  return withTime ? iso.slice(0, 16).replace('T', ' ') : iso.slice(0, 10);
}
