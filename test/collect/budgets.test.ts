import { BudgetsClient, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { readBudgets } from '../../src/collect/budgets';
import type { Note } from '../../src/domain/note';

const budgets = mockClient(BudgetsClient);
afterEach(() => budgets.reset());

/** A budget as DescribeBudgets answers it (AWS CLI example's shape). */
const budget = (
  name: string,
  filters: Record<string, string[]>,
  limit = '2000',
  actual = '604.456',
  forecast = '2641.548',
) => ({
  BudgetName: name,
  BudgetType: 'COST' as const,
  TimeUnit: 'MONTHLY' as const,
  BudgetLimit: { Amount: limit, Unit: 'USD' },
  CalculatedSpend: { ActualSpend: { Amount: actual, Unit: 'USD' }, ForecastedSpend: { Amount: forecast, Unit: 'USD' } },
  CostFilters: filters,
  TimePeriod: { Start: new Date('2026-01-01'), End: new Date('2087-06-15') },
});

describe('readBudgets', () => {
  const aws = () => createAws({ mode: 'live', homeRegion: 'us-east-1' });

  it('reads limits, AWS actual and forecast spend, and the team or accounts each budget is filtered to', async () => {
    budgets
      .on(DescribeBudgetsCommand)
      .resolvesOnce({
        Budgets: [
          budget('erp-core', { TagKeyValue: ['user:team$erp-core'] }),
          budget('staging', { LinkedAccount: ['222222222222'] }),
        ],
        NextToken: 'p2',
      })
      .resolvesOnce({
        Budgets: [
          budget('two-teams', { TagKeyValue: ['user:team$a', 'user:team$b'] }),
          budget('other-tag', { TagKeyValue: ['user:env$prod'] }),
        ],
      });
    const notes: Note[] = [];
    const read = await readBudgets(aws(), '111111111111', 'team', notes);
    expect(read.count).toBe(4);
    expect(read.budgets[0]).toEqual({
      name: 'erp-core',
      type: 'COST',
      timeUnit: 'MONTHLY',
      limitUsd: 2000,
      actualUsd: 604.456,
      forecastUsd: 2641.548,
      team: 'erp-core',
      filtered: true,
    });
    expect(read.budgets[1]).toMatchObject({ name: 'staging', accountIds: ['222222222222'] });
    expect(read.budgets[1]).not.toHaveProperty('team');
    // Two values of the tag, or another tag key: not one team's budget.
    expect(read.budgets.slice(2).map((b) => b.team)).toEqual([undefined, undefined]);
    // Both pages, for the account given (the paginator reuses one input object, so only the last token shows).
    expect(budgets.commandCalls(DescribeBudgetsCommand)).toHaveLength(2);
    expect(budgets.commandCalls(DescribeBudgetsCommand)[1]?.args[0].input).toMatchObject({
      AccountId: '111111111111',
      NextToken: 'p2',
    });
    expect(notes).toEqual([]);
  });

  it('reads an amount that does not parse as no amount, with a note', async () => {
    budgets.on(DescribeBudgetsCommand).resolves({ Budgets: [budget('x', {}, 'lots')] });
    const notes: Note[] = [];
    const read = await readBudgets(aws(), '111111111111', 'team', notes);
    expect(read.budgets[0]).not.toHaveProperty('limitUsd');
    expect(notes[0]?.message).toMatch(/^1 budget amounts .*"lots" for x/);
  });
});
