import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/dates';
import { plantedAnomalies, SAMPLE_ACCOUNTS, SERVICES } from '../../src/sample/estate';
import { sampleResponder } from '../../src/sample/index';
import { PAGE_GROUPS } from '../../src/sample/spend';

const AS_OF = '2026-11-20';

interface Amount {
  Amount: string;
  Unit: string;
}
interface Result {
  TimePeriod: { Start: string; End: string };
  Total: Record<string, Amount>;
  Groups: { Keys: string[]; Metrics: Record<string, Amount> }[];
  Estimated: boolean;
}
interface Answer {
  ResultsByTime: Result[];
  GroupDefinitions: unknown[];
  DimensionValueAttributes: { Value: string; Attributes: Record<string, string> }[];
  NextPageToken?: string;
}

/** Ask the sample account as the SDK middleware would. */
function ask<T = Answer>(operation: string, input: Record<string, unknown>, asOf = AS_OF, seed = 7): T {
  return sampleResponder({ asOf, seed })({ service: 'ce', operation, region: 'us-east-1', input }) as T;
}

const usage = (input: Record<string, unknown>, asOf = AS_OF, seed = 7) =>
  ask('GetCostAndUsage', { Granularity: 'DAILY', Metrics: ['UnblendedCost'], ...input }, asOf, seed);

const window = (Start: string, End: string) => ({ TimePeriod: { Start, End } });
const byService = [{ Type: 'DIMENSION', Key: 'SERVICE' }];
const service = (name: string) => ({ Filter: { Dimensions: { Key: 'SERVICE', Values: [name] } } });
const production = (extra: Record<string, unknown>) => ({
  And: [{ Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['111111111111'] } }, extra],
});

/** The daily totals of an ungrouped answer, by day. */
const totals = (answer: Answer) =>
  Object.fromEntries(answer.ResultsByTime.map((r) => [r.TimePeriod.Start, Number(r.Total.UnblendedCost?.Amount)]));

/** Every page of a grouped request. */
function allPages(input: Record<string, unknown>, asOf = AS_OF): Answer[] {
  const pages = [usage(input, asOf)];
  for (let p = pages[0]; p?.NextPageToken; ) {
    p = usage({ ...input, NextPageToken: p.NextPageToken }, asOf);
    pages.push(p);
  }
  return pages;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

describe('sample GetCostAndUsage: shapes as Cost Explorer answers', () => {
  it('gives an empty Total and string amounts in USD when grouped', () => {
    const answer = usage({ ...window('2026-11-10', '2026-11-12'), GroupBy: byService });

    expect(answer.GroupDefinitions).toEqual(byService);
    for (const r of answer.ResultsByTime) {
      expect(r.Total).toEqual({});
      expect(r.Groups.length).toBeGreaterThanOrEqual(12);
      for (const g of r.Groups)
        expect(g.Metrics.UnblendedCost).toEqual({ Amount: expect.stringMatching(/^\d+(\.\d+)?$/), Unit: 'USD' });
    }
  });

  it('gives the Total and no groups when not grouped, and the total equals the sum of the groups', () => {
    const plain = usage(window('2026-11-10', '2026-11-11')).ResultsByTime[0] as Result;
    const grouped = usage({ ...window('2026-11-10', '2026-11-11'), GroupBy: byService }).ResultsByTime[0] as Result;

    expect(plain.Groups).toEqual([]);
    expect(plain.Total.UnblendedCost?.Unit).toBe('USD');
    const sum = grouped.Groups.reduce((s, g) => s + Number(g.Metrics.UnblendedCost?.Amount), 0);
    expect(Number(plain.Total.UnblendedCost?.Amount)).toBeCloseTo(sum, 6);
  });

  it('keys tag groups as team$value, untagged as team$, and an unknown tag key as key$', () => {
    const tags = usage({ ...window('2026-11-02', '2026-11-03'), GroupBy: [{ Type: 'TAG', Key: 'team' }] });
    const keys = tags.ResultsByTime[0]?.Groups.map((g) => g.Keys[0]);
    expect(keys).toEqual(expect.arrayContaining(['team$erp-core', 'team$data', 'team$platform', 'team$']));

    const other = usage({ ...window('2026-11-02', '2026-11-03'), GroupBy: [{ Type: 'TAG', Key: 'owner' }] });
    expect(other.ResultsByTime[0]?.Groups.map((g) => g.Keys[0])).toEqual(['owner$']);
  });

  it('names linked accounts in DimensionValueAttributes when grouped by LINKED_ACCOUNT', () => {
    const answer = usage({
      ...window('2026-11-10', '2026-11-11'),
      GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
    });

    expect(answer.DimensionValueAttributes).toEqual(
      SAMPLE_ACCOUNTS.map((a) => ({ Value: a.id, Attributes: { description: a.name } })),
    );
    expect(usage({ ...window('2026-11-10', '2026-11-11'), GroupBy: byService }).DimensionValueAttributes).toEqual([]);
  });

  it('flags the open month and the last two days before today as Estimated', () => {
    const asOf = '2026-12-02';
    const flags = Object.fromEntries(
      usage(window('2026-11-27', '2026-12-02'), asOf).ResultsByTime.map((r) => [r.TimePeriod.Start, r.Estimated]),
    );
    expect(flags).toEqual({
      '2026-11-27': false,
      '2026-11-28': false,
      '2026-11-29': false,
      '2026-11-30': true,
      '2026-12-01': true,
    });
    const monthly = usage({ ...window('2026-10-01', '2026-12-01'), Granularity: 'MONTHLY' }).ResultsByTime;
    expect(monthly.map((r) => r.Estimated)).toEqual([false, true]);
  });

  it('answers nothing after today, and today only in part', () => {
    const days = totals(usage(window('2026-11-18', '2026-11-25')));

    expect(Object.keys(days)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    expect(days['2026-11-20']).toBeLessThan(0.6 * (days['2026-11-19'] ?? 0));
  });

  it('splits MONTHLY periods at month boundaries, with End exclusive', () => {
    const periods = usage({ ...window('2026-09-15', '2026-11-10'), Granularity: 'MONTHLY' }).ResultsByTime;
    expect(periods.map((r) => r.TimePeriod)).toEqual([
      { Start: '2026-09-15', End: '2026-10-01' },
      { Start: '2026-10-01', End: '2026-11-01' },
      { Start: '2026-11-01', End: '2026-11-10' },
    ]);
  });

  it('answers HOURLY for the last 14 days, summing to the day, and refuses older hours', () => {
    const hours = usage({ ...window('2026-11-12T00:00:00Z', '2026-11-13T00:00:00Z'), Granularity: 'HOURLY' });
    expect(hours.ResultsByTime).toHaveLength(24);
    expect(hours.ResultsByTime[1]?.TimePeriod).toEqual({ Start: '2026-11-12T01:00:00Z', End: '2026-11-12T02:00:00Z' });
    const sum = hours.ResultsByTime.reduce((s, r) => s + Number(r.Total.UnblendedCost?.Amount), 0);
    expect(sum).toBeCloseTo(totals(usage(window('2026-11-12', '2026-11-13')))['2026-11-12'] ?? 0, 6);

    expect(() => usage({ ...window('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'), Granularity: 'HOURLY' })).toThrow(
      expect.objectContaining({ name: 'ValidationException', message: expect.stringMatching(/14 days/) }),
    );
  });

  it('refuses requests Cost Explorer refuses', () => {
    const three = [...byService, { Type: 'DIMENSION', Key: 'REGION' }, { Type: 'TAG', Key: 'team' }];
    const cases: Record<string, unknown>[] = [
      { ...window('2026-11-01', '2026-11-10'), GroupBy: three },
      window('2026-11-10', '2026-11-10'),
      window('2025-01-01', '2025-02-01'),
      window('2026-11-21', '2026-11-25'),
      { ...window('2026-11-01', '2026-11-10'), Granularity: 'WEEKLY' },
      { ...window('2026-11-01', '2026-11-10'), Metrics: ['Dollars'] },
    ];
    for (const input of cases)
      expect(() => usage(input)).toThrow(expect.objectContaining({ name: 'ValidationException' }));
  });
});

describe('sample GetCostAndUsage: filters', () => {
  const day = window('2026-11-10', '2026-11-11');
  const total = (input: Record<string, unknown>) => Object.values(totals(usage({ ...day, ...input })))[0] ?? 0;

  it('filters by dimension, and Not, Or and And compose like Cost Explorer expressions', () => {
    const all = total({});
    const accounts = SAMPLE_ACCOUNTS.map((a) =>
      total({ Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [a.id] } } }),
    );
    const notProduction = total({
      Filter: { Not: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['111111111111'] } } },
    });
    const stagingOrDevelopment = total({
      Filter: {
        Or: [
          { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222'] } },
          { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['333333333333'] } },
        ],
      },
    });

    expect(accounts.reduce((s, x) => s + x, 0)).toBeCloseTo(all, 6);
    expect(notProduction).toBeCloseTo((accounts[1] ?? 0) + (accounts[2] ?? 0), 6);
    expect(stagingOrDevelopment).toBeCloseTo(notProduction, 6);
    expect(
      total({ Filter: production({ Dimensions: { Key: 'SERVICE', Values: [SERVICES.cloudFront] } }) }),
    ).toBeCloseTo(total(service(SERVICES.cloudFront)), 6); // CloudFront runs in production only
  });

  it('matches untagged cost with an empty tag value or ABSENT', () => {
    const empty = total({ Filter: { Tags: { Key: 'team', Values: [''] } } });
    const absent = total({ Filter: { Tags: { Key: 'team', MatchOptions: ['ABSENT'] } } });
    const tagged = total({ Filter: { Tags: { Key: 'team', Values: ['erp-core', 'data', 'platform'] } } });

    expect(empty).toBeGreaterThan(0);
    expect(absent).toBeCloseTo(empty, 6);
    expect(empty + tagged).toBeCloseTo(total({}), 6);
  });
});

describe('sample GetCostAndUsage: paging', () => {
  const year = {
    ...window('2025-10-21', AS_OF),
    GroupBy: [
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      { Type: 'DIMENSION', Key: 'SERVICE' },
    ],
  };

  it(`cuts grouped answers into pages of ${PAGE_GROUPS} rows and the pages add up to the whole`, () => {
    const pages = allPages(year);
    const rows = pages.map((p) => p.ResultsByTime.reduce((n, r) => n + r.Groups.length, 0));

    expect(pages.length).toBeGreaterThan(1);
    expect(rows.slice(0, -1).every((n) => n === PAGE_GROUPS)).toBe(true);
    expect(pages.at(-1)?.NextPageToken).toBeUndefined();
    const paged = pages
      .flatMap((p) => p.ResultsByTime)
      .flatMap((r) => r.Groups)
      .reduce((s, g) => s + Number(g.Metrics.UnblendedCost?.Amount), 0);
    const monthly = usage({ ...window('2025-10-21', AS_OF), Granularity: 'MONTHLY' }).ResultsByTime.reduce(
      (s, r) => s + Number(r.Total.UnblendedCost?.Amount),
      0,
    );
    expect(paged).toBeCloseTo(monthly, 2);
  });

  it('never pages ungrouped answers', () => {
    expect(usage(window('2025-10-21', AS_OF)).NextPageToken).toBeUndefined();
  });

  it('refuses a token from another request, and a token that is not one', () => {
    const token = usage(year).NextPageToken;
    expect(() => usage({ ...year, Metrics: ['AmortizedCost'], NextPageToken: token })).toThrow(
      expect.objectContaining({ name: 'RequestChangedException' }),
    );
    expect(() => usage({ ...year, NextPageToken: 'not-a-token' })).toThrow(
      expect.objectContaining({ name: 'InvalidNextTokenException' }),
    );
  });
});

describe('sample spend: the estate behaves like one', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const input = { ...window('2026-10-01', '2026-11-01'), GroupBy: byService };
    expect(usage(input, AS_OF, 7)).toEqual(usage(input, AS_OF, 7));
    expect(usage(input, AS_OF, 8)).not.toEqual(usage(input, AS_OF, 7));
  });

  it('reads a day the same whatever window asks for it and whatever the as-of date', () => {
    const short = totals(usage(window('2026-10-10', '2026-10-11')));
    const long = totals(usage(window('2026-09-01', '2026-11-01')));
    const later = totals(usage(window('2026-10-10', '2026-10-11'), '2026-11-25'));

    expect(short['2026-10-10']).toBe(long['2026-10-10']);
    expect(later['2026-10-10']).toBe(short['2026-10-10']);
  });

  it('spends more on weekdays than at weekends', () => {
    const days = Object.entries(totals(usage({ ...window('2026-08-03', '2026-09-28'), ...service(SERVICES.ec2) })));
    const weekday = mean(days.filter(([d]) => !isWeekend(d)).map(([, v]) => v));
    const weekend = mean(days.filter(([d]) => isWeekend(d)).map(([, v]) => v));

    expect(weekend).toBeLessThan(0.85 * weekday);
  });

  it('grows about 2.5% a month', () => {
    const month = (start: string, end: string) =>
      Number(
        usage({ ...window(start, end), Granularity: 'MONTHLY', ...service(SERVICES.rds) }).ResultsByTime[0]?.Total
          .UnblendedCost?.Amount,
      );
    const ratio = month('2026-10-01', '2026-11-01') / month('2025-10-01', '2025-11-01');
    expect(ratio).toBeGreaterThan(1.025 ** 12 * 0.95);
    expect(ratio).toBeLessThan(1.025 ** 12 * 1.05);
  });

  it('charges support and tax on the 1st of each month only', () => {
    for (const name of [SERVICES.support, SERVICES.tax, SERVICES.savingsPlans]) {
      const days = totals(usage({ ...window('2026-09-01', '2026-11-20'), ...service(name) }));
      const charged = Object.entries(days)
        .filter(([, v]) => v > 0)
        .map(([d]) => d);
      expect(charged).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    }
  });

  it('spreads the Savings Plan fee over the month in AmortizedCost', () => {
    const answer = usage({
      ...window('2026-10-10', '2026-10-11'),
      Metrics: ['UnblendedCost', 'AmortizedCost'],
      ...service(SERVICES.savingsPlans),
    });
    const total = answer.ResultsByTime[0]?.Total;
    expect(Number(total?.UnblendedCost?.Amount)).toBe(0);
    expect(Number(total?.AmortizedCost?.Amount)).toBeCloseTo((1.5 * 730) / 31, 6);
  });

  it('shows every planted anomaly in the numbers', () => {
    const planted = plantedAnomalies(AS_OF);
    expect(planted.map((a) => a.kind)).toEqual(['spike', 'level-shift', 'new-service']);
    for (const a of planted) {
      const filter = {
        And: [
          { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [a.accountId] } },
          { Dimensions: { Key: 'USAGE_TYPE', Values: [a.usageType] } },
        ],
      };
      const days = totals(usage({ ...window(addDays(a.start, -28), addDays(AS_OF, -1)), Filter: filter }));
      const before = Object.entries(days)
        .filter(([d]) => d < a.start)
        .map(([, v]) => v ?? 0);
      const during = Object.entries(days)
        .filter(([d]) => d >= a.start && (!a.end || d < a.end))
        .map(([, v]) => v ?? 0);

      expect(during.length, a.kind).toBeGreaterThan(0);
      if (a.kind === 'new-service') expect(before.every((v) => v === 0)).toBe(true);
      expect(mean(during) - mean(before), a.kind).toBeGreaterThan(0.8 * a.extraUsdPerDay);
      expect(mean(during) - mean(before), a.kind).toBeLessThan(1.25 * a.extraUsdPerDay);
    }
  });

  it('keeps the planted anomalies on their days for a week of runs, then moves them on a week', () => {
    const monday = '2026-11-16';
    const week = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i));
    for (const asOf of week) expect(plantedAnomalies(asOf), asOf).toEqual(plantedAnomalies(monday));
    expect(plantedAnomalies(addDays(monday, 7)).map((a) => a.start)).toEqual(
      plantedAnomalies(monday).map((a) => addDays(a.start, 7)),
    );
    expect(plantedAnomalies(addDays(monday, -1)).map((a) => a.start)).toEqual(
      plantedAnomalies(monday).map((a) => addDays(a.start, -7)),
    );
    // What the detector needs on every weekday, up to the last day a run reads (the day before as-of): the spike over
    // with two quiet days after it and within the 14 days reported, the others running 2 to 13 days (not settled).
    for (const asOf of week) {
      const lastRead = addDays(asOf, -1);
      for (const a of plantedAnomalies(asOf)) {
        if (a.end) {
          expect(daysBetween(a.end, lastRead).length, `${a.kind} on ${asOf}`).toBeGreaterThanOrEqual(1);
          expect(daysBetween(addDays(a.end, -1), lastRead).length, `${a.kind} on ${asOf}`).toBeLessThanOrEqual(13);
        } else {
          const running = daysBetween(a.start, asOf).length;
          expect(running, `${a.kind} on ${asOf}`).toBeGreaterThanOrEqual(2);
          expect(running, `${a.kind} on ${asOf}`).toBeLessThanOrEqual(13);
        }
      }
    }
    // A day reads the same from every run of the week, and a running anomaly goes on through today.
    const lastWeek = (asOf: string) => totals(usage(window(addDays(monday, -7), monday), asOf));
    for (const asOf of week.slice(1)) expect(lastWeek(asOf), asOf).toEqual(lastWeek(monday));
    const sageMaker = (asOf: string) =>
      totals(usage({ ...window(asOf, addDays(asOf, 1)), ...service(SERVICES.sageMaker) }, asOf));
    expect(Object.values(sageMaker('2026-03-10'))[0]).toBeGreaterThan(0);
    expect(Object.values(sageMaker(AS_OF))[0]).toBeGreaterThan(0);
  });
});

describe('sample GetCostForecast and GetDimensionValues', () => {
  interface Forecast {
    Total: Amount;
    ForecastResultsByTime: {
      TimePeriod: { Start: string; End: string };
      MeanValue: string;
      PredictionIntervalLowerBound?: string;
      PredictionIntervalUpperBound?: string;
    }[];
  }
  const forecast = (input: Record<string, unknown>) =>
    ask<Forecast>('GetCostForecast', { Metric: 'UNBLENDED_COST', Granularity: 'DAILY', ...input });

  it('forecasts daily means that add up to the total, within the prediction interval, in line with recent days', () => {
    const f = forecast({ ...window(AS_OF, '2026-12-01'), PredictionIntervalLevel: 80 });

    expect(f.ForecastResultsByTime).toHaveLength(11);
    const sum = f.ForecastResultsByTime.reduce((s, p) => s + Number(p.MeanValue), 0);
    expect(Number(f.Total.Amount)).toBeCloseTo(sum, 4);
    for (const p of f.ForecastResultsByTime) {
      expect(Number(p.PredictionIntervalLowerBound)).toBeLessThan(Number(p.MeanValue));
      expect(Number(p.PredictionIntervalUpperBound)).toBeGreaterThan(Number(p.MeanValue));
    }
    const recent = mean(Object.values(totals(usage(window('2026-11-06', '2026-11-20')))));
    expect(sum / 11).toBeGreaterThan(0.9 * recent);
    expect(sum / 11).toBeLessThan(1.1 * recent);
  });

  it('forecasts a month as one period and gives bounds only when a level is asked', () => {
    const f = forecast({ ...window(AS_OF, '2026-12-01'), Granularity: 'MONTHLY' });
    expect(f.ForecastResultsByTime).toEqual([
      { TimePeriod: { Start: AS_OF, End: '2026-12-01' }, MeanValue: f.Total.Amount },
    ]);
  });

  it('refuses a forecast that starts before today or uses a GetCostAndUsage metric name', () => {
    expect(() => forecast(window('2026-11-19', '2026-12-01'))).toThrow(
      expect.objectContaining({ name: 'ValidationException' }),
    );
    expect(() => forecast({ ...window(AS_OF, '2026-12-01'), Metric: 'UnblendedCost' })).toThrow(
      expect.objectContaining({ name: 'ValidationException' }),
    );
  });

  it('lists the linked accounts with their names', () => {
    const values = ask<{ DimensionValues: { Value: string; Attributes: Record<string, string> }[] }>(
      'GetDimensionValues',
      { ...window('2026-11-01', AS_OF), Dimension: 'LINKED_ACCOUNT' },
    );
    expect(values.DimensionValues).toEqual(
      SAMPLE_ACCOUNTS.map((a) => ({ Value: a.id, Attributes: { description: a.name } })),
    );
  });
});
