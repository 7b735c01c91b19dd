/**
 * Schedules that stop non-production resources outside their working hours: the on-hours a person asks for (days, a
 * window, an IANA time zone), the resources a schedule can act on, and the ledger's record of each schedule with who
 * made or removed it, when and why. Pure: parsing, validation, cron expressions and hours; no AWS calls.
 */
import { createHash } from 'node:crypto';
import { UsageError } from './errors';
import { HOURS_PER_MONTH } from './money';
import type { Tags } from './resource-base';

/** Days as EventBridge Scheduler's cron day-of-week field names them. */
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Words for common sets of days. */
const DAY_SETS: Record<string, Weekday[]> = {
  weekdays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
  daily: [...WEEKDAYS],
  everyday: [...WEEKDAYS],
  weekends: ['SAT', 'SUN'],
};

/** The hours a schedule keeps a resource on: on these days, from start to end (HH:MM, same day), in a time zone. */
export interface OnHours {
  days: Weekday[];
  start: string;
  end: string;
  /** IANA name as Intl canonicalizes it (Europe/Berlin). */
  timeZone: string;
}

export const WEEK_HOURS = 168;

const dayOf = (word: string): Weekday | undefined => WEEKDAYS.find((d) => d === word.slice(0, 3).toUpperCase());

/** "weekdays", "daily", "mon-fri", "mon,wed,fri" as days in week order; undefined when the word is none of these. */
export function parseDays(word: string): Weekday[] | undefined {
  const lower = word.toLowerCase();
  if (DAY_SETS[lower]) return DAY_SETS[lower];
  const days = new Set<Weekday>();
  for (const part of lower.split(',')) {
    const [from, to, extra] = part.split('-');
    const a = from ? dayOf(from) : undefined;
    const b = to === undefined ? a : dayOf(to);
    if (!a || !b || extra !== undefined || (from?.length ?? 0) < 3 || (to !== undefined && to.length < 3)) {
      return undefined;
    }
    const i = WEEKDAYS.indexOf(a);
    const j = WEEKDAYS.indexOf(b);
    if (j < i) return undefined;
    for (const d of WEEKDAYS.slice(i, j + 1)) days.add(d);
  }
  return WEEKDAYS.filter((d) => days.has(d));
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** "7:00-19:00" as ["07:00", "19:00"]; undefined when it is not two times of day. */
function parseWindow(word: string): [string, string] | undefined {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(word);
  if (!m) return undefined;
  const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
  if ([h1, h2].some((h) => h > 24) || [m1, m2].some((x) => x > 59) || (h1 === 24 && m1) || (h2 === 24 && m2)) {
    return undefined;
  }
  const pad = (h: number, mm: number) => `${String(h).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  return [pad(h1, m1), pad(h2, m2)];
}

/** The IANA zone as Intl names it (europe/berlin is Europe/Berlin), or undefined when Intl does not know it. */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The part of a schedule request that is wrong, and why: what a form marks beside the field. */
export interface OnHoursProblem {
  field: 'days' | 'window' | 'zone';
  message: string;
}

/**
 * The on-hours from what a person typed (days, a window, a time zone), or what is wrong with it: an unknown day word,
 * a window that is not two times, an empty window, one that runs past midnight or covers the whole week, a zone Intl
 * does not know.
 */
export function checkOnHours(daysWord: string, windowWord: string, zoneWord: string): OnHours | OnHoursProblem {
  const days = parseDays(daysWord);
  if (!days) {
    const message = `"${daysWord.slice(0, 40)}" is not a set of days: use weekdays, daily, weekends, mon-fri or mon,wed,fri`;
    return { field: 'days', message };
  }
  const window = parseWindow(windowWord);
  if (!window) {
    return { field: 'window', message: `"${windowWord.slice(0, 40)}" is not a window of hours such as 07:00-19:00` };
  }
  const [start, end] = window;
  if (minutes(end) === minutes(start)) {
    return { field: 'window', message: `the window ${start}-${end} is empty: the resource would never be on` };
  }
  if (minutes(end) < minutes(start)) {
    const message = `the window ${start}-${end} runs past midnight; on-hours start and end on the same day (e.g. 07:00-19:00)`;
    return { field: 'window', message };
  }
  if (start === '00:00' && end === '24:00' && days.length === WEEKDAYS.length) {
    return { field: 'window', message: 'the window covers the whole week: the resource would never be off' };
  }
  const timeZone = canonicalTimeZone(zoneWord);
  if (!timeZone) {
    const message = `"${zoneWord.slice(0, 40)}" is not a time zone Intl knows: use an IANA name such as Europe/Berlin`;
    return { field: 'zone', message };
  }
  return { days, start, end, timeZone };
}

/** The on-hours from what a person typed; a UsageError saying what is wrong otherwise (checkOnHours). */
export function parseOnHours(daysWord: string, windowWord: string, zoneWord: string): OnHours {
  const checked = checkOnHours(daysWord, windowWord, zoneWord);
  if ('field' in checked) throw new UsageError(checked.message);
  return checked;
}

/** Hours a week the schedule keeps the resource on. */
export const onHoursPerWeek = (h: OnHours): number => (h.days.length * (minutes(h.end) - minutes(h.start))) / 60;

/** Hours a week the schedule keeps the resource off. */
export const offHoursPerWeek = (h: OnHours): number => WEEK_HOURS - onHoursPerWeek(h);

/** The hours of a month (730) the schedule keeps the resource off, at the week's share. */
export const offHoursPerMonth = (h: OnHours): number => (offHoursPerWeek(h) * HOURS_PER_MONTH) / WEEK_HOURS;

/** A time of day as Scheduler's cron fields: [minutes, hours] (24:00 is midnight, the next day's 00:00 on SUN..). */
const cronTime = (hhmm: string): [number, number] => [Number(hhmm.slice(3)), Number(hhmm.slice(0, 2)) % 24];

/** The day after each day, for a window that ends at 24:00 (the stop fires at 00:00 of the next day). */
const nextDay = (d: Weekday): Weekday => WEEKDAYS[(WEEKDAYS.indexOf(d) + 1) % WEEKDAYS.length] as Weekday;

/**
 * EventBridge Scheduler cron expressions (minutes hours day-of-month month day-of-week year), read in the on-hours'
 * time zone: the start at the window's start and the stop at its end on each of its days.
 */
export function cronOf(h: OnHours): { start: string; stop: string } {
  const [sm, sh] = cronTime(h.start);
  const [em, eh] = cronTime(h.end);
  const stopDays = h.end === '24:00' ? h.days.map(nextDay) : h.days;
  return {
    start: `cron(${sm} ${sh} ? * ${h.days.join(',')} *)`,
    stop: `cron(${em} ${eh} ? * ${stopDays.join(',')} *)`,
  };
}

/** The days briefly: "Mon–Fri", "Mon, Wed, Fri", "every day". */
function daysText(days: Weekday[]): string {
  if (days.length === WEEKDAYS.length) return 'every day';
  const name = (d: Weekday) => `${d[0]}${d.slice(1).toLowerCase()}`;
  const first = WEEKDAYS.indexOf(days[0] as Weekday);
  const contiguous = days.every((d, i) => WEEKDAYS.indexOf(d) === first + i);
  return contiguous && days.length > 2
    ? `${name(days[0] as Weekday)}–${name(days[days.length - 1] as Weekday)}`
    : days.map(name).join(', ');
}

/** "Mon–Fri 07:00–19:00 Europe/Berlin". */
export const onHoursText = (h: OnHours): string => `${daysText(h.days)} ${h.start}–${h.end} ${h.timeZone}`;

/** What a schedule acts on, and the universal target that stops and starts it. */
export const SCHEDULABLE_KINDS = ['ec2-instance', 'rds-instance', 'aurora-cluster', 'asg', 'ecs-service'] as const;
export type SchedulableKind = (typeof SCHEDULABLE_KINDS)[number];

/**
 * A resource a schedule can act on, as the daily run read it (kept in the snapshot for the Slack bot): where it is,
 * its tags, what it costs an hour while on, and what a start must restore.
 */
export interface SchedulableResource {
  kind: SchedulableKind;
  accountId: string;
  region: string;
  /** Instance id, DB instance or cluster identifier, group name, or cluster/service for ECS. */
  id: string;
  arn?: string;
  /** Its Name tag, where it has one. */
  name?: string;
  tags: Tags;
  /** USD an hour while on, at list price; absent when the price tables do not hold it. */
  hourlyUsd?: number;
  /** How the hourly price was reached: "1 × $0.096 (ec2.m5.large, us-east-1 list price)". */
  priceBasis?: string;
  /** The usage types its hours are billed under (what the bill check measures). */
  usageTypes: string[];
  /** Auto Scaling groups: the sizes the start restores. */
  sizes?: { min: number; max: number; desired: number };
  /** ECS services: the cluster, the service, and the task count the start restores. */
  service?: { cluster: string; name: string; desired: number };
  /** It scales on schedules of its own (scheduled actions): a second schedule would overlap. */
  scheduledElsewhere?: boolean;
}

/** One change of a schedule, kept in its history: who, when, why. */
export interface ScheduleChange {
  action: 'created' | 'deleted';
  at: string;
  by: string;
  reason?: string;
  /** Created on a production-tagged resource with `force`: the audit of that decision. */
  forced?: boolean;
}

/**
 * The ledger's record of the schedules of one resource: a pair (stop and start) in EventBridge Scheduler, made
 * together or not at all. One record per resource, kept after it is removed, so its history stays.
 */
export interface ScheduleRecord {
  /** Stable for the resource: also the schedules' names (durion-cost-<id>-stop / -start). */
  id: string;
  state: 'active' | 'deleted';
  resource: Pick<SchedulableResource, 'kind' | 'accountId' | 'region' | 'id' | 'arn' | 'name'>;
  onHours: OnHours;
  /** The finding it acts on, when one asked for it: that finding is "scheduled" while the schedule is. */
  findingId?: string;
  /** What it saves a month at list price (off hours × the hourly price), and how; absent with no price. */
  monthlyUsd?: number;
  basis: string;
  /** The day it took effect (UTC), the start of its claim. */
  since: string;
  history: ScheduleChange[];
}

/** A resource's schedule record id: short, stable, and valid in a schedule's name ([0-9A-Za-z_-]). */
export const scheduleId = (r: Pick<SchedulableResource, 'kind' | 'accountId' | 'region' | 'id'>): string =>
  createHash('sha256').update([r.kind, r.accountId, r.region, r.id].join('|')).digest('base64url').slice(0, 10);

/** The name prefix of every schedule durion-cost makes, and the pair's names for one record. */
export const SCHEDULE_PREFIX = 'durion-cost-';
export const scheduleNames = (id: string) => ({
  stop: `${SCHEDULE_PREFIX}${id}-stop`,
  start: `${SCHEDULE_PREFIX}${id}-start`,
});

/** A failed invocation of a schedule that Scheduler sent to the dead-letter queue. */
export interface ScheduleFailure {
  /** The dead-letter message's id: a failure is reported once, however often its queue is read. */
  id: string;
  accountId: string;
  /** When Scheduler sent it (ISO). */
  at: string;
  scheduleName: string;
  /** The error code and message the target answered, as Scheduler passes them on. */
  errorCode: string;
  message: string;
}
