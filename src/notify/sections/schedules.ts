/**
 * The digest's schedules: how many resources durion-cost stops out of hours and what that saves at list price, those
 * forced onto production, and every failed invocation (a start refused for capacity, a role denied) the run read from
 * the schedules' dead-letter queues since the run before.
 */
import { minuteOf } from '../../domain/dates';
import { usd } from '../../domain/money';
import { onHoursText, type ScheduleFailure, type ScheduleRecord, scheduleNames } from '../../domain/schedule';
import type { DigestSection, Entry } from '../section';

/** The resource a schedule's name belongs to, as the ledger recorded it ("the start of i-0de5… (dev-erp-1)"). */
function whose(name: string, records: readonly ScheduleRecord[]): string {
  for (const r of records) {
    const names = scheduleNames(r.id);
    const phase = name === names.start ? 'start' : name === names.stop ? 'stop' : undefined;
    if (phase) return ` (the ${phase} of ${r.resource.id}${r.resource.name ? `, ${r.resource.name}` : ''})`;
  }
  return '';
}

const failureEntry = (f: ScheduleFailure, records: readonly ScheduleRecord[]): Entry => ({
  lines: [
    [
      { strong: 'failed' },
      ' ',
      { code: f.scheduleName },
      `${whose(f.scheduleName, records)} in ${f.accountId} at ${minuteOf(f.at)} UTC: ${f.errorCode}${f.message ? ` — ${f.message}` : ''}`,
    ],
  ],
});

const forcedEntry = (r: ScheduleRecord): Entry => {
  const made = [...r.history].reverse().find((h) => h.action === 'created');
  return {
    lines: [
      [
        { strong: 'forced on production' },
        ' ',
        { code: r.resource.id },
        ` (${r.resource.accountId}, on ${onHoursText(r.onHours)}) by ${made?.by ?? 'unknown'}${made?.reason ? `: “${made.reason}”` : ''}`,
      ],
    ],
  };
};

/** The schedules section, or undefined when nothing is scheduled and nothing failed. */
export function schedulesSection(records: readonly ScheduleRecord[], failures: readonly ScheduleFailure[]) {
  const active = records.filter((r) => r.state === 'active');
  if (active.length === 0 && failures.length === 0) return undefined;
  const saving = active.reduce((s, r) => s + (r.monthlyUsd ?? 0), 0);
  const forced = active.filter((r) => r.history[r.history.length - 1]?.forced);
  const entries = [...failures.map((f) => failureEntry(f, records)), ...forced.map(forcedEntry)];
  const section: DigestSection = {
    id: 'schedules',
    title: 'Schedules',
    caption:
      `${active.length} resource(s) stopped outside their working hours by EventBridge Scheduler, saving about ${usd(saving)} a month ` +
      `at list price (off hours × hourly price × 730/168); ${failures.length} failed invocation(s) since the last run ` +
      '(read from the schedules’ dead-letter queues). `schedules` in Slack lists them.',
    blocks: entries.length ? [{ entries }] : [],
  };
  return section;
}
