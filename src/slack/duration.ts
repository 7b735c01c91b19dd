/** Snooze durations as people type them: 7d, 2w, 1m (calendar months, clamped to the month's last day), or a date. */
import { addDays, addMonths, isIsoDay, utcDay } from '../domain/dates';
import { UsageError } from '../domain/errors';

/** A snooze longer than this is really "keep": say so instead. */
const MAX_DAYS = 366;

/** The day a snooze ends (YYYY-MM-DD, UTC), from "7d", "2w", "1m" or "2026-12-31". Throws UsageError naming the input. */
export function snoozeUntil(input: string, now: Date): string {
  const text = input.trim().toLowerCase();
  const today = utcDay(now);
  const rel = /^(\d{1,3})(d|w|m)$/.exec(text);
  const n = Number(rel?.[1]);
  const until =
    rel?.[2] === 'd'
      ? addDays(today, n)
      : rel?.[2] === 'w'
        ? addDays(today, 7 * n)
        : rel?.[2] === 'm'
          ? addMonths(today, n)
          : isIsoDay(text)
            ? text
            : undefined;
  if (!until) {
    throw new UsageError(`cannot read the duration "${input}": use 7d, 2w, 1m or a date like 2026-12-31`);
  }
  if (until <= today) throw new UsageError(`the snooze must end after today; "${input}" ends on ${until}`);
  if (until > addDays(today, MAX_DAYS)) {
    throw new UsageError(`a snooze is at most a year; for longer, use \`keep ID REASON\``);
  }
  return until;
}
