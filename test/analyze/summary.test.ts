import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analyze/summary';
import { overviewRows } from '../../src/notify/format';
import { spendOf } from '../notify/spend-fixture';

/** 10 a day in October and before, 20 a day from November: easy sums. */
const stepUp = (day: string) => (day >= '2026-11-01' ? 20 : 10);

describe('summarize', () => {
  it('compares month-to-date with the same days of last month', () => {
    const s = summarize(spendOf('2026-08-01', '2026-11-19', { EC2: stepUp }), '2026-11-20');

    expect(s.month).toMatchObject({
      month: '2026-11',
      closed: false,
      current: { usd: 380, from: '2026-11-01', to: '2026-11-19', basis: 'Cost Explorer actuals, UnblendedCost' },
      reference: { usd: 190, from: '2026-10-01', to: '2026-10-19' },
      changeUsd: 190,
      changePct: 1,
    });
    expect(s.lastMonth).toMatchObject({ current: { usd: 310, from: '2026-10-01', to: '2026-10-31' } });
    expect(s.lastMonth.reference).toMatchObject({ usd: 300, from: '2026-09-01', to: '2026-09-30' });
  });

  it("clamps the same days of last month to last month's length (28, 29 and 30 days)", () => {
    const flat = { EC2: () => 1 };
    const march = summarize(spendOf('2025-12-01', '2026-03-30', flat), '2026-03-31');
    expect(march.month.reference).toMatchObject({ from: '2026-02-01', to: '2026-02-28', usd: 28 });
    expect(march.month.current).toMatchObject({ to: '2026-03-30', usd: 30 });

    const leap = summarize(spendOf('2023-12-01', '2024-03-30', flat), '2024-03-31');
    expect(leap.month.reference).toMatchObject({ to: '2024-02-29', usd: 29 });

    const december = summarize(spendOf('2026-10-01', '2026-12-30', flat), '2026-12-31');
    expect(december.month.reference).toMatchObject({ from: '2026-11-01', to: '2026-11-30', usd: 30 });
  });

  it('shows the month that just closed on the 1st against the whole month before, and forecasts the new month', () => {
    const spend = spendOf(
      '2026-08-01',
      '2026-11-30',
      { EC2: stepUp },
      {
        forecast: { start: '2026-12-01', end: '2027-01-01', amount: 700, lower: 650, upper: 760 },
      },
    );

    const s = summarize(spend, '2026-12-01');

    expect(s.month).toMatchObject({
      month: '2026-11',
      closed: true,
      current: { usd: 600, from: '2026-11-01', to: '2026-11-30' },
      reference: { usd: 310, from: '2026-10-01', to: '2026-10-31' },
    });
    expect(s.lastMonth.current).toMatchObject({ usd: 600, from: '2026-11-01', to: '2026-11-30' });
    expect(s.forecast).toMatchObject({
      month: '2026-12',
      current: { usd: 700, from: '2026-12-01', to: '2026-12-31', basis: 'Cost Explorer forecast' },
      reference: { usd: 600 },
      lower: 650,
      upper: 760,
      changeUsd: 100,
    });
    expect(s.forecast.changePct).toBeCloseTo(1 / 6);
  });

  it('adds the forecast of the rest of the month to month-to-date actuals, with the interval', () => {
    const spend = spendOf(
      '2026-08-01',
      '2026-11-19',
      { EC2: stepUp },
      {
        forecast: { start: '2026-11-20', end: '2026-12-01', amount: 220, lower: 200, upper: 250 },
      },
    );

    const { forecast } = summarize(spend, '2026-11-20');

    expect(forecast).toMatchObject({
      current: { usd: 600, from: '2026-11-01', to: '2026-11-30' },
      remainder: { usd: 220, from: '2026-11-20', to: '2026-11-30', basis: 'Cost Explorer forecast' },
      reference: { usd: 310, from: '2026-10-01', to: '2026-10-31' },
      lower: 580,
      upper: 630,
      changeUsd: 290,
    });
    expect(forecast.current?.basis).toBe('Cost Explorer actuals, UnblendedCost + Cost Explorer forecast');
  });

  it('says the forecast is missing when Cost Explorer gave none', () => {
    const s = summarize(spendOf('2026-08-01', '2026-11-19', { EC2: stepUp }), '2026-11-20');
    expect(s.forecast).toEqual({ month: '2026-11', missing: 'no forecast from Cost Explorer' });
  });

  it('compares yesterday with the average of the 7 days before it', () => {
    const spend = spendOf('2026-11-01', '2026-11-19', { EC2: (d) => (d === '2026-11-19' ? 150 : 100) });

    const { yesterday } = summarize(spend, '2026-11-20');

    expect(yesterday).toMatchObject({
      current: { usd: 150, from: '2026-11-19', to: '2026-11-19' },
      reference: { usd: 100, from: '2026-11-12', to: '2026-11-18' },
      changeUsd: 50,
      changePct: 0.5,
    });
  });

  it('says "not enough history" for a new account instead of dividing by zero', () => {
    const spend = spendOf('2026-11-17', '2026-11-19', { EC2: () => 5 });

    const s = summarize(spend, '2026-11-20');

    expect(s.yesterday.current?.usd).toBe(5);
    expect(s.yesterday.missing).toMatch(/^not enough history \(data from 2026-11-17/);
    expect(s.month.current).toBeUndefined();
    expect(s.month.missing).toMatch(/not enough history/);
    expect(s.movers).toMatchObject({
      services: [],
      accounts: [],
      missing: expect.stringMatching(/not enough history/),
    });
    expect(s.topServices[0]?.daily).toEqual([5, 5, 5]);
    expect(JSON.stringify(s)).not.toMatch(/null|NaN|Infinity/);
  });

  it('says which figures the data does not reach when it ends before yesterday (a stored copy)', () => {
    const spend = spendOf(
      '2026-08-01',
      '2026-11-15',
      { EC2: stepUp },
      {
        forecast: { start: '2026-11-20', end: '2026-11-30', amount: 220 },
      },
    );

    const s = summarize(spend, '2026-11-20');

    expect(s.yesterday).toEqual({ missing: 'no data after 2026-11-15' });
    expect(s.month.missing).toBe('no data after 2026-11-15');
    expect(s.forecast).toEqual({ month: '2026-11', missing: 'month-to-date: no data after 2026-11-15' });
    expect(s.lastMonth.current?.usd).toBe(310);
    expect(s.history).toEqual({ from: '2026-08-01', to: '2026-11-15', days: 107 });
  });

  it('gives no percentage when the reference spent nothing', () => {
    const spend = spendOf('2026-09-01', '2026-11-19', { Lambda: (d) => (d >= '2026-11-01' ? 3 : 0) });

    const { month } = summarize(spend, '2026-11-20');

    expect(month.changeUsd).toBe(57);
    expect(month.changePct).toBeUndefined();
    expect(month.missing).toBe('no spend in the reference window');
  });

  it('summarizes no data at all without failing', () => {
    const s = summarize(spendOf('2026-11-20', '2026-11-19', {}), '2026-11-20');
    expect(s.yesterday.missing).toBe('no spend data');
    expect(s.topServices).toEqual([]);
    expect(s.history.days).toBe(0);
  });

  it('ranks the top services by month-to-date with a 14-day series, the rest summed', () => {
    const services = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`S${i}`, () => i + 1]));
    const spend = spendOf('2026-09-01', '2026-11-19', services);

    const s = summarize(spend, '2026-11-20', { topServices: 3 });

    expect(s.topServices.map((t) => t.service)).toEqual(['S9', 'S8', 'S7']);
    expect(s.topServices[0]?.daily).toHaveLength(14);
    expect(s.sparkWindow).toEqual({ from: '2026-11-06', to: '2026-11-19' });
    expect(s.topServices[0]?.current?.usd).toBe(190);
    expect(s.otherServices).toEqual({ count: 7, usd: (1 + 2 + 3 + 4 + 5 + 6 + 7) * 19 });
    expect(summarize(spend, '2026-11-20').topServices).toHaveLength(8);
  });

  it('lists movers by dollar change of the last 7 days against the 7 before, both ways', () => {
    const spend = spendOf('2026-10-01', '2026-11-19', {
      Growing: (d) => (d >= '2026-11-13' ? 30 : 10),
      Shrinking: (d) => (d >= '2026-11-13' ? 5 : 15),
      Flat: () => 50,
    });
    spend.byAccount = { '222222222222': spend.total };
    spend.accountNames = { '222222222222': 'staging' };

    const { movers, moverWindows } = summarize(spend, '2026-11-20');

    expect(moverWindows).toEqual({
      current: { from: '2026-11-13', to: '2026-11-19' },
      previous: { from: '2026-11-06', to: '2026-11-12' },
    });
    expect(movers.services.map((m) => [m.key, m.changeUsd])).toEqual([
      ['Growing', 140],
      ['Shrinking', -70],
    ]);
    expect(movers.services[0]).toMatchObject({ currentUsd: 210, previousUsd: 70, changePct: 2 });
    expect(movers.accounts).toEqual([expect.objectContaining({ key: '222222222222', name: 'staging', changeUsd: 70 })]);
  });

  it('breaks spend down by the cost-allocation tag, untagged apart, over the same window as the services', () => {
    const spend = spendOf('2026-10-01', '2026-11-19', { EC2: () => 10 });
    const per = (usd: number) => spend.days.map(() => usd);
    spend.byTag = { key: 'team', values: { erp: per(5), data: per(2), web: per(1), ops: per(1), '': per(1) } };

    const { tags } = summarize(spend, '2026-11-20', { tagValues: 2 });

    expect(tags).toEqual({
      key: 'team',
      from: '2026-11-01',
      to: '2026-11-19',
      basis: 'Cost Explorer actuals, UnblendedCost',
      values: [
        { value: 'erp', usd: 95, share: 0.5 },
        { value: 'data', usd: 38, share: 0.2 },
      ],
      others: { count: 2, usd: 38 },
      untagged: { usd: 19, share: 0.1 },
    });
    expect(summarize(spendOf('2026-10-01', '2026-11-19', { EC2: () => 10 }), '2026-11-20').tags).toBeUndefined();
  });

  it('lists the days Cost Explorer still marks Estimated, and carries the metric', () => {
    const spend = spendOf('2026-11-01', '2026-11-19', { EC2: () => 1 }, { metric: 'AmortizedCost' });
    spend.estimated = spend.days.map((d) => d >= '2026-11-18');

    const s = summarize(spend, '2026-11-20');

    expect(s.estimatedDays).toEqual(['2026-11-18', '2026-11-19']);
    expect(s.metric).toBe('AmortizedCost');
    expect(s.basis.actuals).toBe('Cost Explorer actuals, AmortizedCost');
  });

  it('rejects a series whose length does not match the days, naming it', () => {
    const spend = spendOf('2026-11-01', '2026-11-19', { EC2: () => 1 });
    spend.byService.EC2 = [1, 2];
    expect(() => summarize(spend, '2026-11-20')).toThrow('spend byService["EC2"] has 2 values for 19 days');
  });

  it('gives every account its month against the same days of the month before, named, largest first', () => {
    const spend = spendOf('2026-10-01', '2026-11-19', { EC2: stepUp });
    spend.byAccount = { '222222222222': spend.days.map(() => 1), '111111111111': spend.total.map((t) => t - 1) };
    spend.accountNames = { '111111111111': 'production' };
    const s = summarize(spend, '2026-11-20');
    expect(s.accounts.map((a) => [a.accountId, a.name, a.current?.usd, a.reference?.usd])).toEqual([
      ['111111111111', 'production', 361, 171],
      ['222222222222', '222222222222', 19, 19],
    ]);
  });

  describe('monthly fees', () => {
    /** $100 of usage a day; on the 1st, $500 of support, $90 of tax and a $730 Savings Plans fee. */
    const onFirst = (usd: number) => (day: string) => (day.endsWith('-01') ? usd : 0);
    const billed = {
      EC2: () => 100,
      'AWS Support (Business)': onFirst(500),
      Tax: onFirst(90),
      'Savings Plans for AWS Compute usage': onFirst(730),
    };

    it('compares yesterday usage with usage on the 1st and puts the fees on their own row, adding up to the total', () => {
      const s = summarize(spendOf('2026-10-01', '2026-12-01', billed), '2026-12-02');
      expect(s.yesterday).toMatchObject({ current: { usd: 100 }, reference: { usd: 100 }, changeUsd: 0 });
      expect(s.fees).toEqual({
        days: ['2026-12-01'],
        usd: 1320,
        yesterdayUsd: 1320,
        yesterdayTotalUsd: 1420,
        byService: [
          { service: 'Savings Plans for AWS Compute usage', usd: 730 },
          { service: 'AWS Support (Business)', usd: 500 },
          { service: 'Tax', usd: 90 },
        ],
      });
      const [yesterday, fees] = overviewRows(s);
      expect(yesterday).toEqual({
        key: 'yesterday',
        label: 'Yesterday (Dec 1), usage',
        value: '$100.00',
        versus: '$0.00 (0.0%) vs 7-day average usage $100.00 (Nov 24–30)',
      });
      expect(fees).toEqual({
        key: 'fees',
        label: 'Monthly fees (Dec 1)',
        value: '$1,320',
        versus:
          'Savings Plans for AWS Compute usage $730.00, AWS Support (Business) $500.00, Tax $90.00: charged once a month, left out of the comparison above; yesterday in all $1,420',
      });
    });

    it('leaves the fees out of the 7-day average while the 1st is in it', () => {
      const s = summarize(spendOf('2026-10-01', '2026-12-05', billed), '2026-12-06');
      expect(s.yesterday.reference?.usd).toBe(100);
      expect(s.fees).toMatchObject({ days: ['2026-12-01'], yesterdayUsd: 0 });
      expect(overviewRows(s)[1]?.versus).not.toContain('yesterday in all');
    });

    it('changes nothing when no fee falls in the windows', () => {
      const s = summarize(spendOf('2026-10-01', '2026-11-19', billed), '2026-11-20');
      expect(s.fees).toBeUndefined();
      expect(overviewRows(s)[0]?.label).toBe('Yesterday (Nov 19)');
      const plain = summarize(spendOf('2026-10-01', '2026-11-19', { EC2: () => 100 }), '2026-11-20');
      expect(overviewRows(s)[0]).toEqual(overviewRows(plain)[0]);
      expect(overviewRows(s)).toHaveLength(overviewRows(plain).length);
    });
  });
});
