/** Calendar facts the detector needs about spend days and hours: which points carry month-start and month-end charges. */

/** Calendar class of a day (YYYY-MM-DD) or hour (YYYY-MM-DDTHH...): 'first' on the 1st, 'last' on the month's last day. */
export function calendarClass(timestamp: string): 'first' | 'last' | undefined {
  const day = timestamp.slice(0, 10);
  if (day.endsWith('-01')) return 'first';
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1 ? 'last' : undefined;
}
