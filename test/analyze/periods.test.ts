import { describe, expect, it } from 'vitest';
import {
  firstCloseDay,
  isWorkingDay,
  monthCloseStep,
  monthSpend,
  reportWeek,
  unsettled,
  weekSpend,
} from '../../src/analyze/periods';
import { addDays } from '../../src/domain/dates';
import { A, B, bill } from '../helpers/bill';

describe('the report week', () => {
  it('is the last whole Monday-to-Sunday week before the as-of day, against the week before', () => {
    expect(reportWeek('2026-11-30')).toEqual({
      current: { from: '2026-11-23', to: '2026-11-29' },
      previous: { from: '2026-11-16', to: '2026-11-22' },
    });
    // A Sunday's own week is not over yet (its day is partial): the week before is the last whole one.
    expect(reportWeek('2026-11-29').current).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(reportWeek('2026-12-02').current).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('adds up the week against the week before to the cent, by service, account and team, with the movers', () => {
    const w = weekSpend(bill('2026-10-01', '2026-11-29'), '2026-11-30');
    // EC2 Nov 23–29: 7 × 100.25 + (23 + … + 29 = 182) = 883.75; Nov 16–22: 701.75 + 133 = 834.75.
    // S3 each week: 5 weekdays × 40 + 2 weekend days × 10 = 220. Lambda: 7 × 0.37 = 2.59. No Tax in either week.
    expect(w.total).toMatchObject({
      current: { usd: 1106.34, from: '2026-11-23', to: '2026-11-29', basis: 'Cost Explorer actuals, UnblendedCost' },
      reference: { usd: 1057.34, from: '2026-11-16', to: '2026-11-22' },
      changeUsd: 49,
    });
    expect(w.total.changePct).toBeCloseTo(49 / 1057.34, 10);
    expect(w.fees).toBeUndefined();
    expect(w.services.map((l) => [l.key, l.current?.usd, l.reference?.usd])).toEqual([
      ['Amazon EC2', 883.75, 834.75],
      ['Amazon S3', 220, 220],
      ['AWS Lambda', 2.59, 2.59],
    ]);
    expect(w.accounts.map((l) => [l.key, l.name, l.current?.usd, l.changeUsd])).toEqual([
      [A, 'production', 883.75, 49],
      [B, 'staging', 222.59, 0],
    ]);
    expect(w.tags?.lines.map((l) => [l.key, l.current?.usd])).toEqual([
      ['erp-core', 883.75],
      ['', 220],
      ['platform', 2.59],
    ]);
    // Only EC2 (and its account) moved by $1 or more.
    expect(w.movers.services.map((m) => [m.key, m.changeUsd])).toEqual([['Amazon EC2', 49]]);
    expect(w.movers.accounts.map((m) => [m.key, m.changeUsd])).toEqual([[A, 49]]);
  });

  it('compares usage with usage when a monthly fee lands in one of the weeks, and names the Estimated days', () => {
    const w = weekSpend(
      bill('2026-10-01', '2026-12-06', (d) => d >= '2026-12-05'),
      '2026-12-07',
    );
    // Nov 30–Dec 6: EC2 130.25 + 6 × 100.25 + (1 + … + 6) = 752.75; S3 220; Lambda 2.59; Tax 50 on Dec 1.
    expect(w.total.current?.usd).toBe(1025.34);
    expect(w.total.reference?.usd).toBe(1106.34);
    expect(w.fees?.fees).toMatchObject({ current: { usd: 50 }, reference: { usd: 0 } });
    expect(w.fees?.usage).toMatchObject({ current: { usd: 975.34 }, reference: { usd: 1106.34 }, changeUsd: -131 });
    expect(w.estimatedDays).toEqual(['2026-12-05', '2026-12-06']);
  });

  it('says why a week cannot be compared when the spend starts inside it', () => {
    const w = weekSpend(bill('2026-11-20', '2026-11-29'), '2026-11-30');
    expect(w.total.current?.usd).toBe(1106.34);
    expect(w.total.reference).toBeUndefined();
    expect(w.total.missing).toBe('not enough history (data from 2026-11-20, needed from 2026-11-16)');
    expect(w.movers.services).toEqual([]);
  });
});

describe('the closed month', () => {
  it('adds up the month against the month before to the cent, fees apart', () => {
    const m = monthSpend(bill('2026-09-01', '2026-12-03'), '2026-11');
    // EC2 Nov: 30 × 100.25 + (1 + … + 30 = 465) = 3,472.50; Oct: 31 × 100.25 + 496 = 3,603.75.
    // S3 Nov: 21 weekdays × 40 + 9 weekend days × 10 = 930; Oct: 22 × 40 + 9 × 10 = 970.
    // Lambda: 30 × 0.37 = 11.10 and 31 × 0.37 = 11.47. Tax: 50 on each 1st.
    expect(m.total).toMatchObject({
      current: { usd: 4463.6, from: '2026-11-01', to: '2026-11-30' },
      reference: { usd: 4635.22, from: '2026-10-01', to: '2026-10-31' },
      changeUsd: -171.62,
    });
    expect(m.fees?.fees).toMatchObject({ current: { usd: 50 }, reference: { usd: 50 }, changeUsd: 0 });
    expect(m.fees?.usage).toMatchObject({ current: { usd: 4413.6 }, reference: { usd: 4585.22 } });
    expect(m.accounts.map((l) => [l.key, l.current?.usd, l.reference?.usd])).toEqual([
      [A, 3522.5, 3653.75],
      [B, 941.1, 981.47],
    ]);
    expect(m.tags?.lines.map((l) => [l.key, l.current?.usd, l.reference?.usd])).toEqual([
      ['erp-core', 3472.5, 3603.75],
      ['', 980, 1020],
      ['platform', 11.1, 11.47],
    ]);
  });
});

describe('the day the month-close is due', () => {
  const revised = 3;
  /** The spend a run on `asOf` holds: through the day before, with the days `estimated` says. */
  const onDay = (asOf: string, estimated?: (day: string) => boolean) =>
    bill('2026-04-01', addDays(asOf, -1), estimated);
  const step = (asOf: string, kept?: Parameters<typeof monthCloseStep>[3], estimated?: (d: string) => boolean) =>
    monthCloseStep(onDay(asOf, estimated), asOf, revised, kept);

  it('knows working days and the first working day after the revised days', () => {
    expect(['2026-07-03', '2026-07-04', '2026-07-05', '2026-07-06'].map(isWorkingDay)).toEqual([
      true,
      false,
      false,
      true,
    ]);
    // June's revised days are past on Saturday July 4: the first working day is Monday July 6.
    expect(firstCloseDay('2026-06', revised)).toBe('2026-07-06');
    // November's are past on Friday December 4.
    expect(firstCloseDay('2026-11', revised)).toBe('2026-12-04');
  });

  it('waits over a weekend: June settles on Saturday July 4 and its close is built on Monday July 6, once', () => {
    const friday = step('2026-07-03');
    expect(friday).toEqual({
      month: '2026-06',
      due: false,
      mark: { month: '2026-06', on: '2026-07-03', built: false },
    });
    expect(unsettled(onDay('2026-07-03'), '2026-06', '2026-07-03', revised)).toBe(
      'Cost Explorer may still revise June 2026 before 2026-07-04 (the 3 days after it, DURION_REVISED_DAYS)',
    );
    const saturday = step('2026-07-04', friday.mark);
    expect(saturday.due).toBe(false);
    expect(saturday.mark).toEqual(friday.mark);
    const monday = step('2026-07-06', saturday.mark);
    expect(monday).toEqual({ month: '2026-06', due: true, mark: { month: '2026-06', on: '2026-07-06', built: true } });
    // The next day does not build it again; a rerun of Monday does (the outbox posts it once).
    expect(step('2026-07-07', monday.mark).due).toBe(false);
    expect(step('2026-07-06', monday.mark).due).toBe(true);
  });

  it('waits for Cost Explorer to stop marking the month Estimated', () => {
    const late = (day: string) => day >= '2026-06-29' && day <= '2026-06-30';
    const monday = step('2026-07-06', undefined, late);
    expect(monday.due).toBe(false);
    expect(monday.mark).toEqual({ month: '2026-06', on: '2026-07-06', built: false });
    expect(unsettled(onDay('2026-07-06', late), '2026-06', '2026-07-06', revised)).toBe(
      'Cost Explorer still marks Jun 29–30 of June 2026 Estimated',
    );
    // Tuesday's read has them final: a run saw the month waiting, so Tuesday is its first working day settled.
    expect(step('2026-07-07', monday.mark).due).toBe(true);
  });

  it("builds it on a fresh store's first close day, but not for a store that began after the month settled", () => {
    expect(step('2026-07-06').due).toBe(true);
    expect(step('2026-07-07').due).toBe(false);
    // Last month's mark is not this month's.
    expect(step('2026-08-04', { month: '2026-06', on: '2026-07-06', built: true }).due).toBe(true);
  });
});
