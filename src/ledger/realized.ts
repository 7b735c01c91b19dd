/**
 * Realized savings: what resolving findings claimed, and what the bill showed once the claims settled.
 *
 * A claim is made when a run reads where an alarm finding lived and finds it gone or changed (ledger.ts), or when a
 * schedule starts to stop a finding's resource outside working hours (its off hours at the resource's price). After the
 * settling days, one Cost Explorer request (collect/billed.ts) reads the daily cost of every due claim's usage types in
 * its account; a claim is verified by the drop in their mean daily cost, the settling days before the last run that
 * saw it against the settling days after the first that did not (the day between is left out: the change happened
 * in it), as USD a month. Claims on the same account, region, days and usage types share one drop, in proportion to
 * what they claimed; each is capped at its claim. Any other change to those usage types in those days counts too:
 * the verdict says what it measured.
 */
import type { Billed, BilledRequest } from '../collect/billed';
import { addDays, daysBetween, laterDay, window } from '../domain/dates';
import type { Claim, Finding, Verification } from '../domain/finding';
import { DAYS_PER_MONTH, roundCents, usdCents } from '../domain/money';
import { billedUsageTypes } from '../pricing/usage-types';

/** The days a claim is measured over: [start, end), end exclusive as Cost Explorer's TimePeriod. */
export interface Window {
  start: string;
  end: string;
}

export const claimWindows = (claim: Claim, settleDays: number): { before: Window; after: Window } => ({
  before: { start: addDays(claim.lastSeen, -settleDays), end: claim.lastSeen },
  after: { start: addDays(claim.resolvedOn, 1), end: addDays(claim.resolvedOn, 1 + settleDays) },
});

/** A resolved finding with its claim, or a scheduled one with its schedule's. */
export type Claimed = Finding & { claim: Claim };
const hasClaim = (f: Finding): f is Claimed =>
  (f.state === 'resolved' || f.state === 'scheduled') && f.claim !== undefined;

/** Claims not yet checked whose days after are all in the bill (Cost Explorer holds days before asOf). */
export const claimsDue = (findings: readonly Finding[], asOf: string, settleDays: number): Claimed[] =>
  findings.filter(
    (f): f is Claimed => hasClaim(f) && !f.claim.verified && claimWindows(f.claim, settleDays).after.end <= asOf,
  );

/** A due claim's usage types as its region bills them (none where the finding has none or the region has no code). */
const billedOf = (f: Finding): string[] => (f.usageTypes ?? []).flatMap((u) => billedUsageTypes(u, f.region));

/** What to ask Cost Explorer for the checkable due claims, or undefined when none can be checked. */
export function billedRequest(due: readonly Claimed[], settleDays: number): BilledRequest | undefined {
  const checkable = due.filter((f) => billedOf(f).length > 0);
  if (checkable.length === 0) return undefined;
  const windows = checkable.map((f) => claimWindows(f.claim, settleDays));
  return {
    start: windows.map((w) => w.before.start).sort()[0] as string,
    end: windows.map((w) => w.after.end).reduce(laterDay),
    accountIds: [...new Set(checkable.map((f) => f.accountId))].sort(),
    usageTypes: [...new Set(checkable.flatMap(billedOf))].sort(),
  };
}

/** What the check is measured in, for the verdict's wording. */
export interface CheckContext {
  asOf: string;
  settleDays: number;
  /** The cost metric read (UnblendedCost). */
  metric: string;
}

const meanDaily = (billed: Billed, accountId: string, usageTypes: string[], w: Window): number => {
  const days = daysBetween(w.start, w.end);
  let sum = 0;
  for (const u of usageTypes) for (const d of days) sum += billed.get(`${accountId}|${u}`)?.get(d) ?? 0;
  return sum / days.length;
};

/** Claims that share a drop: same account, region and days, linked by a usage type in common. */
function groupsOf(claims: Claimed[]): Claimed[][] {
  const groups: { key: string; usage: Set<string>; members: Claimed[] }[] = [];
  for (const f of claims) {
    const key = [f.accountId, f.region, f.claim.lastSeen, f.claim.resolvedOn].join('|');
    const usage = new Set(billedOf(f));
    const linked = groups.filter((g) => g.key === key && [...usage].some((u) => g.usage.has(u)));
    const merged = { key, usage, members: [f] };
    for (const g of linked) {
      for (const u of g.usage) merged.usage.add(u);
      merged.members.push(...g.members);
      groups.splice(groups.indexOf(g), 1);
    }
    groups.push(merged);
  }
  return groups.map((g) => g.members);
}

const short = (w: Window) => window({ from: w.start, to: addDays(w.end, -1) });

/** The verdicts of one group of claims sharing a drop. */
function verifyGroup(group: Claimed[], billed: Billed, ctx: CheckContext): Map<string, Verification> {
  const first = group[0] as Claimed;
  const usage = [...new Set(group.flatMap(billedOf))].sort();
  const { before, after } = claimWindows(first.claim, ctx.settleDays);
  const was = meanDaily(billed, first.accountId, usage, before);
  const now = meanDaily(billed, first.accountId, usage, after);
  const drop = Math.max(0, was - now) * DAYS_PER_MONTH;
  const claimed = group.reduce((s, f) => s + f.claim.claimedUsd, 0);
  const measured =
    `Cost Explorer ${ctx.metric} of ${usage.join(', ')} in ${first.accountId}: ${usdCents(was)} a day ` +
    `${short(before)}, ${usdCents(now)} a day ${short(after)}, a drop of ${usdCents(drop)} a month (× ${DAYS_PER_MONTH} days)`;
  const shared = group.length > 1 ? `, shared among ${group.length} claims by what each claimed` : '';
  return new Map(
    group.map((f) => {
      const share = claimed > 0 ? (drop * f.claim.claimedUsd) / claimed : 0;
      const capped = share > f.claim.claimedUsd ? ', capped at the claim' : '';
      const monthlyUsd = roundCents(Math.min(share, f.claim.claimedUsd));
      return [f.id, { on: ctx.asOf, monthlyUsd, method: `${measured}${shared}${capped}` }];
    }),
  );
}

/** Why a claim cannot be checked against the bill. */
const uncheckable = (f: Finding): string =>
  (f.usageTypes ?? []).length === 0
    ? 'not checkable: the figure was not priced from usage types of its own (an AWS estimate, or a shared usage type)'
    : `not checkable: no billing code known for region ${f.region}`;

/** The findings with every due claim given its verdict from what the bill showed. */
export function verifyClaims(findings: Finding[], due: readonly Claimed[], billed: Billed, ctx: CheckContext) {
  const verdicts = new Map<string, Verification>();
  for (const f of due) if (billedOf(f).length === 0) verdicts.set(f.id, { on: ctx.asOf, method: uncheckable(f) });
  for (const group of groupsOf(due.filter((f) => billedOf(f).length > 0))) {
    for (const [id, v] of verifyGroup(group, billed, ctx)) verdicts.set(id, v);
  }
  return findings.map((f) => {
    const verified = f.claim && verdicts.get(f.id);
    return verified && f.claim ? { ...f, claim: { ...f.claim, verified } } : f;
  });
}

/** Realized savings as every output shows them: claimed, verified, and how many claims are in each state. */
export interface RealizedSavings {
  claimedUsd: number;
  claims: number;
  verifiedUsd: number;
  /** Claims checked against the bill. */
  checked: number;
  /** Claims still in their settling days. */
  settling: number;
  /** Claims that cannot be checked (no usage type of their own, or a region with no billing code). */
  uncheckable: number;
  /** The claims, largest first. */
  findings: Claimed[];
}

/** The one computation of realized savings, for the digest, Slack's status and run.json. */
export function realizedSavings(findings: readonly Finding[]): RealizedSavings {
  const claimed = findings.filter(hasClaim).sort((a, b) => b.claim.claimedUsd - a.claim.claimedUsd);
  const checked = claimed.filter((f) => f.claim.verified?.monthlyUsd !== undefined);
  return {
    claimedUsd: roundCents(claimed.reduce((s, f) => s + f.claim.claimedUsd, 0)),
    claims: claimed.length,
    verifiedUsd: roundCents(checked.reduce((s, f) => s + (f.claim.verified?.monthlyUsd ?? 0), 0)),
    checked: checked.length,
    settling: claimed.filter((f) => !f.claim.verified).length,
    uncheckable: claimed.filter((f) => f.claim.verified && f.claim.verified.monthlyUsd === undefined).length,
    findings: claimed,
  };
}

/** How verification works, in one sentence every output shows beside the figures. */
export const VERIFY_METHOD = (settleDays: number) =>
  `verified: the drop in the daily cost of the finding's usage types in its account (Cost Explorer), ${settleDays} days before the last run that saw it against ${settleDays} days after the first that did not, × ${DAYS_PER_MONTH}, capped at the claim`;

/** Realized savings for run.json: the figures without the claims themselves, and how they were verified. */
export function realizedFigures(findings: readonly Finding[], settleDays: number): RealizedFigures {
  const { findings: _claims, ...figures } = realizedSavings(findings);
  return { ...figures, method: VERIFY_METHOD(settleDays) };
}

export type RealizedFigures = Omit<RealizedSavings, 'findings'> & { method: string };
