/**
 * The digest's savings section: what the open findings would save a month in total, the top ones with dollars, owner
 * and reason, and what is new since yesterday (findings first seen on the as-of date). Every figure is a monthly
 * estimate whose method is in findings.csv.
 */
import type { Finding } from '../../domain/finding';
import { usd } from '../../domain/money';
import { rank } from '../../ledger/score';
import type { ActionsBlock } from '../blocks';
import { type DigestSection, plainEntry } from '../section';

/**
 * Findings that propose an action now: open and flagged. Anomalies have their own section: their figure is the
 * extra spend's run rate, not a saving anyone has found a way to make yet.
 */
const actionable = (f: Finding) =>
  f.state === 'open' && (f.status === 'alarm' || f.status === 'info') && f.source !== 'anomaly';

const line = (f: Finding) =>
  `${usd(f.monthlySavingsUsd)}/month · ${f.title} · ${f.resourceId} (${f.accountId}, ${f.region}) · owner ${f.owner ?? 'unknown'} · ${f.reason}`;

/** Monthly total where several findings on one resource are alternatives: each resource counts its largest. */
export function totalSavings(findings: readonly Finding[]): number {
  const best = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.accountId}|${f.region}|${f.resourceId}`;
    best.set(key, Math.max(best.get(key) ?? 0, f.monthlySavingsUsd));
  }
  return [...best.values()].reduce((a, b) => a + b, 0);
}

/** The savings section, or undefined when nothing is open. */
export function savingsSection(
  findings: readonly Finding[],
  asOf: string,
  actions?: (f: Finding) => ActionsBlock,
  limit = 5,
): DigestSection | undefined {
  const open = rank(findings.filter((f) => f.lastSeen === asOf && actionable(f)));
  if (open.length === 0) return undefined;
  const total = totalSavings(open);
  const fresh = open.filter((f) => f.firstSeen === asOf);
  const freshTotal = totalSavings(fresh);
  const top = open.slice(0, limit);
  const newOnes = fresh.filter((f) => !top.includes(f)).slice(0, Math.max(0, limit - 2));
  const blocks = [
    ...top.map((f) => ({ f, text: `${f.firstSeen === asOf ? 'NEW ' : ''}${line(f)}` })),
    ...newOnes.map((f) => ({ f, text: `NEW ${line(f)}` })),
  ].map(({ f, text }) => ({ entries: [plainEntry(text)], ...(actions ? { actions: actions(f) } : {}) }));
  const caption =
    `${usd(total)} a month across ${open.length} open findings; new since yesterday: ${fresh.length} (${usd(freshTotal)} a month). ` +
    'Estimates at list prices over 730 h unless a finding says otherwise, the largest per resource where findings are alternatives; all are in findings.csv.';
  return { id: 'savings', title: 'Savings waiting', caption, blocks };
}
