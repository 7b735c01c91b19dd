import { describe, expect, it } from 'vitest';
import { monthAgainstBudgets } from '../../src/analyze/budgets';
import { monthSpend, weekSpend } from '../../src/analyze/periods';
import { monthCommitments } from '../../src/analyze/recommend/commitments';
import { activityOf } from '../../src/ledger/activity';
import { realizedSavings } from '../../src/ledger/realized';
import { savingsWaiting } from '../../src/ledger/savings';
import { SLACK_LIMITS } from '../../src/notify/blocks';
import { buildReportDigest } from '../../src/notify/digest';
import { monthCloseReport } from '../../src/notify/reports/month-close';
import { weeklyReport } from '../../src/notify/reports/weekly';
import { renderReportText } from '../../src/notify/text';
import { bill } from '../helpers/bill';
import { csvRows } from '../helpers/csv';
import { storedFinding } from '../ledger/helpers';

const findings = [
  storedFinding({ firstSeen: '2026-11-24', lastSeen: '2026-11-30', monthlySavingsUsd: 30.5, title: 'Idle NAT' }),
  storedFinding({
    firstSeen: '2026-11-02',
    lastSeen: '2026-11-30',
    monthlySavingsUsd: 12,
    history: [{ state: 'acknowledged', at: '2026-11-25T10:00:00.000Z', by: 'U1' }],
    state: 'acknowledged',
  }),
  storedFinding({
    firstSeen: '2026-11-02',
    lastSeen: '2026-11-23',
    state: 'resolved',
    claim: { resolvedOn: '2026-11-24', lastSeen: '2026-11-23', claimedUsd: 32.85 },
  }),
];

const weekly = () =>
  weeklyReport({
    sample: true,
    week: weekSpend(bill('2026-10-01', '2026-11-29'), '2026-11-30'),
    activity: activityOf(findings, { from: '2026-11-23', to: '2026-11-29' }),
    waiting: savingsWaiting(findings),
    realized: realizedSavings(findings),
  });

describe('the weekly report', () => {
  it('says the week against the week before, its movers and its savings, keyed by the Monday', () => {
    const r = weekly();
    expect(r).toMatchObject({ kind: 'weekly', period: '2026-11-23', sample: true });
    expect(r.title).toBe('Weekly cost report, Nov 23–29 · SAMPLE ACCOUNT — not real data');
    const text = renderReportText(r);
    expect(text).toContain('$1,106 spent · +$49.00 (+4.6%) vs $1,057 Nov 16–22');
    expect(text).toContain('$883.75 Amazon EC2 · +$49.00 (+5.9%) vs $834.75 Nov 16–22');
    expect(text).toContain('• Amazon EC2: +$49.00 (+5.9%), $883.75 over 7 days');
    expect(text).toContain('Found $30.50 a month in 1 finding(s)');
    expect(text).toContain('Acted on: 1 finding(s) by people (1 acknowledged)');
    expect(text).toContain('1 resolved (the resource gone or changed), claiming $32.85 a month');
    expect(text).toContain('Waiting now: $42.50 a month in 2 open finding(s)');
  });

  it('writes every figure to its CSV to the cent, with its days and basis', () => {
    const csv = csvRows(weekly().csv);
    expect(csv[0]).toEqual([
      'section',
      'key',
      'name',
      'from',
      'to',
      'usd',
      'referenceFrom',
      'referenceTo',
      'referenceUsd',
      'changeUsd',
      'changePct',
      'budgetUsd',
      'detail',
    ]);
    const row = (section: string, key: string) => csv.find((c) => c[0] === section && c[1] === key)?.slice(0, 11);
    expect(row('total', 'total')).toEqual([
      'total',
      'total',
      'all spend',
      '2026-11-23',
      '2026-11-29',
      '1106.34',
      '2026-11-16',
      '2026-11-22',
      '1057.34',
      '49.00',
      '4.63',
    ]);
    expect(row('service', 'AWS Lambda')?.slice(5, 10)).toEqual(['2.59', '2026-11-16', '2026-11-22', '2.59', '0.00']);
    expect(row('tag:team', '')?.slice(2, 6)).toEqual(['untagged', '2026-11-23', '2026-11-29', '220.00']);
    expect(row('found', findings[0]?.id ?? '')?.[5]).toBe('30.50');
    expect(row('resolved', findings[2]?.id ?? '')?.[5]).toBe('32.85');
    expect(row('waiting', 'savings-waiting')?.[5]).toBe('42.50');
  });

  it('is one Slack message within the limits, saying the same as its text', () => {
    const r = weekly();
    const d = buildReportDigest(r);
    expect(d.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(d.blocks[0]).toMatchObject({ type: 'header', text: { text: r.title } });
    const slack = JSON.stringify(d.blocks);
    expect(slack).toContain('*$1,106* spent');
    expect(slack).toContain('Found $30.50 a month');
  });
});

describe('the month-close report', () => {
  const month = monthSpend(bill('2026-09-01', '2026-12-03'), '2026-11');
  const budgets = {
    count: 1,
    names: ['erp-core-monthly'],
    budgets: [
      {
        name: 'erp-core-monthly',
        type: 'COST',
        timeUnit: 'MONTHLY',
        limitUsd: 3000,
        team: 'erp-core',
        filtered: true,
      },
    ],
  };
  const commitments = monthCommitments({
    month: '2026-11',
    spUtilization: [
      { date: '2026-11-01', utilizationPct: 99, unusedUsd: 0.36 },
      { date: '2026-11-02', utilizationPct: 97, unusedUsd: 1.08 },
    ],
    spCoverage: [
      { instanceFamily: 'm5', region: 'us-east-1', coveredUsd: 30, onDemandUsd: 90, totalUsd: 120 },
      { instanceFamily: 'c5', region: 'us-east-1', coveredUsd: 0, onDemandUsd: 40, totalUsd: 40 },
    ],
  });
  const report = monthCloseReport({
    sample: false,
    month: '2026-11',
    asOf: '2026-12-04',
    spend: month,
    teams: monthAgainstBudgets(month.tags?.lines ?? [], budgets),
    commitments,
    activity: activityOf(findings, { from: '2026-11-01', to: '2026-11-30' }),
    realized: realizedSavings(findings),
    notes: [],
  });

  it('says the month by account, service and team against the month before and the budgets', () => {
    expect(report).toMatchObject({ kind: 'month-close', period: '2026-11', title: 'Month close: November 2026' });
    const text = renderReportText(report);
    expect(text).toContain('$4,464 spent in November 2026 · -$171.62 (-3.7%) vs $4,635 Oct 1–31');
    expect(text).toContain('monthly fees $50.00 · $0.00 (0.0%) vs $50.00 Oct 1–31');
    expect(text).toContain('$3,523 production 111111111111 · -$131.25 (-3.6%) vs $3,654 Oct 1–31');
    expect(text).toContain(
      '$3,473 erp-core · -$131.25 (-3.6%) vs $3,604 Oct 1–31 · 116% of its $3,000 budget — over by $472.50 (AWS Budgets "erp-core-monthly")',
    );
    expect(text).toContain('$11.10 platform · -$0.37 (-3.2%) vs $11.47 Oct 1–31 · no monthly budget');
    // Coverage $30 of $160 eligible; utilization the mean of 99% and 97%; $0.36 + $1.08 unused.
    expect(text).toContain(
      'Savings Plans: coverage 18.8%, utilization 98.0% (mean of 2 days), $1.44 of commitment unused',
    );
    expect(text).toContain('Reserved Instances: coverage not read, utilization not read (mean of 0 days)');
    expect(text).toContain('Resolved: 1 claim(s), $32.85 a month');
  });

  it('writes the budget and commitment figures to its CSV', () => {
    const csv = csvRows(report.csv);
    const budget = csv.find((c) => c[0] === 'budget' && c[1] === 'erp-core');
    expect(budget?.slice(3, 6)).toEqual(['2026-11-01', '2026-11-30', '3472.50']);
    expect(budget?.[11]).toBe('3000.00');
    const account = csv.find((c) => c[0] === 'account' && c[1] === '222222222222');
    expect(account?.slice(5, 10)).toEqual(['941.10', '2026-10-01', '2026-10-31', '981.47', '-40.37']);
    expect(csv.find((c) => c[0] === 'commitment' && c[1] === 'savings-plans')?.[5]).toBe('1.44');
  });
});
