/**
 * The weekly report: last week (Monday to Sunday) against the week before, the top services and movers, and the
 * savings found, acted on and realized over the week, with what is waiting now. Every figure is computed once
 * elsewhere (analyze/periods.ts, ledger/activity.ts, ledger/savings.ts, ledger/realized.ts); this file lays them out.
 */
import type { WeekSpend } from '../../analyze/periods';
import { window } from '../../domain/dates';
import { accountLabel } from '../../domain/finding';
import { usd } from '../../domain/money';
import type { Activity } from '../../ledger/activity';
import type { RealizedSavings } from '../../ledger/realized';
import type { SavingsWaiting } from '../../ledger/savings';
import { SAMPLE_BANNER } from '../digest';
import { moverLine } from '../format';
import { type DigestSection, type Entry, plainEntry } from '../section';
import {
  type CsvRow,
  claimRows,
  foundEntry,
  type Report,
  reportCsv,
  spendRows,
  topEntries,
  totalEntries,
} from './report';

export interface WeeklyInput {
  sample: boolean;
  week: WeekSpend;
  activity: Activity;
  /** Savings waiting as of the latest run, the daily digest's figure. */
  waiting: SavingsWaiting;
  /** Realized savings to date. */
  realized: RealizedSavings;
}

/** Services listed in the report; the CSV has all. */
const TOP = 5;

function spendSection(w: WeekSpend): DigestSection {
  const estimated = w.estimatedDays.length
    ? ` Cost Explorer still marks ${window({ from: w.estimatedDays[0] ?? '', to: w.estimatedDays.at(-1) ?? '' })} Estimated.`
    : '';
  return {
    id: 'week',
    title: `The week: ${window(w.current)} against ${window(w.previous)}`,
    caption: `${w.basis}, inclusive UTC days, Monday to Sunday.${estimated}`,
    blocks: [
      { entries: totalEntries(w, 'spent') },
      { entries: [plainEntry('Top services this week'), ...topEntries(w.services, TOP)] },
    ],
  };
}

function moversSection(w: WeekSpend): DigestSection {
  const { services, accounts, missing } = w.movers;
  const list = (title: string, movers: typeof services): Entry[] =>
    movers.length ? [plainEntry(title), ...movers.map((m) => plainEntry(`• ${moverLine(m)}`))] : [];
  const entries = [...list('Services', services), ...list('Accounts', accounts)];
  return {
    id: 'week-movers',
    title: 'Top movers',
    caption: `What moved most, ${window(w.current)} against ${window(w.previous)}, by at least $1; ${w.basis}.`,
    blocks: [{ entries: entries.length ? entries : [plainEntry(missing ?? 'nothing moved by $1 or more')] }],
  };
}

/** "2 acknowledged, 1 kept": people's changes by the state they set. */
function byState(a: Activity): string {
  const counts = new Map<string, number>();
  for (const { change } of a.acted.changes) counts.set(change.state, (counts.get(change.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
}

function savingsSection(input: WeeklyInput): DigestSection {
  const { activity: a, waiting, realized } = input;
  const runs = window(a.runs);
  const found = a.found.findings;
  const acted = a.acted.findings ? `${a.acted.findings} finding(s) by people (${byState(a)})` : 'none by people';
  return {
    id: 'week-savings',
    title: 'Savings: found, acted on, realized',
    caption:
      `Found: flagged findings with a saving first seen by the runs of ${runs} (each reads the bill to the day before), ` +
      'the largest per resource, at their estimates (USD a month). Acted on: state changes people made ' +
      `${window(a.period)} (UTC), and findings the runs read gone or changed (resolved, claiming their estimate). ` +
      'Realized: claims checked against the bill by those runs. Waiting: the daily digest\'s "savings waiting".',
    blocks: [
      {
        entries: [
          { lines: [[{ strong: `Found ${usd(a.found.totalUsd)} a month` }, ` in ${found.length} finding(s)`]] },
          ...found.slice(0, TOP).map(foundEntry),
        ],
      },
      {
        entries: [
          { lines: [[{ strong: 'Acted on' }, `: ${acted}`]] },
          {
            lines: [
              [
                `${a.resolved.claims.length} resolved (the resource gone or changed), claiming ${usd(a.resolved.claimedUsd)} a month`,
              ],
            ],
          },
        ],
      },
      {
        entries: [
          {
            lines: [
              [
                { strong: `Realized ${usd(a.verified.verifiedUsd)} a month` },
                ` verified against the bill in ${a.verified.checked} of ${a.verified.claims.length} claim(s) checked this week`,
              ],
            ],
          },
          plainEntry(
            `To date: claimed ${usd(realized.claimedUsd)} a month in ${realized.claims} claim(s), verified ${usd(realized.verifiedUsd)} (${realized.settling} settling)`,
          ),
          plainEntry(`Waiting now: ${usd(waiting.totalUsd)} a month in ${waiting.findings.length} open finding(s)`),
        ],
      },
    ],
  };
}

/** Every figure of the week as CSV rows. */
function weeklyRows(input: WeeklyInput): CsvRow[] {
  const { week, activity: a, waiting } = input;
  const names = (l: { key: string; name: string }) => accountLabel({ accountId: l.key, accountName: l.name });
  return [
    ...spendRows(week, names),
    ...[...week.movers.services, ...week.movers.accounts].map((m) => ({
      section: `mover:${m.kind}`,
      key: m.key,
      name: m.name,
      ...week.current,
      usd: m.currentUsd,
      referenceFrom: week.previous.from,
      referenceTo: week.previous.to,
      referenceUsd: m.previousUsd,
      changeUsd: m.changeUsd,
      ...(m.changePct === undefined ? {} : { changePct: m.changePct * 100 }),
      detail: week.basis,
    })),
    ...a.found.findings.map((f) => ({
      section: 'found',
      key: f.id,
      name: `${f.title} ${f.resourceId} (${accountLabel(f)}, ${f.region})`,
      from: f.firstSeen,
      to: f.firstSeen,
      usd: f.monthlySavingsUsd,
      detail: `USD a month, ${f.savingsMethod}: ${f.savingsBasis}; state ${f.state}`,
    })),
    ...a.acted.changes.map(({ finding: f, change }) => ({
      section: 'acted',
      key: f.id,
      name: `${f.title} ${f.resourceId} (${accountLabel(f)}, ${f.region})`,
      from: change.at.slice(0, 10),
      to: change.at.slice(0, 10),
      detail: `${change.state} by ${change.by}${change.reason ? `: ${change.reason}` : ''}`,
    })),
    ...claimRows('resolved', a.resolved.claims),
    ...claimRows('verified', a.verified.claims),
    {
      section: 'waiting',
      key: 'savings-waiting',
      name: `savings waiting, ${waiting.findings.length} open finding(s)`,
      usd: waiting.totalUsd,
      detail: 'USD a month, as of the latest run',
    },
  ];
}

/** The weekly report of `week`, keyed by its Monday. */
export function weeklyReport(input: WeeklyInput): Report {
  const { week } = input;
  const title = `Weekly cost report, ${window(week.current)}${input.sample ? ` · ${SAMPLE_BANNER}` : ''}`;
  return {
    kind: 'weekly',
    period: week.current.from,
    title,
    sample: input.sample,
    sections: [spendSection(week), moversSection(week), savingsSection(input)],
    notes: [],
    csv: reportCsv(weeklyRows(input)),
  };
}
