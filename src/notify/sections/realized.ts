/**
 * The digest's realized savings: what resolved and scheduled findings claimed and what the bill verified (ledger/realized.ts, the
 * figures Slack's status and run.json show too). One block holds the largest claims, one line each.
 */
import { window } from '../../domain/dates';
import { accountLabel, type Claim, type Finding } from '../../domain/finding';
import { usd } from '../../domain/money';
import { claimWindows, realizedSavings, VERIFY_METHOD } from '../../ledger/realized';
import type { DigestSection, Entry } from '../section';

/** One day, briefly: "Nov 30". */
const day = (d: string) => window({ from: d, to: d });

/** The bill's verdict on one claim, briefly. */
export function verdictOf(claim: Claim, settleDays: number): string {
  const v = claim.verified;
  if (!v) return `settling: checked from ${day(claimWindows(claim, settleDays).after.end)}`;
  return v.monthlyUsd === undefined ? v.method : `verified ${usd(v.monthlyUsd)} (${v.method})`;
}

const entry = (f: Finding & { claim: Claim }, settleDays: number): Entry => ({
  lines: [
    [
      { strong: `claimed ${usd(f.claim.claimedUsd)}/month` },
      ` · ${f.title} · `,
      { code: f.resourceId },
      ` (${accountLabel(f)}, ${f.region}) · ${f.claim.schedule ? 'scheduled' : 'resolved'} ${day(f.claim.resolvedOn)} · ${verdictOf(f.claim, settleDays)}`,
    ],
  ],
});

/** The realized-savings section, or undefined when no finding has claimed a saving. */
export function realizedSection(
  findings: readonly Finding[],
  settleDays: number,
  limit = 5,
): DigestSection | undefined {
  const r = realizedSavings(findings);
  if (r.claims === 0) return undefined;
  return {
    id: 'realized',
    title: 'Realized savings',
    caption:
      `Claimed ${usd(r.claimedUsd)} a month in ${r.claims} resolved or scheduled finding(s), verified ${usd(r.verifiedUsd)} against the bill ` +
      `(${r.checked} checked, ${r.settling} settling, ${r.uncheckable} not checkable). Claimed: a finding's estimate when a run ` +
      `read where it lived and found it gone or changed, or the hours a schedule stops its resource at list price; ${VERIFY_METHOD(settleDays)}.`,
    blocks: [{ entries: r.findings.slice(0, limit).map((f) => entry(f, settleDays)) }],
  };
}
