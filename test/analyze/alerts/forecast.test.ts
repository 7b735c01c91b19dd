import { describe, expect, it } from 'vitest';
import { forecastAlert } from '../../../src/analyze/alerts/forecast';
import { summarize } from '../../../src/analyze/summary';
import { toPublishInput } from '../../../src/notify/sns';
import { spendOf } from '../../notify/spend-fixture';

/** October costs 10 a day ($310); November actuals 20 a day to the 19th ($380) plus `rest` forecast. */
function summaryWith(rest: number | undefined, asOf = '2026-11-20') {
  const spend = spendOf(
    '2026-08-01',
    '2026-11-19',
    { EC2: (d) => (d >= '2026-11-01' ? 20 : 10) },
    {
      ...(rest === undefined
        ? {}
        : { forecast: { start: '2026-11-20', end: '2026-12-01', amount: rest, lower: rest - 10, upper: rest + 10 } }),
    },
  );
  return summarize(spend, asOf);
}

describe('forecastAlert', () => {
  it('fires when the month-end forecast exceeds last month by more than the share', () => {
    const alert = forecastAlert(summaryWith(100), '111111111111', 0.2); // 480 vs 310: 55% over

    expect(alert).toEqual({
      key: 'forecast:2026-11',
      kind: 'forecast',
      severity: 'high',
      accountId: '111111111111',
      service: 'All services',
      impactUsd: 170,
      subject: 'durion-cost: November 2026 forecast $480.00 is 55% over October 2026',
      message:
        'The month-end forecast for November 2026 is $480.00 (Cost Explorer actuals, UnblendedCost Nov 1–19 + ' +
        "Cost Explorer forecast Nov 20–30; range $470.00 to $490.00), 55% over October 2026's $310.00 " +
        '(Cost Explorer actuals, UnblendedCost, Oct 1–31): $170.00 more, above the 20% threshold.',
    });
  });

  it('stays quiet at or under the share', () => {
    expect(forecastAlert(summaryWith(-8), '111111111111', 0.2)).toBeUndefined(); // 372 = exactly 20% over
    expect(forecastAlert(summaryWith(0), '111111111111', 0.2)).toBeDefined(); // 380: 22.6% over
    expect(forecastAlert(summaryWith(100), '111111111111', 0.6)).toBeUndefined();
  });

  it('grades severity by how far over last month the forecast is', () => {
    const severity = (rest: number) => forecastAlert(summaryWith(rest), '1', 0.2)?.severity;
    expect(severity(0)).toBe('low'); // 22.6%
    expect(severity(10)).toBe('medium'); // 25.8%
    expect(severity(90)).toBe('high'); // 51.6%
    expect(severity(250)).toBe('critical'); // 103%
  });

  it('does not fire without a forecast or without last month', () => {
    expect(forecastAlert(summaryWith(undefined), '1', 0.2)).toBeUndefined();
    const newAccount = summarize(
      spendOf(
        '2026-11-10',
        '2026-11-19',
        { EC2: () => 20 },
        { forecast: { start: '2026-11-20', end: '2026-12-01', amount: 999 } },
      ),
      '2026-11-20',
    );
    expect(forecastAlert(newAccount, '1', 0.2)).toBeUndefined();
  });

  it('on the 1st, compares the whole-month forecast with the month just closed', () => {
    const spend = spendOf(
      '2026-08-01',
      '2026-11-30',
      { EC2: () => 10 },
      {
        forecast: { start: '2026-12-01', end: '2027-01-01', amount: 500 },
      },
    );

    const alert = forecastAlert(summarize(spend, '2026-12-01'), '1', 0.2);

    expect(alert?.key).toBe('forecast:2026-12');
    expect(alert?.message).toContain("is $500.00 (Cost Explorer forecast Dec 1–31), 67% over November 2026's $300.00");
  });

  it('publishes with a subject SNS accepts', () => {
    const input = toPublishInput(forecastAlert(summaryWith(100), '1', 0.2)!, 'arn:aws:sns:us-east-1:1:t');
    expect(input.Subject).toBe('durion-cost: November 2026 forecast $480.00 is 55% over October 2026');
    expect(input.MessageAttributes?.impactUsd).toEqual({ DataType: 'Number', StringValue: '170.00' });
  });
});
