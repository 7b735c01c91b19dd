/**
 * The ledger: findings keep an identity across runs and a state (open, acknowledged, snoozed until a date, kept,
 * scheduled, resolved). Pure functions; the store persists what they return.
 */
import { createHash } from 'node:crypto';
import type { Finding, FindingDraft, FindingSource, StateChange } from '../domain/finding';
import type { Note, NoteKind } from '../domain/note';
import { scoreDraft } from './score';
import type { StateRequest } from './types';

/** Stable id: the action (or rule) and the resource. Short enough to type in `/durion-cost explain ID`. */
export function findingId(draft: Pick<FindingDraft, 'action' | 'ruleId' | 'accountId' | 'region' | 'resourceId'>) {
  const key = [draft.action ?? draft.ruleId, draft.accountId, draft.region, draft.resourceId].join('|');
  return createHash('sha256').update(key).digest('base64url').slice(0, 10);
}

/** Who the run's own state changes are by (a reopened snooze, a resolved finding); people's carry their Slack id. */
export const SYSTEM = 'durion-cost';

/** A snoozed finding whose day has come counts as open, whether or not a run has reopened it yet. */
export const effectiveState = (finding: Finding, asOf: string): Finding['state'] =>
  finding.state === 'snoozed' && (finding.snoozedUntil ?? '') <= asOf ? 'open' : finding.state;

/** Apply a state change asked for by a person, keeping who, when and why. */
export function applyState(finding: Finding, change: StateRequest, now: Date): Finding {
  const entry: StateChange = { state: change.state, at: now.toISOString(), by: change.by };
  if (change.reason) entry.reason = change.reason;
  if (change.until) entry.until = change.until;
  // A schedule's claim lasts as long as the schedule: leaving "scheduled" drops it (the history keeps the change).
  const { snoozedUntil: _previous, claim, ...rest } = finding;
  const kept = change.claim ?? (finding.state === 'scheduled' ? undefined : claim);
  return {
    ...rest,
    state: change.state,
    ...(change.state === 'snoozed' && change.until ? { snoozedUntil: change.until } : {}),
    ...(kept ? { claim: kept } : {}),
    history: [...finding.history, entry],
  };
}

export interface Reconciled {
  /** Every finding after this run: current ones and those resolved now or earlier. */
  findings: Finding[];
  /** Ids first seen on this as-of date. */
  newIds: string[];
  /** Ids resolved by this run (were alarms, now gone). */
  resolvedIds: string[];
}

/** Notes that mean a read failed: what it would have found is unknown, not gone. */
const FAILED_READS: readonly NoteKind[] = ['denied', 'throttled', 'opt-in', 'error'];

/**
 * The finding source a note's read feeds: AWS's own recommenders by name, Cost Explorer, else the inventory rules;
 * none for the schedules' dead-letter queues (sqs), which no finding is read from.
 */
function sourceOfNote(source: string): FindingSource | undefined {
  const service = source.split(':')[0] ?? '';
  if (service === 'sqs') return undefined;
  if (service === 'compute-optimizer' || service === 'cost-optimization-hub') return service;
  if (service === 'ce') return 'cost-explorer';
  if (service === 'support') return 'trusted-advisor';
  return 'rule';
}

/**
 * Whether this run failed to read where a finding lives: a failed read of its source in its account and region (a
 * note without a region or account covers them all). Such a finding is unknown, not gone.
 */
export function unreadBy(notes: readonly Note[]): (f: Finding) => boolean {
  const failed = notes.filter((n) => FAILED_READS.includes(n.kind));
  return (f) =>
    failed.some(
      (n) =>
        (n.region === undefined || n.region === f.region) &&
        (n.accountId === undefined || n.accountId === f.accountId) &&
        (f.sources ?? [f.source]).some((source) => source === sourceOfNote(n.source)),
    );
}

/**
 * Merge this run's drafts with what the ledger held: ids, first seen, states kept; expired snoozes reopened;
 * findings that were alarms and are gone now resolved (their savings count as realized), unless this run could not
 * read where they live (`unread`): those stay as they were.
 */
export function reconcile(
  drafts: FindingDraft[],
  stored: Finding[],
  asOf: string,
  now: Date,
  unread: (f: Finding) => boolean = () => false,
): Reconciled {
  const at = now.toISOString();
  const previous = new Map(stored.map((f) => [f.id, f]));
  const seen = new Set<string>();
  const newIds: string[] = [];
  const findings: Finding[] = [];

  for (const draft of drafts) {
    const id = findingId(draft);
    if (seen.has(id)) continue; // identical action on one resource: the first (highest-trust) draft wins
    seen.add(id);
    const before = previous.get(id);
    const { score, priority } = scoreDraft(draft);
    let state = before ? effectiveState(before, asOf) : 'open';
    const history = [...(before?.history ?? [])];
    if (before && state !== before.state) history.push({ state, at, by: SYSTEM, reason: 'snooze ended' });
    if (before?.state === 'resolved' && draft.status === 'alarm') {
      state = 'open';
      history.push({ state, at, by: SYSTEM, reason: 'seen again' });
    }
    if (!before || before.firstSeen === asOf) newIds.push(id);
    // A claim belongs to a resolved finding, or to a scheduled one while its schedule stands; a resolved finding seen
    // again claims nothing (its draft carries none).
    findings.push({
      ...draft,
      id,
      score,
      priority,
      state,
      ...(state === 'snoozed' && before?.snoozedUntil ? { snoozedUntil: before.snoozedUntil } : {}),
      ...(state === 'scheduled' && before?.claim ? { claim: before.claim } : {}),
      history,
      firstSeen: before?.firstSeen ?? asOf,
      lastSeen: asOf,
    });
  }

  const resolvedIds: string[] = [];
  for (const before of stored) {
    if (seen.has(before.id)) continue;
    // A scheduled finding is expected to leave the rules (its resource now stops): it stays scheduled, claim and all.
    const stays = before.state === 'resolved' || before.state === 'scheduled';
    if (stays || before.status !== 'alarm' || before.lastSeen > asOf || unread(before)) {
      findings.push(before);
      continue;
    }
    resolvedIds.push(before.id);
    const claims = before.source !== 'anomaly' && before.monthlySavingsUsd > 0;
    findings.push({
      ...before,
      state: 'resolved',
      history: [...before.history, { state: 'resolved', at, by: SYSTEM, reason: `not found on ${asOf}` }],
      ...(claims
        ? { claim: { resolvedOn: asOf, lastSeen: before.lastSeen, claimedUsd: before.monthlySavingsUsd } }
        : {}),
    });
  }
  return { findings, newIds, resolvedIds };
}
