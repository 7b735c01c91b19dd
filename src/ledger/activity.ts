/**
 * What happened to the findings over a period, for the weekly and month-close reports: savings found, acted on and
 * realized. A run on as-of day X reads the bill up to X-1, so what it observes (a finding first seen, a finding found
 * gone, a claim checked against the bill) belongs to day X-1: the runs of a period are the day after each of its
 * days. A person's state change belongs to the UTC day it was made. So consecutive periods count nothing twice and
 * drop nothing between them.
 */
import { addDays } from '../domain/dates';
import type { Finding, StateChange } from '../domain/finding';
import { roundCents } from '../domain/money';
import { SYSTEM } from './ledger';
import { type Claimed, realizedSavings } from './realized';
import { largestPerResource } from './savings';
import { rank } from './score';

/** Inclusive UTC days. */
export interface Period {
  from: string;
  to: string;
}

export interface Activity {
  period: Period;
  /** The as-of days of the runs whose observations fall in the period: each of its days plus one. */
  runs: Period;
  /**
   * Findings first seen by those runs with a dollar saving (flagged, never an anomaly), the largest per resource
   * where findings are alternatives, in rank order; their estimates as USD a month, whatever their state now.
   */
  found: { findings: Finding[]; totalUsd: number };
  /** State changes people made in the period (acknowledged, snoozed, kept, ...), and on how many findings. */
  acted: { findings: number; changes: { finding: Finding; change: StateChange }[] };
  /** Claims made by the runs: findings whose resource was read gone or changed, each claiming its estimate. */
  resolved: { claims: Claimed[]; claimedUsd: number };
  /** Claims the runs checked against the bill: the dollars verified, and how many could be checked at all. */
  verified: { claims: Claimed[]; verifiedUsd: number; checked: number };
}

const within = (day: string, p: Period) => day >= p.from && day <= p.to;

/** What the findings' history says happened over `period`. */
export function activityOf(findings: readonly Finding[], period: Period): Activity {
  const runs = { from: addDays(period.from, 1), to: addDays(period.to, 1) };
  const found = largestPerResource(
    findings.filter(
      (f) =>
        within(f.firstSeen, runs) &&
        f.source !== 'anomaly' &&
        (f.status === 'alarm' || f.status === 'info') &&
        f.monthlySavingsUsd > 0,
    ),
  );
  const changes = findings.flatMap((finding) =>
    finding.history
      .filter((change) => change.by !== SYSTEM && within(change.at.slice(0, 10), period))
      .map((change) => ({ finding, change })),
  );
  const claims = realizedSavings(findings).findings;
  const resolved = claims.filter((f) => within(f.claim.resolvedOn, runs));
  const verified = claims.filter((f) => f.claim.verified && within(f.claim.verified.on, runs));
  const checked = verified.filter((f) => f.claim.verified?.monthlyUsd !== undefined);
  return {
    period,
    runs,
    found: { findings: rank(found), totalUsd: roundCents(found.reduce((s, f) => s + f.monthlySavingsUsd, 0)) },
    acted: { findings: new Set(changes.map((c) => c.finding.id)).size, changes },
    resolved: { claims: resolved, claimedUsd: roundCents(resolved.reduce((s, f) => s + f.claim.claimedUsd, 0)) },
    verified: {
      claims: verified,
      verifiedUsd: roundCents(checked.reduce((s, f) => s + (f.claim.verified?.monthlyUsd ?? 0), 0)),
      checked: checked.length,
    },
  };
}
