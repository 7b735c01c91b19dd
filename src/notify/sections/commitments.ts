/**
 * The digest's commitments section: Savings Plans and Reserved Instance coverage and utilization, reservations about
 * to expire, and the purchase recommendations with their savings and break-even.
 */

import { summarizeCommitments } from '../../analyze/recommend/commitments';
import type { CommitmentData } from '../../collect/commitments';
import type { FindingDraft } from '../../domain/finding';
import { usd } from '../../domain/money';
import { type DigestSection, plainEntry } from '../section';

const pct = (n: number | undefined) => (n === undefined ? 'not read' : `${n.toFixed(1)}%`);

/** Coverage and utilization, then the top `limit` expiring reservations and purchase recommendations from the findings. */
export function commitmentsSection(
  data: CommitmentData | undefined,
  findings: readonly FindingDraft[],
  limit = 5,
): DigestSection | undefined {
  if (!data) return undefined;
  const s = summarizeCommitments(data);
  const lines = [
    `Savings Plans: coverage ${pct(s.spCoveragePct)}, utilization ${pct(s.spUtilizationPct)} (7-day mean)${s.spLastDay ? `, ${pct(s.spLastDay.utilizationPct)} on ${s.spLastDay.date}` : ''}`,
    `Reserved Instances: coverage ${pct(s.riCoveragePct)}, utilization ${pct(s.riUtilizationPct)} (7-day mean)${s.riLastDay ? `, ${pct(s.riLastDay.utilizationPct)} on ${s.riLastDay.date}` : ''}`,
  ];
  const commitmentFindings = findings
    // Purchases whoever recommends them: Cost Explorer's, or the Hub's where the Hub stands for it.
    .filter((d) => d.source === 'commitments' || d.action === 'purchase')
    .filter((d) => d.status === 'alarm' || d.status === 'info')
    .sort((a, b) => b.monthlySavingsUsd - a.monthlySavingsUsd);
  const findingBlocks = commitmentFindings.slice(0, limit).map((d) => ({
    entries: [
      plainEntry(
        d.monthlySavingsUsd > 0 ? `${usd(d.monthlySavingsUsd)}/month · ${d.reason}` : `${d.title} · ${d.reason}`,
      ),
    ],
  }));
  // Coverage and utilization share one block, so the figures never cost the digest more than one.
  const blocks = [{ entries: lines.map(plainEntry) }, ...findingBlocks];
  const read = [data.spCoverage?.fetchedOn, data.riCoverage?.fetchedOn].filter(Boolean);
  const more = commitmentFindings.length > limit ? ` ${commitmentFindings.length - limit} more in findings.csv.` : '';
  const caption = `Coverage over the 30 days before it was read${read.length ? ` (${[...new Set(read)].join(', ')})` : ''}; utilization daily from Cost Explorer.${more}`;
  return { id: 'commitments', title: 'Commitments', caption, blocks };
}
