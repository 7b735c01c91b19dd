/** Calendar days as YYYY-MM-DD strings in UTC: the unit Cost Explorer bills and the ledger keeps. */
import { UsageError } from './errors';

/** A day in milliseconds and in seconds (UTC days: no leap seconds, no DST), and an hour in milliseconds. */
export const DAY_MS = 86_400_000;
export const DAY_SECONDS = 86_400;
export const HOUR_MS = 3_600_000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day a moment falls on. */
export const utcDay = (moment: Date): string => moment.toISOString().slice(0, 10);

/** An ISO timestamp to the minute, as people read it: "2026-11-20 06:00". */
export const minuteOf = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** Today's date in UTC. */
export const todayUtc = (now: Date = new Date()): string => utcDay(now);

/** The day `n` days after (or before, when negative) `day`. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return utcDay(d);
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  const time = new Date(`${value}T00:00:00Z`).getTime();
  return ISO_DAY.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** Validate an --as-of value: a real day, not in the future. */
/**
 * The first day Cost Explorer still holds at daily granularity: "up to 13 months of historical data and data for the
 * current month" (AWS Cost Management User Guide, Best practices for the Cost Explorer API).
 */
export function ceEarliestDay(asOf: string): string {
  const d = new Date(`${monthStart(asOf)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 13);
  return d.toISOString().slice(0, 10);
}

/** The Cost Explorer API's first version (2017-10-25): no account has Cost Explorer data from before it. */
export const CE_FIRST_DAY = '2017-10-25';

/**
 * The run date: today by default. A live run (or a recording) reads AWS as it is today, so its date must be within
 * the 13 months Cost Explorer keeps; the sample account and a cassette answer for any date after Cost Explorer began.
 */
export function parseAsOf(value: string | undefined, now: Date, reads: 'live' | 'offline' = 'offline'): string {
  const today = todayUtc(now);
  if (value === undefined) return today;
  if (!isIsoDay(value)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD; got "${value}"`);
  if (value > today) throw new UsageError(`--as-of ${value} is in the future; Cost Explorer has no data yet`);
  const earliest = reads === 'live' ? ceEarliestDay(today) : CE_FIRST_DAY;
  if (value < earliest) {
    const why = reads === 'live' ? 'Cost Explorer keeps 13 months of daily data' : 'Cost Explorer began on that day';
    throw new UsageError(`--as-of ${value} is before ${earliest}: ${why}`);
  }
  return value;
}

/** The 1st of the day's month. */
export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

/** The 1st of the month after the day's month. */
export const nextMonthStart = (day: string): string => monthStart(addDays(monthStart(day), 32));

/** The same day `n` calendar months later, clamped to that month's last day: Jan 31 + 1 month is Feb 28 (or 29). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return utcDay(new Date(Date.UTC(y, m - 1 + n, Math.min(d, lastDay))));
}

/** The days from start to end, end exclusive (as Cost Explorer's TimePeriod). */
export function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d < end; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The earlier and the later of two YYYY-MM-DD days. */
export const earlierDay = (a: string, b: string): string => (a < b ? a : b);
export const laterDay = (a: string, b: string): string => (a > b ? a : b);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "2026-11" → "November 2026". */
export const monthName = (yyyymm: string): string =>
  `${LONG_MONTHS[Number(yyyymm.slice(5, 7)) - 1]} ${yyyymm.slice(0, 4)}`;

const shortDay = (day: string): string => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;

/** An inclusive window, briefly: "Nov 19", "Nov 1–19", "Oct 30–Nov 12". */
export function window(w: { from: string; to: string }): string {
  if (w.from === w.to) return shortDay(w.from);
  if (w.from.slice(0, 7) === w.to.slice(0, 7)) return `${shortDay(w.from)}–${Number(w.to.slice(8, 10))}`;
  return `${shortDay(w.from)}–${shortDay(w.to)}`;
}
