import { describe, expect, it } from 'vitest';
import { accountsWithoutBudget, budgetLine, monthAgainstBudgets, teamBudgets } from '../../src/analyze/budgets';
import { monthSpend } from '../../src/analyze/periods';
import type { BudgetRead } from '../../src/collect/budgets';
import { usd } from '../../src/domain/money';
import type { SpendData } from '../../src/domain/spend';
import { sectionToLines } from '../../src/notify/section';
import { budgetsSection } from '../../src/notify/sections/budgets';
import { bill } from '../helpers/bill';

const days = ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'];
/** Spend by team over the five days; the last day is the run's own (asOf 2026-11-03) and not counted. */
const spend = (values: Record<string, number[]>): SpendData => ({
  metric: 'UnblendedCost',
  days,
  estimated: days.map(() => false),
  total: days.map(() => 0),
  byService: {},
  byAccount: {},
  byAccountService: {},
  byRegion: {},
  byTag: { key: 'team', values },
  accountNames: {},
});
const monthly = (team: string, limitUsd: number, actualUsd: number, forecastUsd: number): BudgetRead => ({
  name: `${team}-monthly`,
  type: 'COST',
  timeUnit: 'MONTHLY',
  limitUsd,
  actualUsd,
  forecastUsd,
  team,
  filtered: true,
});
const budgets = (list: BudgetRead[]) => ({ count: list.length, names: list.map((b) => b.name), budgets: list });

describe('teamBudgets', () => {
  const data = spend({
    a: [100, 100, 40, 60, 999],
    b: [0, 0, 10, 10, 999],
    c: [5, 5, 200, 300, 999],
    d: [0, 0, 1, 1, 0],
    '': [50, 50, 50, 50, 50],
  });
  const read = budgets([
    monthly('a', 500, 100, 450),
    monthly('b', 100, 120, 130),
    monthly('c', 1000, 500, 1100),
    { ...monthly('d', 10, 1, 5), timeUnit: 'QUARTERLY' },
  ]);

  it('orders teams over budget, then forecast over, then without one, then within; untagged spend is no team', () => {
    const teams = teamBudgets(data, read, '2026-11-03');
    expect(teams.map((t) => [t.team, t.status])).toEqual([
      ['b', 'over'],
      ['c', 'forecast-over'],
      ['d', 'no-budget'],
      ['a', 'within'],
    ]);
  });

  it('counts Cost Explorer spend from the first of the month to the day before the run', () => {
    const teams = teamBudgets(data, read, '2026-11-03');
    expect(teams.find((t) => t.team === 'a')?.monthToDateUsd).toBe(100);
    expect(teams.find((t) => t.team === 'c')?.monthToDateUsd).toBe(500);
  });

  it('words each line with its source and window', () => {
    const [b, c, d] = teamBudgets(data, read, '2026-11-03');
    expect(budgetLine(b!, usd)).toBe(
      '$120.00 (120%) of $100.00, forecast $130.00 — over by $20.00 (AWS Budgets "b-monthly", this month)',
    );
    expect(budgetLine(c!, usd)).toBe(
      '$500.00 (50%) of $1,000, forecast $1,100 — forecast over by $100.00 (AWS Budgets "c-monthly", this month)',
    );
    expect(budgetLine(d!, usd)).toBe('$2.00 this month (Cost Explorer) and no monthly budget');
  });

  it('has no section without teams, and names the teams without a budget in the caption', () => {
    expect(budgetsSection([], 'team')).toBeUndefined();
    const section = budgetsSection(teamBudgets(data, read, '2026-11-03'), 'team');
    expect(section?.caption).toMatch(/\(1 of 4 team\(s\)\)/);
    expect(sectionToLines(section!)).toContain(
      'b: $120.00 (120%) of $100.00, forecast $130.00 — over by $20.00 (AWS Budgets "b-monthly", this month)',
    );
  });

  it('names the accounts with spend that no account-wide or account-filtered cost budget covers', () => {
    const byAccount = spend({});
    byAccount.byAccount = {
      '111111111111': [1, 1, 5, 5, 5],
      '222222222222': [0, 0, 3, 0, 0],
      '333333333333': [9, 9, 0, 0, 1],
    };
    // Tag-scoped budgets cover part of an account: every account with spend this month is uncovered.
    expect(accountsWithoutBudget(byAccount, read, '2026-11-03')).toEqual(['111111111111', '222222222222']);
    const linked = budgets([
      { name: 'prod', type: 'COST', timeUnit: 'MONTHLY', accountIds: ['111111111111'], filtered: true },
    ]);
    expect(accountsWithoutBudget(byAccount, linked, '2026-11-03')).toEqual(['222222222222']);
    const whole = budgets([{ name: 'all', type: 'COST', timeUnit: 'MONTHLY', filtered: false }]);
    expect(accountsWithoutBudget(byAccount, whole, '2026-11-03')).toEqual([]);
    const section = budgetsSection([], 'team', ['staging (222222222222)']);
    expect(sectionToLines(section!)).toContain(
      'Accounts with spend this month and no account-wide budget: staging (222222222222)',
    );
  });
});

describe('monthAgainstBudgets', () => {
  it("puts each team's closed month against its monthly budget's limit: over first, then none, then within", () => {
    const month = monthSpend(bill('2026-09-01', '2026-12-03'), '2026-11');
    const teams = monthAgainstBudgets(
      month.tags?.lines ?? [],
      budgets([monthly('erp-core', 3000, 10, 10), monthly('platform', 20, 99, 99), monthly('ops', 500, 0, 0)]),
    );
    // erp-core spent $3,472.50 in November (hand sum in test/helpers/bill.ts) against $3,000; platform $11.10 of $20.
    // AWS Budgets' own actual (this month's) plays no part: the closed month is Cost Explorer's.
    expect(teams.map((t) => [t.line.key, t.line.current?.usd, t.budget?.limitUsd, t.status])).toEqual([
      ['erp-core', 3472.5, 3000, 'over'],
      ['platform', 11.1, 20, 'within'],
    ]);
    // Untagged spend is no team; a team with spend and no budget says so.
    const none = monthAgainstBudgets(month.tags?.lines ?? [], budgets([]));
    expect(none.map((t) => [t.line.key, t.status])).toEqual([
      ['erp-core', 'no-budget'],
      ['platform', 'no-budget'],
    ]);
  });
});
