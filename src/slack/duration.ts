/** Snooze durations as people type them: 7d, 2w, 1m, or a date. */
import { isIsoDay, utcDay } from '../domain/dates';
import { UsageError } from '../domain/errors';

const DAY_MS = 86_400_000;
/** A snooze longer than this is really "keep": say so instead. */
const MAX_DAYS = 366;

/** The day a snooze ends (YYYY-MM-DD, UTC), from "7d", "2w", "1m" or "2026-12-31". Throws UsageError naming the input. */
export function snoozeUntil(input: string, now: Date): string {
  const text = input.trim().toLowerCase();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let until: Date | undefined;
  const rel = /^(\d{1,3})(d|w|m)$/.exec(text);
  if (rel) {
    const n = Number(rel[1]);
    if (rel[2] === 'd') until = new Date(today.getTime() + n * DAY_MS);
    else if (rel[2] === 'w') until = new Date(today.getTime() + n * 7 * DAY_MS);
    else until = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + n, today.getUTCDate()));
  } else if (isIsoDay(text)) until = new Date(`${text}T00:00:00Z`);
  if (!until) {
    throw new UsageError(`cannot read the duration "${input}": use 7d, 2w, 1m or a date like 2026-12-31`);
  }
  const days = Math.round((until.getTime() - today.getTime()) / DAY_MS);
  if (days < 1) throw new UsageError(`the snooze must end after today; "${input}" ends on ${utcDay(until)}`);
  if (days > MAX_DAYS) {
    throw new UsageError(`a snooze is at most a year; for longer, use \`keep ID REASON\``);
  }
  return utcDay(until);
}
