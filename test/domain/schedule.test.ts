import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors';
import {
  canonicalTimeZone,
  checkOnHours,
  cronOf,
  offHoursPerMonth,
  offHoursPerWeek,
  onHoursPerWeek,
  onHoursText,
  parseDays,
  parseOnHours,
  scheduleId,
  scheduleNames,
} from '../../src/domain/schedule';

describe('on-hours as people type them', () => {
  it('reads day words, ranges and lists in week order', () => {
    expect(parseDays('weekdays')).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI']);
    expect(parseDays('Daily')).toHaveLength(7);
    expect(parseDays('mon-thu')).toEqual(['MON', 'TUE', 'WED', 'THU']);
    expect(parseDays('fri,mon,wed')).toEqual(['MON', 'WED', 'FRI']);
    expect(parseDays('monday-friday')).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI']);
    expect(parseDays('fri-mon')).toBeUndefined();
    expect(parseDays('mo-fr')).toBeUndefined();
    expect(parseDays('someday')).toBeUndefined();
  });

  it('validates the time zone with Intl and gives its canonical name', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(canonicalTimeZone('Europe/Berlin; rm -rf')).toBeUndefined();
  });

  it('says which field is wrong: days, window (not times, empty, overnight, all week) or zone', () => {
    expect(checkOnHours('someday', '07:00-19:00', 'UTC')).toMatchObject({ field: 'days' });
    expect(checkOnHours('weekdays', '7-19', 'UTC')).toMatchObject({ field: 'window' });
    expect(checkOnHours('weekdays', '25:00-26:00', 'UTC')).toMatchObject({ field: 'window' });
    expect(checkOnHours('weekdays', '07:00-07:00', 'UTC')).toMatchObject({
      field: 'window',
      message: expect.stringContaining('empty'),
    });
    expect(checkOnHours('weekdays', '22:00-06:00', 'UTC')).toMatchObject({
      field: 'window',
      message: expect.stringContaining('past midnight'),
    });
    expect(checkOnHours('daily', '00:00-24:00', 'UTC')).toMatchObject({
      field: 'window',
      message: expect.stringContaining('whole week'),
    });
    expect(checkOnHours('weekdays', '07:00-19:00', 'Mars/Olympus')).toMatchObject({ field: 'zone' });
    expect(() => parseOnHours('weekdays', '07:00-07:00', 'UTC')).toThrow(UsageError);
  });

  it('counts the hours on and off a week and a month (730 h)', () => {
    const h = parseOnHours('weekdays', '7:00-19:00', 'europe/berlin');
    expect(h).toEqual({
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      start: '07:00',
      end: '19:00',
      timeZone: 'Europe/Berlin',
    });
    expect(onHoursPerWeek(h)).toBe(60);
    expect(offHoursPerWeek(h)).toBe(108);
    expect(offHoursPerMonth(h)).toBeCloseTo((108 * 730) / 168, 10);
    expect(onHoursText(h)).toBe('Mon–Fri 07:00–19:00 Europe/Berlin');
    expect(onHoursText(parseOnHours('mon,wed', '09:30-17:00', 'UTC'))).toBe('Mon, Wed 09:30–17:00 UTC');
  });

  it('writes Scheduler cron expressions for the start and the stop, a 24:00 end stopping the next day', () => {
    expect(cronOf(parseOnHours('weekdays', '07:00-19:30', 'UTC'))).toEqual({
      start: 'cron(0 7 ? * MON,TUE,WED,THU,FRI *)',
      stop: 'cron(30 19 ? * MON,TUE,WED,THU,FRI *)',
    });
    expect(cronOf(parseOnHours('fri-sun', '08:00-24:00', 'UTC'))).toEqual({
      start: 'cron(0 8 ? * FRI,SAT,SUN *)',
      stop: 'cron(0 0 ? * SAT,SUN,MON *)',
    });
  });

  it('names a resource’s pair stably, within Scheduler’s name alphabet', () => {
    const r = { kind: 'ec2-instance' as const, accountId: '333333333333', region: 'us-east-1', id: 'i-0de5' };
    expect(scheduleId(r)).toBe(scheduleId({ ...r }));
    expect(scheduleId(r)).not.toBe(scheduleId({ ...r, accountId: '222222222222' }));
    const names = scheduleNames(scheduleId(r));
    expect(names.stop).toMatch(/^durion-cost-[0-9A-Za-z_-]{10}-stop$/);
    expect(names.start.length).toBeLessThanOrEqual(64);
  });
});
