/**
 * Each team's spend against its AWS Budget. The teams are the values of the cost-allocation tag with spend this month
 * (Cost Explorer, the run's cost metric, month to date through the day before the run); a team's budget is a MONTHLY
 * cost budget filtered to that one tag value (src/collect/budgets.ts). Its actual and forecast are AWS Budgets' own,
 * computed with the budget's cost types, which may differ from the digest's metric; a team with spend and no such
 * budget is listed as having none.
 */
import type { Budgets } from '../collect/budgets';
import { addDays, monthStart } from '../domain/dates';
import type { SpendData } from '../domain/spend';
import type { PeriodLine } from './periods';

export type BudgetStatus = 'over' | 'forecast-over' | 'no-budget' | 'within';

export interface TeamBudget {
  team: string;
  /** Cost Explorer, month to date through the day before asOf. */
  monthToDateUsd: number;
  budget?: { name: string; limitUsd: number; actualUsd?: number; forecastUsd?: number };
  status: BudgetStatus;
}

const ORDER: BudgetStatus[] = ['over', 'forecast-over', 'no-budget', 'within'];

/** The tag value's month-to-date spend: days from the first of yesterday's month to yesterday. */
function monthToDate(spend: SpendData, series: number[], asOf: string): number {
  const yesterday = addDays(asOf, -1);
  const from = monthStart(yesterday);
  let sum = 0;
  spend.days.forEach((day, i) => {
    if (day >= from && day <= yesterday) sum += series[i] ?? 0;
  });
  return Math.round(sum * 100) / 100;
}

/** The monthly cost budgets filtered to one team (tag value), with a limit. */
const teamMonthlyBudgets = (budgets: Budgets | undefined) =>
  (budgets?.budgets ?? []).filter(
    (b) => b.team && b.type === 'COST' && b.timeUnit === 'MONTHLY' && b.limitUsd !== undefined,
  );

/** The team's budget among them: the tag value matched without regard to case. */
const budgetOf = (team: string, monthly: ReturnType<typeof teamMonthlyBudgets>) =>
  monthly.find((b) => b.team?.toLowerCase() === team.toLowerCase());

/** The teams with spend this month, over budget first, then forecast over, then without one, then within. */
export function teamBudgets(spend: SpendData, budgets: Budgets | undefined, asOf: string): TeamBudget[] {
  const monthly = teamMonthlyBudgets(budgets);
  const teams = Object.entries(spend.byTag?.values ?? {}).filter(([team]) => team !== '');
  return teams
    .map(([team, series]): TeamBudget => {
      const monthToDateUsd = monthToDate(spend, series, asOf);
      const found = budgetOf(team, monthly);
      if (!found || found.limitUsd === undefined) return { team, monthToDateUsd, status: 'no-budget' };
      const budget = {
        name: found.name,
        limitUsd: found.limitUsd,
        ...(found.actualUsd === undefined ? {} : { actualUsd: found.actualUsd }),
        ...(found.forecastUsd === undefined ? {} : { forecastUsd: found.forecastUsd }),
      };
      const status: BudgetStatus =
        (found.actualUsd ?? 0) > found.limitUsd
          ? 'over'
          : (found.forecastUsd ?? 0) > found.limitUsd
            ? 'forecast-over'
            : 'within';
      return { team, monthToDateUsd, budget, status };
    })
    .filter((t) => t.monthToDateUsd > 0 || t.budget)
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || b.monthToDateUsd - a.monthToDateUsd);
}

/**
 * The accounts with spend this month that no cost budget covers: one with no filter covers every account it sees (the
 * management account's covers the organization), one filtered to linked accounts covers those. Tag- or service-scoped
 * budgets cover part of an account's spend, so they do not count.
 */
export function accountsWithoutBudget(spend: SpendData, budgets: Budgets | undefined, asOf: string): string[] {
  const cost = (budgets?.budgets ?? []).filter((b) => b.type === 'COST');
  if (cost.some((b) => !b.filtered)) return [];
  const covered = new Set(cost.flatMap((b) => (b.team ? [] : (b.accountIds ?? []))));
  return Object.entries(spend.byAccount)
    .filter(([id, series]) => !covered.has(id) && monthToDate(spend, series, asOf) > 0)
    .map(([id]) => id)
    .sort();
}

/** One line for a team: its budget's figures, or its spend and that it has none. */
export function budgetLine(t: TeamBudget, usd: (n: number) => string): string {
  if (!t.budget) return `${usd(t.monthToDateUsd)} this month (Cost Explorer) and no monthly budget`;
  const { limitUsd, actualUsd, forecastUsd, name } = t.budget;
  const pct = actualUsd === undefined ? '' : ` (${Math.round((actualUsd / limitUsd) * 100)}%)`;
  const actual = actualUsd === undefined ? 'no actual yet' : `${usd(actualUsd)}${pct}`;
  const forecast = forecastUsd === undefined ? '' : `, forecast ${usd(forecastUsd)}`;
  const verdict =
    t.status === 'over'
      ? ` — over by ${usd((actualUsd ?? 0) - limitUsd)}`
      : t.status === 'forecast-over'
        ? ` — forecast over by ${usd((forecastUsd ?? 0) - limitUsd)}`
        : '';
  return `${actual} of ${usd(limitUsd)}${forecast}${verdict} (AWS Budgets "${name}", this month)`;
}

/** A team's closed month (Cost Explorer) against its monthly budget's limit, and against the month before. */
export interface TeamMonth {
  line: PeriodLine;
  budget?: { name: string; limitUsd: number };
  status: 'over' | 'within' | 'no-budget';
}

/**
 * Each team (tag value, untagged left out) of a closed month against the limit of its monthly cost budget: the month's
 * Cost Explorer actuals, in the run's metric, over the limit AWS Budgets gives now (a budget with planned limits that
 * change by month shows this month's). Over first, then without a budget, then within; largest first in each.
 */
export function monthAgainstBudgets(teams: readonly PeriodLine[], budgets: Budgets | undefined): TeamMonth[] {
  const monthly = teamMonthlyBudgets(budgets);
  const order: TeamMonth['status'][] = ['over', 'no-budget', 'within'];
  return teams
    .filter((line) => line.key !== '')
    .map((line): TeamMonth => {
      const found = budgetOf(line.key, monthly);
      if (!found || found.limitUsd === undefined) return { line, status: 'no-budget' };
      const status = (line.current?.usd ?? 0) > found.limitUsd ? 'over' : 'within';
      return { line, budget: { name: found.name, limitUsd: found.limitUsd }, status };
    })
    .sort(
      (a, b) =>
        order.indexOf(a.status) - order.indexOf(b.status) || (b.line.current?.usd ?? 0) - (a.line.current?.usd ?? 0),
    );
}
