/**
 * The spend summary behind the digest, the forecast alert and `/durion-cost status`: pure arithmetic over SpendData.
 * Every figure carries its window (inclusive dates) and its basis; a comparison that cannot be made says why
 * ("not enough history") instead of dividing by zero.
 */

import { addDays, DAY_MS, earlierDay, laterDay, monthStart, nextMonthStart } from '../domain/dates';
import { DurionError } from '../domain/errors';
import { roundCents } from '../domain/money';
import { type CostMetric, isMonthlyFee, type Series, type SpendData } from '../domain/spend';

/** A dollar amount with the days it covers (inclusive) and how it was obtained. */
export interface Figure {
  usd: number;
  from: string;
  to: string;
  basis: string;
}

/** A figure against its reference. `missing` says why a side (or the percentage) could not be computed. */
export interface Comparison {
  current?: Figure;
  reference?: Figure;
  changeUsd?: number;
  /** Undefined when the reference is 0 (new spend) or missing. */
  changePct?: number;
  missing?: string;
}

/** The month shown as "this month": month-to-date, or on the 1st the month that just closed. */
export interface MonthComparison extends Comparison {
  /** YYYY-MM of the current side. */
  month: string;
  /** True on the 1st of a month: the month shown is complete. */
  closed: boolean;
}

/** Month-end forecast: actuals so far plus Cost Explorer's forecast of the rest, against last month. */
export interface ForecastComparison extends Comparison {
  /** YYYY-MM being forecast. */
  month: string;
  /** Cost Explorer's prediction interval for the month end (actuals added), when it gave one. */
  lower?: number;
  upper?: number;
  /** The forecast part alone (basis "Cost Explorer forecast"). */
  remainder?: Figure;
}

/** One of the top services: its spend this month (or closed month), against the same days of the month before. */
export interface ServiceLine extends Comparison {
  service: string;
  /** Daily spend over `SpendSummary.sparkWindow`, oldest first. */
  daily: number[];
}

/** One account's spend over the shown month, with its name (Cost Explorer's, else the id). */
export interface AccountLine extends Comparison {
  accountId: string;
  name: string;
}

/** A service or account whose spend moved most between the two 7-day windows of `SpendSummary.moverWindows`. */
export interface Mover {
  kind: 'service' | 'account';
  /** Service name, or account id. */
  key: string;
  /** Display name: the service, or the account's name when Cost Explorer gave one. */
  name: string;
  currentUsd: number;
  previousUsd: number;
  changeUsd: number;
  changePct?: number;
}

/** Spend by one cost-allocation tag: the largest values, the rest summed, and what carries no tag. */
export interface TagBreakdown {
  key: string;
  from: string;
  to: string;
  basis: string;
  /** Largest tagged values first; share is of all spend in the window. */
  values: { value: string; usd: number; share: number }[];
  others: { count: number; usd: number };
  untagged: { usd: number; share: number };
}

/** Spend summed day by day from the window's first day: `usd[i]` is the total up to `from` + i days. */
export interface RunningTotal {
  from: string;
  to: string;
  usd: number[];
}

export interface SpendSummary {
  asOf: string;
  metric: CostMetric;
  /** The basis strings used by every figure. */
  basis: { actuals: string; forecast: string };
  /** The days the spend data covers. */
  history: { from: string; to: string; days: number };
  /**
   * Yesterday's spend against the average of the 7 days before it, usage with usage: where either window holds
   * monthly fees (`fees`), both sides leave them out.
   */
  yesterday: Comparison;
  /** The monthly fees in yesterday or the 7 days before it, on their own row; absent when there are none. */
  fees?: MonthlyFees;
  /**
   * Month-to-date against the same days of last month (clamped to its length); on the 1st, the month that just
   * closed against the whole month before it.
   */
  month: MonthComparison;
  /** The last full month against the full month before it. */
  lastMonth: Comparison;
  /**
   * Spend day by day, summed from the 1st (the spend chart): the shown month so far, whose last value is
   * `month.current`, and the whole month before it, whose value on the same day is `month.reference`. A side is
   * absent where the data does not cover it.
   */
  runningTotals: { current?: RunningTotal; reference?: RunningTotal };
  /** Month-end forecast against last month; `missing` when Cost Explorer gave no forecast. */
  forecast: ForecastComparison;
  /** Top services by spend over `month.current`'s window. */
  topServices: ServiceLine[];
  /** What the services outside the top list add up to over the same window. */
  otherServices: { count: number; usd: number };
  /** Every account over the same window as the top services, against the same days of the month before; largest first. */
  accounts: AccountLine[];
  /** Spend by the cost-allocation tag over the same window as the top services; absent without a tag key. */
  tags?: TagBreakdown;
  sparkWindow: { from: string; to: string };
  movers: { services: Mover[]; accounts: Mover[]; missing?: string };
  moverWindows: { current: { from: string; to: string }; previous: { from: string; to: string } };
  /** Days Cost Explorer still marks Estimated. */
  estimatedDays: string[];
}

/** Monthly fees (support, tax, Savings Plans fees; see isMonthlyFee) charged in yesterday's comparison windows. */
export interface MonthlyFees {
  /** The days that carry them. */
  days: string[];
  usd: number;
  /** The part charged yesterday (what yesterday's usage and these add up to is yesterday's total). */
  yesterdayUsd: number;
  /** Yesterday's total, usage and fees. */
  yesterdayTotalUsd: number;
  /** Largest first. */
  byService: { service: string; usd: number }[];
}

export interface SummaryOptions {
  /** How many services to list (default 8). */
  topServices?: number;
  /** How many tag values to list (default 5). */
  tagValues?: number;
  /** How many movers of each kind (default 5). */
  movers?: number;
  /** Movers whose change is smaller than this many dollars are left out (default 1). */
  minMoverUsd?: number;
}

const SPARK_DAYS = 14;
const MOVER_DAYS = 7;
const BASELINE_DAYS = 7;

const toMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
/** The month's last day. */
const monthEnd = (day: string): string => addDays(nextMonthStart(day), -1);
const prevMonthStart = (day: string): string => monthStart(addDays(monthStart(day), -1));
const dayOfMonth = (day: string): number => Number(day.slice(8, 10));

const pct = (current: number, reference: number): number | undefined =>
  reference === 0 ? undefined : (current - reference) / reference;

/** Reads windows of the dense series; undefined when the window is not fully inside the data. */
export class Days {
  constructor(private readonly days: string[]) {}
  index(day: string): number {
    const first = this.days[0];
    return first === undefined ? -1 : Math.round((toMs(day) - toMs(first)) / DAY_MS);
  }
  covers(from: string, to: string): boolean {
    return this.gap(from, to) === undefined;
  }
  /** Why the window is not fully inside the data; undefined when it is. */
  gap(from: string, to: string): string | undefined {
    const first = this.days[0];
    const last = this.days.at(-1);
    if (first === undefined || last === undefined) return 'no spend data';
    if (from < first) return `not enough history (data from ${first}, needed from ${from})`;
    if (to > last) return `no data after ${last}`;
    return undefined;
  }
  slice(series: Series, from: string, to: string): number[] | undefined {
    return this.covers(from, to) ? series.slice(this.index(from), this.index(to) + 1) : undefined;
  }
  sum(series: Series, from: string, to: string): number | undefined {
    return this.slice(series, from, to)?.reduce((a, b) => a + b, 0);
  }
}

/** A figure, or why it could not be computed. */
export type Measured = Figure | string;

/** The sum of a series over an inclusive window as a figure on `basis`, or why the data do not cover the window. */
export const figureOf =
  (days: Days, basis: string) =>
  (series: Series, from: string, to: string): Measured => {
    const usd = days.sum(series, from, to);
    return usd === undefined ? (days.gap(from, to) ?? 'no data') : { usd: roundCents(usd), from, to, basis };
  };

export function compare(current: Measured, reference: Measured): Comparison {
  if (typeof current === 'string') return { missing: current };
  if (typeof reference === 'string') return { current, missing: reference };
  const changePct = pct(current.usd, reference.usd);
  return {
    current,
    reference,
    changeUsd: roundCents(current.usd - reference.usd),
    changePct,
    ...(changePct === undefined ? { missing: 'no spend in the reference window' } : {}),
  };
}

/** Series of the wrong length are a collector bug: fail naming the series rather than print wrong sums. */
function checkShape(spend: SpendData): void {
  const series: [string, unknown[]][] = [
    ['total', spend.total],
    ['estimated', spend.estimated],
    ...Object.entries(spend.byService).map(([k, s]): [string, Series] => [`byService["${k}"]`, s]),
    ...Object.entries(spend.byAccount).map(([k, s]): [string, Series] => [`byAccount["${k}"]`, s]),
    ...Object.entries(spend.byTag?.values ?? {}).map(([k, s]): [string, Series] => [`byTag["${k}"]`, s]),
  ];
  const bad = series.find(([, s]) => s.length !== spend.days.length);
  if (bad) throw new DurionError(`spend ${bad[0]} has ${bad[1].length} values for ${spend.days.length} days`);
}

/** Summarize spend as of `asOf` (YYYY-MM-DD, "today"; the data's last day is the day before). Pure. */
export function summarize(spend: SpendData, asOf: string, options: SummaryOptions = {}): SpendSummary {
  const yesterday = addDays(asOf, -1);
  checkShape(spend);
  const days = new Days(spend.days);
  const actuals = `Cost Explorer actuals, ${spend.metric}`;
  const basis = { actuals, forecast: 'Cost Explorer forecast' };
  const figure = figureOf(days, actuals);

  // Yesterday against the mean of the 7 days before it, usage with usage when monthly fees fall in either window.
  const baseFrom = addDays(yesterday, -BASELINE_DAYS);
  const fees = monthlyFees(spend, days, baseFrom, yesterday);
  const daily = fees ? usageSeries(spend) : spend.total;
  const baseSum = figure(daily, baseFrom, addDays(yesterday, -1));
  const yesterdayCmp = compare(
    figure(daily, yesterday, yesterday),
    typeof baseSum === 'string' ? baseSum : { ...baseSum, usd: roundCents(baseSum.usd / BASELINE_DAYS) },
  );

  // The month shown: month-to-date, or on the 1st (no day of this month is known yet) the month that just closed.
  const shownStart = monthStart(yesterday);
  const closed = shownStart !== monthStart(asOf);
  const refStart = prevMonthStart(shownStart);
  // A closed month is compared with the whole month before it; month-to-date with the same days, clamped.
  const refTo = closed
    ? monthEnd(refStart)
    : earlierDay(addDays(refStart, dayOfMonth(yesterday) - 1), monthEnd(refStart));
  const monthOf = (series: Series): Comparison =>
    compare(figure(series, shownStart, yesterday), figure(series, refStart, refTo));
  const month: MonthComparison = { ...monthOf(spend.total), month: shownStart.slice(0, 7), closed };

  // Last full month against the full month before it.
  const lastStart = prevMonthStart(asOf);
  const lastMonthFigure = figure(spend.total, lastStart, monthEnd(lastStart));
  const lastMonth = compare(lastMonthFigure, figure(spend.total, prevMonthStart(lastStart), addDays(lastStart, -1)));

  const actualsSoFar = closed ? 0 : (month.current?.usd ?? month.missing ?? 'no data');
  const forecast = forecastOf(spend, asOf, actualsSoFar, lastMonthFigure, basis);

  // Top services over the shown month, each with a 14-day daily series and its change.
  const sparkFrom = laterDay(addDays(yesterday, -(SPARK_DAYS - 1)), spend.days[0] ?? yesterday);
  const rankFrom = laterDay(shownStart, spend.days[0] ?? shownStart);
  const span = { rankFrom, sparkFrom, yesterday };
  const { topServices, otherServices } = serviceLines(spend.byService, days, span, options.topServices ?? 8, monthOf);
  const tags = spend.byTag && tagBreakdown(spend.byTag, days, rankFrom, yesterday, actuals, options.tagValues ?? 5);
  const { movers, moverWindows } = moversOf(spend, days, yesterday, options);

  return {
    asOf,
    metric: spend.metric,
    basis,
    history: { from: spend.days[0] ?? yesterday, to: spend.days.at(-1) ?? yesterday, days: spend.days.length },
    yesterday: yesterdayCmp,
    ...(fees ? { fees } : {}),
    month,
    lastMonth,
    runningTotals: runningTotalsOf(spend, days, shownStart, yesterday),
    forecast,
    topServices,
    otherServices,
    accounts: Object.entries(spend.byAccount)
      .map(([accountId, series]) => ({
        accountId,
        name: spend.accountNames[accountId] ?? accountId,
        ...monthOf(series),
      }))
      .sort((a, b) => (b.current?.usd ?? 0) - (a.current?.usd ?? 0) || a.accountId.localeCompare(b.accountId)),
    ...(tags ? { tags } : {}),
    sparkWindow: { from: sparkFrom, to: yesterday },
    movers,
    moverWindows,
    estimatedDays: spend.days.filter((_, i) => spend.estimated[i]),
  };
}

/** The shown month's running total to yesterday and the whole month before it, each where the data covers it. */
function runningTotalsOf(
  spend: SpendData,
  days: Days,
  shownStart: string,
  yesterday: string,
): SpendSummary['runningTotals'] {
  const running = (from: string, to: string): RunningTotal | undefined => {
    const daily = days.slice(spend.total, from, to);
    if (!daily) return undefined;
    // Summed in order, as figure() sums a window, so the last value is that window's figure to the cent.
    let sum = 0;
    const usd = daily.map((v) => {
      sum += v;
      return roundCents(sum);
    });
    return { from, to, usd };
  };
  const refStart = prevMonthStart(shownStart);
  return { current: running(shownStart, yesterday), reference: running(refStart, monthEnd(refStart)) };
}

/** The services that are monthly fees. */
export const feeServices = (spend: SpendData) =>
  Object.entries(spend.byService).filter(([service]) => isMonthlyFee(service));

/** The monthly fees' daily sum. */
export const feeSeries = (spend: SpendData): Series => {
  const fees = feeServices(spend).map(([, series]) => series);
  return spend.total.map((_, i) => fees.reduce((sum, series) => sum + (series[i] ?? 0), 0));
};

/** Total spend less the monthly fees, day by day. */
export const usageSeries = (spend: SpendData): Series => {
  const fees = feeSeries(spend);
  return spend.total.map((usd, i) => usd - (fees[i] ?? 0));
};

/** The monthly fees charged from `from` to yesterday, or undefined when there are none (or no data for the days). */
function monthlyFees(spend: SpendData, days: Days, from: string, yesterday: string): MonthlyFees | undefined {
  if (!days.covers(from, yesterday)) return undefined;
  const byService = feeServices(spend)
    .map(([service, series]) => ({ service, usd: roundCents(days.sum(series, from, yesterday) ?? 0) }))
    .filter((f) => f.usd !== 0)
    .sort((a, b) => b.usd - a.usd);
  if (byService.length === 0) return undefined;
  const window = spend.days.slice(days.index(from), days.index(yesterday) + 1);
  const fees = feeSeries(spend);
  const onDay = (day: string) => fees[days.index(day)] ?? 0;
  return {
    days: window.filter((day) => onDay(day) !== 0),
    usd: roundCents(byService.reduce((sum, f) => sum + f.usd, 0)),
    yesterdayUsd: roundCents(onDay(yesterday)),
    yesterdayTotalUsd: roundCents(spend.total[days.index(yesterday)] ?? 0),
    byService,
  };
}

/** The services ranked over the shown month: the top ones, each with its daily series and change, and the rest. */
function serviceLines(
  byService: Record<string, Series>,
  days: Days,
  span: { rankFrom: string; sparkFrom: string; yesterday: string },
  count: number,
  monthOf: (series: Series) => Comparison,
): Pick<SpendSummary, 'topServices' | 'otherServices'> {
  const { rankFrom, sparkFrom, yesterday } = span;
  const ranked = Object.entries(byService)
    // Ranked over the part of the month the data covers, so a new account still sees its services.
    .map(([service, series]) => ({ service, series, usd: days.sum(series, rankFrom, yesterday) ?? 0 }))
    .filter((s) => s.usd > 0)
    .sort((a, b) => b.usd - a.usd || a.service.localeCompare(b.service));
  const top = ranked.slice(0, count);
  const topServices = top.map(({ service, series }) => ({
    service,
    daily: (days.slice(series, sparkFrom, yesterday) ?? []).map(roundCents),
    ...monthOf(series),
  }));
  const rest = ranked.slice(top.length);
  return { topServices, otherServices: { count: rest.length, usd: roundCents(rest.reduce((a, s) => a + s.usd, 0)) } };
}

/** Movers: the services and accounts whose 7 days to `yesterday` moved most against the 7 before. */
export function moversOf(
  spend: SpendData,
  days: Days,
  yesterday: string,
  options: SummaryOptions,
): Pick<SpendSummary, 'movers' | 'moverWindows'> {
  const moverWindows = {
    current: { from: addDays(yesterday, -(MOVER_DAYS - 1)), to: yesterday },
    previous: { from: addDays(yesterday, -(2 * MOVER_DAYS - 1)), to: addDays(yesterday, -MOVER_DAYS) },
  };
  const moverGap = days.gap(moverWindows.previous.from, yesterday);
  const ranked = (kind: Mover['kind'], groups: Record<string, Series>, name: (key: string) => string): Mover[] =>
    moverGap === undefined
      ? Object.entries(groups)
          .map(([key, series]) => {
            const currentUsd = days.sum(series, moverWindows.current.from, moverWindows.current.to) ?? 0;
            const previousUsd = days.sum(series, moverWindows.previous.from, moverWindows.previous.to) ?? 0;
            return {
              kind,
              key,
              name: name(key),
              currentUsd: roundCents(currentUsd),
              previousUsd: roundCents(previousUsd),
              changeUsd: roundCents(currentUsd - previousUsd),
              changePct: pct(currentUsd, previousUsd),
            };
          })
          .filter((m) => Math.abs(m.changeUsd) >= (options.minMoverUsd ?? 1))
          .sort((a, b) => Math.abs(b.changeUsd) - Math.abs(a.changeUsd) || a.key.localeCompare(b.key))
          .slice(0, options.movers ?? 5)
      : [];
  const movers = {
    services: ranked('service', spend.byService, (s) => s),
    accounts: ranked('account', spend.byAccount, (id) => spend.accountNames[id] ?? id),
    ...(moverGap === undefined ? {} : { missing: moverGap }),
  };

  return { movers, moverWindows };
}

function tagBreakdown(
  byTag: NonNullable<SpendData['byTag']>,
  days: Days,
  from: string,
  to: string,
  basis: string,
  top: number,
): TagBreakdown {
  const sums = Object.entries(byTag.values).map(([value, series]) => ({ value, usd: days.sum(series, from, to) ?? 0 }));
  const all = sums.reduce((a, v) => a + v.usd, 0);
  const share = (usd: number) => (all === 0 ? 0 : usd / all);
  const tagged = sums
    .filter((v) => v.value !== '' && v.usd > 0)
    .sort((a, b) => b.usd - a.usd || a.value.localeCompare(b.value));
  const rest = tagged.slice(top);
  const untagged = sums.find((v) => v.value === '')?.usd ?? 0;
  return {
    key: byTag.key,
    from,
    to,
    basis,
    values: tagged.slice(0, top).map((v) => ({ value: v.value, usd: roundCents(v.usd), share: share(v.usd) })),
    others: { count: rest.length, usd: roundCents(rest.reduce((a, v) => a + v.usd, 0)) },
    untagged: { usd: roundCents(untagged), share: share(untagged) },
  };
}

/**
 * Month end = actuals of asOf's month so far + Cost Explorer's forecast of the rest. Cost Explorer's forecast End is
 * exclusive; clamping to the month's last day reads an inclusive or exclusive end the same way.
 */
function forecastOf(
  spend: SpendData,
  asOf: string,
  /** Actuals of asOf's month so far: 0 on the 1st, or why they are not known. */
  actualUsd: number | string,
  lastMonth: Measured,
  basis: SpendSummary['basis'],
): ForecastComparison {
  const month = asOf.slice(0, 7);
  const f = spend.forecast;
  if (!f) return { month, missing: 'no forecast from Cost Explorer' };
  if (f.start.slice(0, 7) !== month) return { month, missing: `the forecast starts ${f.start}, outside ${month}` };
  const end = monthEnd(asOf);
  if (typeof actualUsd === 'string') return { month, missing: `month-to-date: ${actualUsd}` };
  const remainder: Figure = {
    usd: roundCents(f.amount),
    from: f.start,
    to: earlierDay(f.end, end),
    basis: basis.forecast,
  };
  const current: Figure = {
    usd: roundCents(actualUsd + f.amount),
    from: monthStart(asOf),
    to: end,
    // On the 1st nothing of the month is known yet: the forecast is the whole month.
    basis: dayOfMonth(asOf) === 1 ? basis.forecast : `${basis.actuals} + ${basis.forecast}`,
  };
  return {
    ...compare(current, lastMonth),
    month,
    remainder,
    ...(f.lower === undefined ? {} : { lower: roundCents(actualUsd + f.lower) }),
    ...(f.upper === undefined ? {} : { upper: roundCents(actualUsd + f.upper) }),
  };
}
