/**
 * The month-close report, posted once on the first working day Cost Explorer has settled the month: the month's spend
 * by account, service and team against the month before and against the teams' budgets, Savings Plans and Reserved
 * Instance coverage and utilization over the month, and the savings realized. Figures come from analyze/periods.ts,
 * analyze/budgets.ts, analyze/recommend/commitments.ts and ledger/activity.ts; this file lays them out.
 */
import type { TeamMonth } from '../../analyze/budgets';
import type { PeriodSpend } from '../../analyze/periods';
import type { MonthCommitment } from '../../analyze/recommend/commitments';
import { monthName } from '../../domain/dates';
import { accountLabel } from '../../domain/finding';
import { percentOf, usd } from '../../domain/money';
import type { Activity } from '../../ledger/activity';
import type { RealizedSavings } from '../../ledger/realized';
import { SAMPLE_BANNER } from '../digest';
import { type DigestSection, type Entry, plainEntry } from '../section';
import {
  type CsvRow,
  claimRows,
  lineEntry,
  type Report,
  reportCsv,
  spendRows,
  topEntries,
  totalEntries,
} from './report';

export interface MonthCloseInput {
  sample: boolean;
  /** YYYY-MM. */
  month: string;
  /** The run that found it settled. */
  asOf: string;
  spend: PeriodSpend;
  teams: TeamMonth[];
  /** The month's own coverage and utilization, or why they are missing. */
  commitments: { sp: MonthCommitment; ri: MonthCommitment } | string;
  activity: Activity;
  realized: RealizedSavings;
  /** What the month's reads could not get (run notes), as lines. */
  notes: string[];
}

/** Accounts and services listed; the CSV has all. */
const TOP = 10;

const accountName = (l: { key: string; name: string }) => accountLabel({ accountId: l.key, accountName: l.name });

function spendSections(input: MonthCloseInput): DigestSection[] {
  const { spend: p, month } = input;
  const name = monthName(month);
  const previous = monthName(p.previous.from.slice(0, 7));
  const caption = `${p.basis}, ${name} against ${previous}, whole months (UTC).`;
  return [
    {
      id: 'month',
      title: `${name}, closed`,
      caption: `${caption} Settled: the ${input.asOf} run found no day of ${name} marked Estimated by Cost Explorer.`,
      blocks: [{ entries: totalEntries(p, `spent in ${name}`) }],
    },
    {
      id: 'month-accounts',
      title: 'By account',
      caption,
      blocks: [{ entries: topEntries(p.accounts, TOP, accountName) }],
    },
    { id: 'month-services', title: 'By service', caption, blocks: [{ entries: topEntries(p.services, TOP) }] },
  ];
}

/** A team against its budget's limit: "$1,200 of $1,000 (120%) — over by $200 (AWS Budgets "erp-core")". */
function teamEntry(t: TeamMonth): Entry {
  const entry = lineEntry(t.line);
  if (!t.budget) return { lines: [[...(entry.lines[0] ?? []), ' · no monthly budget']] };
  const spent = t.line.current?.usd ?? 0;
  const over = t.status === 'over' ? ` — over by ${usd(spent - t.budget.limitUsd)}` : '';
  const of = ` · ${percentOf(spent / t.budget.limitUsd)} of its ${usd(t.budget.limitUsd)} budget${over} (AWS Budgets "${t.budget.name}")`;
  return { lines: [[...(entry.lines[0] ?? []), of]] };
}

function teamsSection(input: MonthCloseInput): DigestSection | undefined {
  const tags = input.spend.tags;
  if (!tags) return undefined;
  const untagged = tags.lines.find((l) => l.key === '');
  return {
    id: 'month-teams',
    title: `By team (tag "${tags.key}")`,
    caption:
      `${input.spend.basis} of the month against the month before, and against the limit of the team's monthly cost ` +
      'budget as AWS Budgets gives it today (a limit planned to change by month shows the current one).',
    blocks: [{ entries: [...input.teams.map(teamEntry), ...(untagged ? [lineEntry(untagged, 'untagged')] : [])] }],
  };
}

const pct = (n: number | undefined) => (n === undefined ? 'not read' : `${n.toFixed(1)}%`);

function commitmentsSection(input: MonthCloseInput): DigestSection {
  const c = input.commitments;
  const line = (what: string, m: MonthCommitment) =>
    plainEntry(
      `${what}: coverage ${pct(m.coveragePct)}, utilization ${pct(m.utilizationPct)} (mean of ${m.days} days), ` +
        `${usd(m.unusedUsd)} of commitment unused`,
    );
  return {
    id: 'month-commitments',
    title: 'Commitments',
    caption: `Cost Explorer coverage and daily utilization over ${monthName(input.month)}, read once for this report.`,
    blocks: [
      {
        entries:
          typeof c === 'string' ? [plainEntry(c)] : [line('Savings Plans', c.sp), line('Reserved Instances', c.ri)],
      },
    ],
  };
}

function realizedSection(input: MonthCloseInput): DigestSection {
  const { activity: a, realized: r } = input;
  return {
    id: 'month-realized',
    title: 'Savings realized',
    caption:
      `The runs of the month (as-of ${a.runs.from} to ${a.runs.to}): findings read gone or changed claim their ` +
      'estimate (USD a month); claims are checked against the bill once their settling days are over.',
    blocks: [
      {
        entries: [
          plainEntry(`Resolved: ${a.resolved.claims.length} claim(s), ${usd(a.resolved.claimedUsd)} a month`),
          plainEntry(
            `Verified against the bill: ${usd(a.verified.verifiedUsd)} a month in ${a.verified.checked} of ${a.verified.claims.length} claim(s) checked`,
          ),
          plainEntry(
            `To date: claimed ${usd(r.claimedUsd)} a month in ${r.claims} claim(s), verified ${usd(r.verifiedUsd)} (${r.settling} settling)`,
          ),
        ],
      },
    ],
  };
}

function monthRows(input: MonthCloseInput): CsvRow[] {
  const { spend, teams, commitments: c, activity: a } = input;
  const budgetRows: CsvRow[] = teams.map((t) => ({
    section: 'budget',
    key: t.line.key,
    name: t.line.name,
    ...(t.line.current ? { from: t.line.current.from, to: t.line.current.to, usd: t.line.current.usd } : {}),
    ...(t.budget ? { budgetUsd: t.budget.limitUsd } : {}),
    detail: t.budget ? `${t.status}; AWS Budgets "${t.budget.name}"` : 'no monthly budget',
  }));
  const commitmentRows: CsvRow[] =
    typeof c === 'string'
      ? []
      : (
          [
            ['savings-plans', 'Savings Plans', c.sp],
            ['reserved-instances', 'Reserved Instances', c.ri],
          ] as const
        ).map(([key, name, m]) => ({
          section: 'commitment',
          key,
          name,
          ...spend.current,
          usd: m.unusedUsd,
          detail: `unused commitment USD; coverage ${pct(m.coveragePct)}, utilization ${pct(m.utilizationPct)} (mean of ${m.days} days)`,
        }));
  return [
    ...spendRows(spend, accountName),
    ...budgetRows,
    ...commitmentRows,
    ...claimRows('resolved', a.resolved.claims),
    ...claimRows('verified', a.verified.claims),
  ];
}

/** The month-close report of `month`, keyed by it. */
export function monthCloseReport(input: MonthCloseInput): Report {
  const teams = teamsSection(input);
  return {
    kind: 'month-close',
    period: input.month,
    title: `Month close: ${monthName(input.month)}${input.sample ? ` · ${SAMPLE_BANNER}` : ''}`,
    sample: input.sample,
    sections: [...spendSections(input), ...(teams ? [teams] : []), commitmentsSection(input), realizedSection(input)],
    notes: input.notes,
    csv: reportCsv(monthRows(input)),
  };
}
