/**
 * What the weekly and month-close reports share: the report as data (sections on the digest's one model, notes and
 * a CSV of every figure), the lines a period comparison reads as, and the CSV's rows. Rendered to Block Kit by
 * digest.ts (buildReportDigest) and to text by text.ts (renderReportText), as the daily digest is.
 */
import type { PeriodLine, PeriodSpend } from '../../analyze/periods';
import type { Comparison } from '../../analyze/summary';
import { window } from '../../domain/dates';
import { accountLabel, type Finding } from '../../domain/finding';
import { usd } from '../../domain/money';
import type { Claimed } from '../../ledger/realized';
import { csvCell } from '../csv';
import { change } from '../format';
import type { DigestSection, Entry, Span } from '../section';

export const REPORT_KINDS = ['weekly', 'month-close'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Report {
  kind: ReportKind;
  /** The period: the week's Monday (YYYY-MM-DD) or the month (YYYY-MM); the outbox keys the post by it. */
  period: string;
  title: string;
  sample: boolean;
  sections: DigestSection[];
  /** Plain lines: the days still Estimated, what the report could not read. */
  notes: string[];
  /** Every figure of the report, one row each (reportCsv). */
  csv: string;
}

/** "+$12.00 (+4.0%) vs $300.00 Nov 16–22", or why there is no comparison. */
export function versus(c: Comparison): string {
  if (!c.reference || c.changeUsd === undefined) return c.missing ?? 'no comparison';
  return `${change(c.changeUsd, c.changePct)} vs ${usd(c.reference.usd)} ${window(c.reference)}`;
}

/** One service, account or team as an entry: its amount, its name and its change. */
export const lineEntry = (l: PeriodLine, name = l.name): Entry => ({
  lines: [[{ strong: l.current ? usd(l.current.usd) : 'n/a' }, ` ${name || 'untagged'} · ${versus(l)}`]],
});

/** The largest `limit` lines as entries, and what the rest add up to in one more. */
export function topEntries(lines: readonly PeriodLine[], limit: number, name?: (l: PeriodLine) => string): Entry[] {
  const rest = lines.slice(limit);
  const restUsd = rest.reduce((s, l) => s + (l.current?.usd ?? 0), 0);
  return [
    ...lines.slice(0, limit).map((l) => lineEntry(l, name?.(l))),
    ...(rest.length ? [{ lines: [[`…and ${rest.length} more: ${usd(restUsd)} (all in the CSV)`]] }] : []),
  ];
}

/** The period's headline: total, and usage and fees apart where monthly fees fall in either side. */
export function totalEntries(p: PeriodSpend, what: string): Entry[] {
  const head: Span[] = [
    { strong: p.total.current ? usd(p.total.current.usd) : 'n/a' },
    ` ${what} · ${versus(p.total)}`,
  ];
  if (!p.fees) return [{ lines: [head] }];
  const { usage, fees } = p.fees;
  return [
    { lines: [head] },
    { lines: [[`usage ${usage.current ? usd(usage.current.usd) : 'n/a'} · ${versus(usage)}`]] },
    {
      lines: [
        [`monthly fees ${fees.current ? usd(fees.current.usd) : 'n/a'} · ${versus(fees)} (support, tax, plan fees)`],
      ],
    },
  ];
}

/** A finding found in the period, briefly. */
export const foundEntry = (f: Finding): Entry => ({
  lines: [
    [
      { strong: `${usd(f.monthlySavingsUsd)}/month` },
      ` · ${f.title} · `,
      { code: f.resourceId },
      ` (${accountLabel(f)}, ${f.region}) · now ${f.state}`,
    ],
  ],
});

/** One row of a report's CSV: what, which days, how much, against what. Dollars to the cent. */
export interface CsvRow {
  section: string;
  key: string;
  name: string;
  from?: string;
  to?: string;
  usd?: number;
  referenceFrom?: string;
  referenceTo?: string;
  referenceUsd?: number;
  changeUsd?: number;
  /** Percent. */
  changePct?: number;
  budgetUsd?: number;
  detail?: string;
}

const CSV_COLUMNS = [
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
] as const satisfies readonly (keyof CsvRow)[];

const MONEY: readonly (keyof CsvRow)[] = ['usd', 'referenceUsd', 'changeUsd', 'budgetUsd', 'changePct'];

/** A comparison as a row: its days and amount, the reference's, the change; `detail` the basis or what is missing. */
export const comparisonRow = (section: string, key: string, name: string, c: Comparison): CsvRow => ({
  section,
  key,
  name,
  ...(c.current ? { from: c.current.from, to: c.current.to, usd: c.current.usd } : {}),
  ...(c.reference
    ? { referenceFrom: c.reference.from, referenceTo: c.reference.to, referenceUsd: c.reference.usd }
    : {}),
  ...(c.changeUsd === undefined ? {} : { changeUsd: c.changeUsd }),
  ...(c.changePct === undefined ? {} : { changePct: c.changePct * 100 }),
  detail: c.missing ?? c.current?.basis ?? '',
});

/** A period's spend as rows: total, usage and fees, then every service, account and tag value. */
export function spendRows(p: PeriodSpend, accountNames: (l: PeriodLine) => string = (l) => l.name): CsvRow[] {
  return [
    comparisonRow('total', 'total', 'all spend', p.total),
    ...(p.fees
      ? [
          comparisonRow('total', 'usage', 'usage (total less monthly fees)', p.fees.usage),
          comparisonRow('total', 'fees', 'monthly fees', p.fees.fees),
        ]
      : []),
    ...p.services.map((l) => comparisonRow('service', l.key, l.name, l)),
    ...p.accounts.map((l) => comparisonRow('account', l.key, accountNames(l), l)),
    ...(p.tags?.lines ?? []).map((l) => comparisonRow(`tag:${p.tags?.key}`, l.key, l.key || 'untagged', l)),
  ];
}

/** Claims as rows: resolved ones with what they claimed, checked ones with what the bill verified. */
export const claimRows = (section: 'resolved' | 'verified', claims: readonly Claimed[]): CsvRow[] =>
  claims.map((f) => ({
    section,
    key: f.id,
    name: `${f.title} ${f.resourceId} (${accountLabel(f)}, ${f.region})`,
    ...(section === 'resolved'
      ? { from: f.claim.resolvedOn, to: f.claim.resolvedOn, usd: f.claim.claimedUsd, detail: 'claimed, USD a month' }
      : {
          from: f.claim.verified?.on,
          to: f.claim.verified?.on,
          ...(f.claim.verified?.monthlyUsd === undefined ? {} : { usd: f.claim.verified.monthlyUsd }),
          detail: f.claim.verified?.method,
        }),
  }));

/** The rows as RFC 4180 CSV with a header; dollars and percentages to two decimals. */
export function reportCsv(rows: readonly CsvRow[]): string {
  const cell = (r: CsvRow, c: keyof CsvRow) => {
    const v = r[c];
    return csvCell(typeof v === 'number' && MONEY.includes(c) ? v.toFixed(2) : v);
  };
  return `${[CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r, c)).join(','))].join('\n')}\n`;
}
