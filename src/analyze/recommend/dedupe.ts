/**
 * One finding per resource and action, whatever proposed it (own rules, Compute Optimizer, Cost Optimization Hub,
 * Trusted Advisor, Cost Explorer). The figure kept is the most trustworthy one, in this order:
 *   1. Compute Optimizer after discounts (measured usage, your prices)
 *   2. Cost Optimization Hub (after discounts unless the Hub is set otherwise)
 *   3. Cost Explorer recommendation
 *   4. Compute Optimizer before discounts and Trusted Advisor (public On-Demand prices)
 *   5. the bundled price table, then the price table scaled to another region
 *   6. anything else; a draft with no figure (savingsMethod 'none') never wins over one with a figure.
 * Every source's evidence is kept, keyed by source (`rule:<id>` for rules), and `sources` lists them; the usage
 * types the action changes (what checking a claim measures) come from whichever source priced it from unit prices.
 */

import { CONFIDENCES, type Confidence, type FindingDraft, SAVINGS_METHODS, SEVERITIES } from '../../domain/finding';
import { usdCents } from '../../domain/money';

/** Lower is more trustworthy; see the order above. */
export function trustRank(d: FindingDraft): number {
  const own = keyedEvidence(d)[evidenceKey(d)] as { afterDiscounts?: boolean } | undefined;
  switch (d.savingsMethod) {
    case 'compute-optimizer':
      return own?.afterDiscounts ? 1 : 4;
    case 'cost-optimization-hub':
      return 2;
    case 'cost-explorer-recommendation':
      return 3;
    case 'trusted-advisor':
      return 4;
    case 'price-table':
      return 5;
    case 'price-table-approx':
      return 6;
    case 'none':
      return 99;
    default:
      return 7;
  }
}

const evidenceKey = (d: FindingDraft): string => (d.source === 'rule' ? `rule:${d.ruleId}` : d.source);

/** A draft's evidence keyed by source: ingested drafts already are; a rule's flat evidence goes under its key. */
function keyedEvidence(d: FindingDraft): Record<string, unknown> {
  if (d.sources) return d.evidence;
  const key = evidenceKey(d);
  const keys = Object.keys(d.evidence);
  return keys.length === 1 && keys[0] === key ? d.evidence : { [key]: d.evidence };
}

const groupKey = (d: FindingDraft): string =>
  [d.accountId, d.region, d.resourceId, d.action ?? `rule:${d.ruleId}`].join('|');

const raise = (c: Confidence): Confidence => CONFIDENCES[Math.max(0, CONFIDENCES.indexOf(c) - 1)] ?? c;

/** Merge drafts that propose the same action for the same resource. Order of first appearance is kept. */
export function dedupe(drafts: FindingDraft[]): FindingDraft[] {
  const groups = new Map<string, FindingDraft[]>();
  for (const d of drafts) {
    const key = groupKey(d);
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.values()].map(merge);
}

function merge(group: FindingDraft[]): FindingDraft {
  const ranked = [...group].sort((a, b) => trustRank(a) - trustRank(b) || b.monthlySavingsUsd - a.monthlySavingsUsd);
  const winner = ranked[0] as FindingDraft;
  const sources = [...new Set(ranked.flatMap((d) => d.sources ?? [d.source]))];
  if (group.length === 1 && winner.sources) return winner;
  const others = ranked.slice(1);
  const also = others.map(
    (o) =>
      `${o.source === 'rule' ? `rule ${o.ruleId}` : o.source} ${o.savingsMethod === 'none' ? 'no figure' : `${usdCents(o.monthlySavingsUsd)} (${SAVINGS_METHODS[o.savingsMethod]})`}`,
  );
  const severity = SEVERITIES[Math.min(...group.map((d) => SEVERITIES.indexOf(d.severity)))] ?? winner.severity;
  const owner = winner.owner ?? group.find((d) => d.owner)?.owner;
  // The same action on the same resource changes the same lines of the bill, whoever priced it.
  const usageTypes = winner.usageTypes ?? group.find((d) => d.usageTypes)?.usageTypes;
  return {
    ...winner,
    sources,
    severity,
    ...(owner ? { owner } : {}),
    ...(usageTypes ? { usageTypes } : {}),
    // Two independent sources agreeing on the same action make it surer.
    confidence: sources.length > 1 ? raise(winner.confidence) : winner.confidence,
    reason: also.length > 0 ? `${winner.reason} Also proposed by ${also.join('; ')}.` : winner.reason,
    evidence: Object.assign({}, ...ranked.reverse().map(keyedEvidence)),
  };
}
