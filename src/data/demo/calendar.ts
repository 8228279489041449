// The demo shop's calendar: a window of whole local days in China Standard Time (UTC+8, no daylight saving),
// day indexes within it, and season windows given as `MM-DD` ranges that may wrap the new year.

import { InvalidInputError } from '../../core/errors.ts';

export const dayMs = 86_400_000;
/** The shop's offset from UTC: Asia/Shanghai. */
export const shopOffsetMs = 8 * 3_600_000;
export const shopTimeZone = 'Asia/Shanghai';

/** The default last day of the simulated window (exclusive end: local midnight starting this date). */
export const defaultEndDate = '2026-11-01';

/** Local midnight (in ms since the epoch) at the start of a `YYYY-MM-DD` date in the shop's time zone. */
export function localMidnight(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new InvalidInputError(`end date must be a calendar date YYYY-MM-DD (got ${JSON.stringify(date)})`, {
      context: { field: 'endDate' },
    });
  }
  return ms - shopOffsetMs;
}

/** Today's date in the shop's time zone, as `YYYY-MM-DD`. */
export function shopToday(now = Date.now()): string {
  return new Date(now + shopOffsetMs).toISOString().slice(0, 10);
}

/** Day of the year (0-based, 365 days; 29 Feb counts as 28 Feb) of a time, in the shop's time zone. */
export function dayOfYear(time: number): number {
  const local = new Date(time + shopOffsetMs);
  return monthDayToDayOfYear(local.getUTCMonth() + 1, local.getUTCDate());
}

const monthStarts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function monthDayToDayOfYear(month: number, day: number): number {
  return monthStarts[month - 1] + Math.min(day, month === 2 ? 28 : 31) - 1;
}

/** `MM-DD` → day of the year. */
export function parseMonthDay(text: string): number {
  const [month, day] = text.split('-').map(Number);
  return monthDayToDayOfYear(month, day);
}

/**
 * How far a day of the year lies outside a season window, in days (0 inside). Windows wrap the new year when
 * `start > end`.
 */
export function daysOutsideWindow(day: number, start: number, end: number): number {
  const inside = start <= end ? day >= start && day <= end : day >= start || day <= end;
  if (inside) return 0;
  const forward = (start - day + 365) % 365;
  const backward = (day - end + 365) % 365;
  return Math.min(forward, backward);
}

/** Day of the week (0 = Sunday) in the shop's time zone. */
export function weekday(time: number): number {
  return new Date(time + shopOffsetMs).getUTCDay();
}

/** Local hour (0–23) in the shop's time zone. */
export function localHour(time: number): number {
  return new Date(time + shopOffsetMs).getUTCHours();
}
