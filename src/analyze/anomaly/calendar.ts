/**
 * Calendar facts the detector needs about spend days and hours: which points carry month-start and month-end charges,
 * and where in its month a point falls (charges that recur on the same day every month).
 */

/** Calendar class of a day (YYYY-MM-DD) or hour (YYYY-MM-DDTHH...): 'first' on the 1st, 'last' on the month's last day. */
export function calendarClass(timestamp: string): 'first' | 'last' | undefined {
  const day = timestamp.slice(0, 10);
  if (day.endsWith('-01')) return 'first';
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1 ? 'last' : undefined;
}

/**
 * The slot of a timestamp (YYYY-MM-DD or YYYY-MM-DDTHH:MM..., UTC) in its month at `pointsPerDay` points a day: the
 * day of the month from 0, times the points of a day, plus the point of the day. Points in the same slot of
 * different months share what the detector learns about monthly charges.
 */
export function monthSlot(timestamp: string, pointsPerDay = 1): number {
  const day = Number(timestamp.slice(8, 10)) - 1;
  if (pointsPerDay <= 1) return day;
  const minutes = Number(timestamp.slice(11, 13) || 0) * 60 + Number(timestamp.slice(14, 16) || 0);
  return day * pointsPerDay + Math.floor((minutes * pointsPerDay) / 1440);
}
