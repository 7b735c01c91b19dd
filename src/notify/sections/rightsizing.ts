/**
 * The digest's rightsizing section: the biggest sizing changes with their monthly dollars, whose figure it is (after
 * or before discounts, which source), and how many resources save nothing now because commitments cover them.
 */
import type { FindingDraft } from '../../domain/finding';
import { SAVINGS_METHODS } from '../../domain/finding';
import { usd } from '../../domain/money';
import type { DigestSection } from '../section';

/** Sizing actions: smaller, newer or cheaper configurations of a resource that stays. */
const SIZING = new Set(['rightsize', 'modernize']);

const covered = (d: FindingDraft) => (d.evidence.commitment as { covered?: boolean } | undefined)?.covered === true;

/** The top `limit` rightsizing findings by monthly saving; undefined when there is nothing to show. */
export function rightsizingSection(findings: readonly FindingDraft[], limit = 5): DigestSection | undefined {
  const sizing = findings.filter((d) => d.action !== undefined && SIZING.has(d.action));
  const open = sizing
    .filter((d) => d.status === 'alarm' && d.monthlySavingsUsd > 0)
    .sort((a, b) => b.monthlySavingsUsd - a.monthlySavingsUsd);
  const coveredCount = sizing.filter((d) => covered(d) && d.monthlySavingsUsd === 0).length;
  if (open.length === 0 && coveredCount === 0) return undefined;
  const total = open.reduce((s, d) => s + d.monthlySavingsUsd, 0);
  const blocks = open.slice(0, limit).map((d) => {
    const from = (d.sources ?? [d.source]).join(' + ');
    const how = `${SAVINGS_METHODS[d.savingsMethod]}; ${d.savingsBasis}`;
    const head = [{ strong: `${usd(d.monthlySavingsUsd)}/month` }, ` · ${d.title} · `, { code: d.resourceId }];
    return { entries: [{ lines: [[...head, ` (${d.accountId}, ${d.region})`], [`${from} · ${how}`]] }] };
  });
  const caption =
    `${open.length} rightsizing change(s) worth ${usd(total)} a month` +
    (open.length > limit ? ` (top ${limit} shown, all in findings.csv)` : '') +
    (coveredCount > 0
      ? `; ${coveredCount} more save $0 now because a Reserved Instance or Savings Plan covers them`
      : '') +
    '. Figures are after discounts where AWS gives them, else before, as each line says.';
  return { id: 'rightsizing', title: 'Rightsizing', caption, blocks };
}
