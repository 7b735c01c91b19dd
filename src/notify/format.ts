/**
 * How figures read, shared by the Slack digest and the terminal rendering so both say the same thing: money,
 * changes, windows, sparklines, and the rows of the overview. Output is plain text; callers escape for mrkdwn.
 */

import type { Comparison, MonthlyFees, Mover, SpendSummary } from '../analyze/summary';
import { addDays, monthName, window } from '../domain/dates';
import { accountLabel } from '../domain/finding';
import { percentOf, usd } from '../domain/money';
import type { Note } from '../domain/note';

const signed = (n: number, text: string): string => (n > 0 ? `+${text}` : text);

/** A change as a signed percentage: "+4.5%", "-12%". */
export const percent = (fraction: number): string => signed(fraction, percentOf(fraction));

/** A change in dollars and percent: "+$190.00 (+100%)"; "(new spend)" when the reference was 0. */
export function change(changeUsd: number, changePct: number | undefined): string {
  const pct = changePct === undefined ? 'new spend' : percent(changePct);
  return `${signed(changeUsd, usd(changeUsd))} (${pct})`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A text sparkline of daily values, scaled between their minimum and maximum. A flat series is a flat line. */
export function sparkline(values: number[]): string {
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  return values
    .map((v) => BARS[span === 0 ? (v === 0 ? 0 : 3) : Math.round(((v - min) / span) * (BARS.length - 1))])
    .join('');
}

/** The current side of a comparison in dollars, or "n/a" when it could not be computed. */
export const value = (c: Comparison): string => (c.current ? usd(c.current.usd) : 'n/a');

/** One line of the overview: what, how much, against what, over which days and on what basis. */
export interface OverviewRow {
  /** Which figure the row shows (the spend chart's caption picks the month's, the forecast's and last month's). */
  key: 'yesterday' | 'fees' | 'month' | 'forecast' | 'lastMonth';
  label: string;
  value: string;
  versus: string;
}

/** "+$50.00 (+50%) vs 7-day average $100.00 (Nov 12–18)", or why there is nothing to compare with. */
function versus(c: Comparison, what: string): string {
  if (!c.reference || c.changeUsd === undefined) return c.missing ?? 'no comparison';
  return `${change(c.changeUsd, c.changePct)} vs ${what} ${usd(c.reference.usd)} (${window(c.reference)})`;
}

/** Monthly fees on their own row, so that yesterday compares usage with usage and the totals still add up. */
function feesRow(f: MonthlyFees): OverviewRow {
  const services = f.byService.map((x) => `${x.service} ${usd(x.usd)}`).join(', ');
  const total = f.yesterdayUsd ? `; yesterday in all ${usd(f.yesterdayTotalUsd)}` : '';
  return {
    key: 'fees',
    label: `Monthly fees (${dayRanges(f.days)})`,
    value: usd(f.usd),
    versus: `${services}: charged once a month, left out of the comparison above${total}`,
  };
}

/** The headline figures: yesterday, the month (to date or just closed), the forecast and last month. */
export function overviewRows(s: SpendSummary): OverviewRow[] {
  const shown = monthName(s.month.month);
  const rows: OverviewRow[] = [];
  const usage = s.fees ? ', usage' : '';
  rows.push({
    key: 'yesterday',
    label: `Yesterday${s.yesterday.current ? ` (${window(s.yesterday.current)})` : ''}${usage}`,
    value: value(s.yesterday),
    versus: versus(s.yesterday, `7-day average${usage ? ' usage' : ''}`),
  });
  if (s.fees) rows.push(feesRow(s.fees));
  const refMonth = s.month.reference ? monthName(s.month.reference.from.slice(0, 7)) : '';
  const reference = s.month.closed ? refMonth : `same days of ${refMonth}`;
  rows.push({
    key: 'month',
    label: `${s.month.closed ? `${shown}, closed` : 'Month-to-date'}${s.month.current ? ` (${window(s.month.current)})` : ''}`,
    value: value(s.month),
    versus: versus(s.month, reference),
  });
  const f = s.forecast;
  const range = f.lower !== undefined && f.upper !== undefined ? `range ${usd(f.lower)}–${usd(f.upper)}; ` : '';
  rows.push({
    key: 'forecast',
    label: `${monthName(f.month)} forecast (month end)`,
    value: f.current ? usd(f.current.usd) : 'n/a',
    versus: `${range}${versus(f, 'last month')}`,
  });
  // On the 1st the closed month above is last month already.
  if (!s.month.closed) {
    rows.push({
      key: 'lastMonth',
      label: `Last month${s.lastMonth.current ? ` (${monthName(s.lastMonth.current.from.slice(0, 7))})` : ''}`,
      value: value(s.lastMonth),
      versus: versus(s.lastMonth, 'the month before'),
    });
  }
  return rows;
}

/** Where the headline figures come from, in one line. */
export function basisLine(s: SpendSummary): string {
  const remainder = s.forecast.remainder;
  const forecast = remainder ? `; forecast: ${s.basis.forecast} for ${window(remainder)}` : '';
  return `Basis: ${s.basis.actuals}${forecast}. Windows are inclusive UTC days.`;
}

/** The window the top services cover, and what their change compares with. */
export function servicesCaption(s: SpendSummary): string {
  const ref = s.topServices[0]?.reference;
  const shown = s.month.closed ? monthName(s.month.month) : 'month-to-date';
  const current = s.month.current ? ` (${window(s.month.current)})` : '';
  const vs = ref ? `, change vs ${window(ref)}` : '';
  return `spend ${shown}${current}${vs}; sparkline: daily spend ${window(s.sparkWindow)}; ${s.basis.actuals}`;
}

/** Spend by the cost-allocation tag in one line, untagged last; undefined without a tag breakdown. */
export function tagLine(s: SpendSummary): string | undefined {
  const t = s.tags;
  if (!t) return undefined;
  const parts = t.values.map((v) => `${v.value} ${usd(v.usd)} (${percentOf(v.share)})`);
  if (t.others.count) parts.push(`${t.others.count} other values ${usd(t.others.usd)}`);
  parts.push(`untagged ${usd(t.untagged.usd)} (${percentOf(t.untagged.share)})`);
  return `By tag "${t.key}" (${window(t)}): ${parts.join(', ')}`;
}

/** A mover as a line: "Amazon EC2: +$140.00 (+200%), $210.00 over 7 days". */
export const moverLine = (m: Mover): string =>
  `${m.name}: ${change(m.changeUsd, m.changePct)}, ${usd(m.currentUsd)} over 7 days`;

/** The windows the movers compare, in one line. */
export const moversCaption = (s: SpendSummary): string =>
  `${window(s.moverWindows.current)} vs ${window(s.moverWindows.previous)}; ${s.basis.actuals}`;

/** Collapse a list of days into ranges: "Nov 18–19, Nov 21". */
function dayRanges(days: string[]): string {
  const ranges: { from: string; to: string }[] = [];
  for (const day of days) {
    const last = ranges.at(-1);
    if (last && addDays(last.to, 1) === day) last.to = day;
    else ranges.push({ from: day, to: day });
  }
  return ranges.map(window).join(', ');
}

/** Account id to name, from the summary (snapshots kept before accounts were summarized have none: bare ids). */
export const summaryAccountNames = (s: SpendSummary): Record<string, string> =>
  Object.fromEntries((s.accounts ?? []).map((a) => [a.accountId, a.name]));

/** The notes as lines: estimated days first, then what could not be read. Plain text; escape for mrkdwn. */
export function noteLines(s: SpendSummary, notes: Note[]): string[] {
  const lines: string[] = [];
  if (s.estimatedDays.length) {
    lines.push(`Estimated by Cost Explorer (may still change): ${dayRanges(s.estimatedDays)}`);
  }
  const names = summaryAccountNames(s);
  for (const n of notes) lines.push(noteLine(n, names));
  return lines;
}

/** A note as a line: "denied: ce:GetCostAndUsage (us-east-1, 111111111111): AccessDenied". Plain text. */
export function noteLine(n: Note, names: Record<string, string> = {}): string {
  const account = n.accountId && accountLabel({ accountId: n.accountId, accountName: names[n.accountId] });
  const where = [n.region, account].filter(Boolean).join(', ');
  return `${n.kind}: ${n.source}${where ? ` (${where})` : ''}: ${n.message}`;
}
