/**
 * AWS Budgets of the account (budgets:DescribeBudgets, free; a global service answered in us-east-1), read every run:
 * each budget's limit, AWS's own actual and forecast spend for the period, and whom it is for when its cost filters
 * say so (one value of the cost-allocation tag, `TagKeyValue: ["user:team$erp-core"]`, or linked accounts). A budget
 * scoped some other way (a service, a FilterExpression) is counted but not matched to a team.
 */
import { type Budget, BudgetsClient, paginateDescribeBudgets } from '@aws-sdk/client-budgets';
import type { Aws } from '../aws';
import type { Note } from '../domain/note';
import { Amounts } from './amounts';

export interface BudgetRead {
  name: string;
  /** COST, USAGE, RI_UTILIZATION...; only COST budgets have dollar limits. */
  type: string;
  /** MONTHLY, QUARTERLY, ANNUALLY, DAILY. */
  timeUnit: string;
  limitUsd?: number;
  /** AWS Budgets' figures for the current period, computed with the budget's own cost types. */
  actualUsd?: number;
  forecastUsd?: number;
  /** The tag value the budget is filtered to, when it filters on exactly one value of the configured tag key. */
  team?: string;
  /** The linked accounts it is filtered to. */
  accountIds?: string[];
  /** Whether it has any cost filter: a budget with none covers all of the account's (or organization's) spend. */
  filtered: boolean;
}

export interface Budgets {
  count: number;
  names: string[];
  budgets: BudgetRead[];
}

/** The team a budget's cost filters name: the one value of `tagKey` in TagKeyValue (`user:<key>$<value>`). */
function teamOf(filters: Record<string, string[]> | undefined, tagKey: string): string | undefined {
  const values = (filters?.TagKeyValue ?? [])
    .map((v) => /^user:([^$]+)\$(.*)$/.exec(v))
    .filter((m): m is RegExpExecArray => m !== null && m[1]?.toLowerCase() === tagKey.toLowerCase() && m[2] !== '');
  return values.length === 1 ? values[0]?.[2] : undefined;
}

const usd = (n: Amounts, amount: { Amount?: string; Unit?: string } | undefined, where: string) =>
  amount?.Unit === undefined || amount.Unit === 'USD' ? n.maybe(amount?.Amount, where) : undefined;

function toRead(b: Budget, tagKey: string, n: Amounts): BudgetRead {
  const name = b.BudgetName ?? '';
  const team = teamOf(b.CostFilters, tagKey);
  const accountIds = b.CostFilters?.LinkedAccount;
  const filtered = Object.values(b.CostFilters ?? {}).some((v) => v.length > 0) || b.FilterExpression !== undefined;
  const read: BudgetRead = { name, type: b.BudgetType ?? '', timeUnit: b.TimeUnit ?? '', filtered };
  const limitUsd = usd(n, b.BudgetLimit, name);
  const actualUsd = usd(n, b.CalculatedSpend?.ActualSpend, name);
  const forecastUsd = usd(n, b.CalculatedSpend?.ForecastedSpend, name);
  return {
    ...read,
    ...(limitUsd === undefined ? {} : { limitUsd }),
    ...(actualUsd === undefined ? {} : { actualUsd }),
    ...(forecastUsd === undefined ? {} : { forecastUsd }),
    ...(team ? { team } : {}),
    ...(accountIds?.length ? { accountIds } : {}),
  };
}

/** Every budget of the account; none at all (AWS answers NotFoundException rather than an empty list) is zero. */
export async function readBudgets(aws: Aws, accountId: string, tagKey: string, notes: Note[]): Promise<Budgets> {
  const n = new Amounts('budgets:DescribeBudgets', 'budget amounts');
  const budgets: BudgetRead[] = [];
  try {
    const client = aws.client(BudgetsClient, 'us-east-1');
    for await (const page of paginateDescribeBudgets({ client }, { AccountId: accountId })) {
      budgets.push(...(page.Budgets ?? []).map((b) => toRead(b, tagKey, n)));
    }
  } catch (err) {
    if (!(err instanceof Error && err.name === 'NotFoundException')) throw err;
  }
  n.note(notes);
  return { count: budgets.length, names: budgets.map((b) => b.name), budgets };
}
