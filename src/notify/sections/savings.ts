/**
 * The digest's savings section: savings waiting (src/ledger/savings.ts, the figure Slack and status show too), the top
 * findings with dollars, owner and reason, and what is new since yesterday (findings first seen on the as-of date).
 * Every figure is a monthly estimate whose method is in findings.csv.
 */
import { accountLabel, type Finding } from '../../domain/finding';
import { usd } from '../../domain/money';
import { savingsWaiting } from '../../ledger/savings';
import type { ActionsBlock } from '../blocks';
import { type DigestSection, plainEntry } from '../section';

const line = (f: Finding) =>
  `${usd(f.monthlySavingsUsd)}/month · ${f.title} · ${f.resourceId} (${accountLabel(f)}, ${f.region}) · owner ${f.owner ?? 'unknown'} · ${f.reason}`;

/** The savings section, or undefined when nothing is open. */
export function savingsSection(
  findings: readonly Finding[],
  asOf: string,
  actions?: (f: Finding) => ActionsBlock,
  limit = 5,
): DigestSection | undefined {
  const { findings: open, totalUsd: total } = savingsWaiting(findings, undefined, asOf);
  if (open.length === 0) return undefined;
  const isNew = (f: Finding) => f.firstSeen === asOf;
  const { findings: fresh, totalUsd: freshTotal } = savingsWaiting(findings, isNew, asOf);
  const top = open.slice(0, limit);
  const newOnes = fresh.filter((f) => !top.includes(f)).slice(0, Math.max(0, limit - 2));
  const blocks = [
    ...top.map((f) => ({ f, text: `${f.firstSeen === asOf ? 'NEW ' : ''}${line(f)}` })),
    ...newOnes.map((f) => ({ f, text: `NEW ${line(f)}` })),
  ].map(({ f, text }) => ({ entries: [plainEntry(text)], ...(actions ? { actions: actions(f) } : {}) }));
  const caption =
    `${usd(total)} a month across ${open.length} open findings; new since yesterday: ${fresh.length} (${usd(freshTotal)} a month). ` +
    'Estimates at list prices over 730 h unless a finding says otherwise, the largest per resource where findings are alternatives; all are in findings.csv.';
  return { id: 'savings', title: 'Savings waiting', caption, blocks, list: true };
}
