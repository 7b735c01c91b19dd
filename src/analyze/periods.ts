/**
 * The spend figures of the weekly and month-close reports: a period of whole days against the one before it, in total,
 * by service, by account and by value of the cost-allocation tag, over Cost Explorer's daily spend. Pure, and built on
 * summary.ts's windows, comparisons and movers, so a figure the daily digest also shows is computed one way. Which day
 * each report is due is decided here too: the weekly on Mondays, the month-close on the first working day on which
 * Cost Explorer has settled the month.
 */
import { settledMonth } from '../collect/transfer';
import { addDays, monthName, monthStart, nextMonthStart, window } from '../domain/dates';
import type { Series, SpendData } from '../domain/spend';
import { type Comparison, compare, Days, feeSeries, figureOf, type Mover, moversOf, usageSeries } from './summary';

/** Inclusive UTC days. */
export interface Window {
  from: string;
  to: string;
}

/** One service, account or tag value over the period against the period before. */
export interface PeriodLine extends Comparison {
  key: string;
  /** The service, the account's name (Cost Explorer's, else its id), or the tag value ('' is untagged). */
  name: string;
}

export interface PeriodSpend {
  current: Window;
  previous: Window;
  /** "Cost Explorer actuals, UnblendedCost": the basis of every figure below. */
  basis: string;
  total: Comparison;
  /**
   * Where either period holds monthly fees (support, tax, Savings Plans fees: isMonthlyFee), which land whole on the
   * 1st: the fees of each side, and usage (total less fees) compared with usage.
   */
  fees?: { fees: Comparison; usage: Comparison };
  /** Every key with spend in either period, largest in the current period first. */
  services: PeriodLine[];
  accounts: PeriodLine[];
  /** By the cost-allocation tag (its values, '' untagged); absent without a tag breakdown. */
  tags?: { key: string; lines: PeriodLine[] };
  /** Days of the current period Cost Explorer still marks Estimated. */
  estimatedDays: string[];
}

/** A week's spend, with what moved most against the week before (summary.ts's movers over these two weeks). */
export interface WeekSpend extends PeriodSpend {
  movers: { services: Mover[]; accounts: Mover[]; missing?: string };
}

const DAY = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** Monday to Friday, UTC: the days a person reads a report on (public holidays are not known). */
export const isWorkingDay = (day: string): boolean => DAY(day) >= 1 && DAY(day) <= 5;

/** The weekly report goes out with the Monday run. */
export const isWeeklyDay = (day: string): boolean => DAY(day) === 1;

/** The last whole week, Monday to Sunday, before `asOf` (whose own day is partial), and the week before it. */
export function reportWeek(asOf: string): { current: Window; previous: Window } {
  const sinceMonday = (DAY(asOf) + 6) % 7;
  const from = addDays(asOf, -sinceMonday - 7);
  return {
    current: { from, to: addDays(from, 6) },
    previous: { from: addDays(from, -7), to: addDays(from, -1) },
  };
}

/** The month's days, inclusive, from "YYYY-MM". */
export const monthWindow = (month: string): Window => ({
  from: `${month}-01`,
  to: addDays(nextMonthStart(`${month}-01`), -1),
});

/** The month a month-close report on `asOf` is about: the one before asOf's month ("YYYY-MM"). */
export const closingMonth = (asOf: string): string => monthStart(addDays(monthStart(asOf), -1)).slice(0, 7);

/** A period of spend against the one before it: in total, by service, account and tag value. */
export function periodSpend(spend: SpendData, current: Window, previous: Window): PeriodSpend {
  const days = new Days(spend.days);
  const basis = `Cost Explorer actuals, ${spend.metric}`;
  const figure = figureOf(days, basis);
  const of = (series: Series): Comparison =>
    compare(figure(series, current.from, current.to), figure(series, previous.from, previous.to));
  const lines = (groups: Record<string, Series>, name: (key: string) => string): PeriodLine[] =>
    Object.entries(groups)
      .map(([key, series]) => ({ key, name: name(key), ...of(series) }))
      .filter((l) => (l.current?.usd ?? 0) !== 0 || (l.reference?.usd ?? 0) !== 0)
      .sort((a, b) => (b.current?.usd ?? 0) - (a.current?.usd ?? 0) || a.key.localeCompare(b.key));
  const fees = of(feeSeries(spend));
  const hasFees = (fees.current?.usd ?? 0) !== 0 || (fees.reference?.usd ?? 0) !== 0;
  const at = new Map(spend.days.map((d, i) => [d, i]));
  return {
    current,
    previous,
    basis,
    total: of(spend.total),
    ...(hasFees ? { fees: { fees, usage: of(usageSeries(spend)) } } : {}),
    services: lines(spend.byService, (s) => s),
    accounts: lines(spend.byAccount, (id) => spend.accountNames[id] ?? id),
    ...(spend.byTag ? { tags: { key: spend.byTag.key, lines: lines(spend.byTag.values, (v) => v) } } : {}),
    estimatedDays: spend.days.filter((d) => d >= current.from && d <= current.to && spend.estimated[at.get(d) ?? -1]),
  };
}

/** The last whole week before `asOf` against the week before it, with the movers between the two. */
export function weekSpend(spend: SpendData, asOf: string): WeekSpend {
  const { current, previous } = reportWeek(asOf);
  return {
    ...periodSpend(spend, current, previous),
    movers: moversOf(spend, new Days(spend.days), current.to, {}).movers,
  };
}

/** A calendar month ("YYYY-MM") against the month before it. */
export const monthSpend = (spend: SpendData, month: string): PeriodSpend =>
  periodSpend(spend, monthWindow(month), monthWindow(closingMonth(`${month}-01`)));

/**
 * Why `month` is not settled on `asOf`, or undefined when it is: the DURION_REVISED_DAYS after it are past (the test
 * the data-transfer read uses, collect/transfer.ts), the spend covers it, and Cost Explorer marks none of its days
 * Estimated any more (the spend collector re-reads every day still Estimated, so the flags are as of this run).
 */
export function unsettled(spend: SpendData, month: string, asOf: string, revisedDays: number): string | undefined {
  const name = monthName(month);
  const w = monthWindow(month);
  if (settledMonth(asOf, revisedDays) < month) {
    const from = addDays(addDays(w.to, 1), revisedDays);
    return `Cost Explorer may still revise ${name} before ${from} (the ${revisedDays} days after it, DURION_REVISED_DAYS)`;
  }
  const gap = new Days(spend.days).gap(w.from, w.to);
  if (gap) return `the spend read does not cover ${name}: ${gap}`;
  const estimated = spend.days.filter((d, i) => d >= w.from && d <= w.to && spend.estimated[i]);
  const first = estimated[0];
  const last = estimated.at(-1);
  if (first && last) return `Cost Explorer still marks ${window({ from: first, to: last })} of ${name} Estimated`;
  return undefined;
}

/** Where the month-close of a month stands, kept from run to run. */
export interface MonthCloseMark {
  /** YYYY-MM. */
  month: string;
  /** The as-of day of the run that set it. */
  on: string;
  /** Built (and posted through the outbox) on `on`; otherwise a run saw the month not yet settled. */
  built: boolean;
}

/** The first working day on or after the day the revised days after `month` are past. */
export function firstCloseDay(month: string, revisedDays: number): string {
  let day = addDays(nextMonthStart(`${month}-01`), revisedDays);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/**
 * Whether the month-close of the month before asOf's is due on this run, and the mark to keep. It is due on the first
 * working day the month is settled: on that day by the calendar (firstCloseDay), or later when an earlier run of the
 * store saw it not yet settled (Cost Explorer still marking days Estimated, or a weekend in between). Once built, it is
 * due again only on a rerun of the same day (the outbox posts it once); a store that began after the month settled
 * does not build it (`durion-cost report month-close` does, on demand).
 */
export function monthCloseStep(
  spend: SpendData,
  asOf: string,
  revisedDays: number,
  kept: MonthCloseMark | undefined,
): { month: string; due: boolean; mark: MonthCloseMark | undefined } {
  const month = closingMonth(asOf);
  const mine = kept?.month === month ? kept : undefined;
  if (mine?.built) return { month, due: mine.on === asOf, mark: mine };
  if (unsettled(spend, month, asOf, revisedDays)) return { month, due: false, mark: { month, on: asOf, built: false } };
  const due = isWorkingDay(asOf) && (mine !== undefined || asOf === firstCloseDay(month, revisedDays));
  return { month, due, mark: due ? { month, on: asOf, built: true } : mine };
}
