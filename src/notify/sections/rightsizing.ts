/**
 * The digest's rightsizing section: the biggest sizing changes with their monthly dollars, whose figure it is (after
 * or before discounts, which source), and how many resources save nothing now because commitments cover them.
 */
import { accountLabel, type Finding, isSizing, SAVINGS_METHODS } from '../../domain/finding';
import { usd } from '../../domain/money';
import { latestRun, savingsWaiting } from '../../ledger/savings';
import type { DigestSection } from '../section';

const covered = (d: Finding) => (d.evidence.commitment as { covered?: boolean } | undefined)?.covered === true;

/**
 * The top `limit` rightsizing findings by monthly saving; undefined when there is nothing to show. The total is
 * savings waiting (src/ledger/savings.ts) over sizing findings, as Slack's `rightsizing` shows it.
 */
export function rightsizingSection(findings: readonly Finding[], limit = 5): DigestSection | undefined {
  const asOf = latestRun(findings);
  const waiting = savingsWaiting(findings, isSizing, asOf);
  const open = [...waiting.findings].sort((a, b) => b.monthlySavingsUsd - a.monthlySavingsUsd);
  const coveredCount = findings.filter(
    (d) => isSizing(d) && d.lastSeen === asOf && covered(d) && d.monthlySavingsUsd === 0,
  ).length;
  if (open.length === 0 && coveredCount === 0) return undefined;
  const total = waiting.totalUsd;
  const blocks = open.slice(0, limit).map((d) => {
    const from = (d.sources ?? [d.source]).join(' + ');
    const how = `${SAVINGS_METHODS[d.savingsMethod]}; ${d.savingsBasis}`;
    const head = [{ strong: `${usd(d.monthlySavingsUsd)}/month` }, ` · ${d.title} · `, { code: d.resourceId }];
    return { entries: [{ lines: [[...head, ` (${accountLabel(d)}, ${d.region})`], [`${from} · ${how}`]] }] };
  });
  const caption =
    `${open.length} rightsizing change(s) worth ${usd(total)} a month` +
    (open.length > limit ? ` (top ${limit} shown, all in findings.csv)` : '') +
    (coveredCount > 0
      ? `; ${coveredCount} more save $0 now because a Reserved Instance or Savings Plan covers them`
      : '') +
    '. Figures are after discounts where AWS gives them, else before, as each line says; the total counts the largest per resource where changes are alternatives.';
  return { id: 'rightsizing', title: 'Rightsizing', caption, blocks, list: true };
}
