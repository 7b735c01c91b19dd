import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/domain/note';
import { applyState, effectiveState, findingId, reconcile, unreadBy } from '../../src/ledger/ledger';
import { realizedSavings } from '../../src/ledger/realized';
import { draft } from './helpers';

const now = new Date('2026-11-20T07:00:00Z');

describe('ledger', () => {
  it('gives one id per action and resource, whatever rule proposed it', () => {
    expect(findingId(draft({ ruleId: 'a' }))).toBe(findingId(draft({ ruleId: 'b' })));
    expect(findingId(draft())).not.toBe(findingId(draft({ resourceId: 'vol-other' })));
    expect(findingId(draft())).toMatch(/^[\w-]{10}$/);
  });

  it('marks first sightings new and keeps firstSeen on later runs', () => {
    const day1 = reconcile([draft()], [], '2026-11-20', now);
    expect(day1.newIds).toHaveLength(1);
    const day2 = reconcile([draft()], day1.findings, '2026-11-21', now);
    expect(day2.newIds).toEqual([]);
    expect(day2.findings[0]).toMatchObject({ firstSeen: '2026-11-20', lastSeen: '2026-11-21', state: 'open' });
  });

  it('keeps a person’s state across runs and reopens a snooze when its day comes', () => {
    const [f] = reconcile([draft()], [], '2026-11-20', now).findings;
    const snoozed = applyState(f!, { state: 'snoozed', by: 'U1', until: '2026-11-27' }, now);
    expect(reconcile([draft()], [snoozed], '2026-11-26', now).findings[0]?.state).toBe('snoozed');
    const reopened = reconcile([draft()], [snoozed], '2026-11-27', now).findings[0]!;
    expect(reopened.state).toBe('open');
    expect(reopened.history.at(-1)).toMatchObject({ state: 'open', by: 'durion-cost', reason: 'snooze ended' });
    expect(effectiveState(snoozed, '2026-11-27')).toBe('open');
  });

  it('resolves an alarm that is gone and counts its savings as realized', () => {
    const day1 = reconcile([draft({ monthlySavingsUsd: 8 }), draft({ resourceId: 'vol-2' })], [], '2026-11-20', now);
    const day2 = reconcile([draft({ resourceId: 'vol-2' })], day1.findings, '2026-11-21', now);
    expect(day2.resolvedIds).toHaveLength(1);
    const resolved = day2.findings.find((f) => f.state === 'resolved');
    expect(resolved?.claim).toEqual({ resolvedOn: '2026-11-21', lastSeen: '2026-11-20', claimedUsd: 8 });
    expect(realizedSavings(day2.findings)).toMatchObject({ claimedUsd: 8, claims: 1, settling: 1, verifiedUsd: 0 });
    // Seen again: open once more, and it claims nothing.
    const day3 = reconcile(
      [draft({ monthlySavingsUsd: 8 }), draft({ resourceId: 'vol-2' })],
      day2.findings,
      '2026-11-22',
      now,
    );
    const back = day3.findings.find((f) => f.resourceId === 'vol-0abc');
    expect(back?.state).toBe('open');
    expect(back?.claim).toBeUndefined();
    expect(realizedSavings(day3.findings).claims).toBe(0);
  });

  it('keeps a finding it could not read where it lives: a denied read is unknown, not gone', () => {
    const day1 = reconcile([draft({ monthlySavingsUsd: 8 })], [], '2026-11-20', now);
    const denied: Note[] = [
      { kind: 'denied', source: 'inventory', region: day1.findings[0]!.region, message: 'region not read' },
    ];
    const elsewhere: Note[] = [{ kind: 'denied', source: 'inventory', region: 'ap-southeast-2', message: 'no' }];
    const recommender: Note[] = [
      { kind: 'throttled', source: 'compute-optimizer:GetEC2InstanceRecommendations', message: 'slow' },
    ];

    const kept = reconcile([], day1.findings, '2026-11-21', now, unreadBy(denied));
    expect(kept.resolvedIds).toEqual([]);
    expect(kept.findings[0]).toMatchObject({ state: 'open', lastSeen: '2026-11-20' });
    expect(realizedSavings(kept.findings).claims).toBe(0);
    // A failed read elsewhere, or of another source, does not hide that the resource is gone.
    expect(reconcile([], day1.findings, '2026-11-21', now, unreadBy(elsewhere)).resolvedIds).toHaveLength(1);
    expect(reconcile([], day1.findings, '2026-11-21', now, unreadBy(recommender)).resolvedIds).toHaveLength(1);
  });

  it('never counts an anomaly that ended as realized savings', () => {
    // As stored before impacts had their own field: the excess in monthlySavingsUsd.
    const anomaly = draft({ source: 'anomaly', monthlySavingsUsd: 2471, resourceId: 'a|1' });
    const day1 = reconcile([anomaly], [], '2026-11-20', now);
    const day2 = reconcile([], day1.findings, '2026-11-21', now);
    expect(day2.findings[0]?.state).toBe('resolved');
    expect(day2.findings[0]?.claim).toBeUndefined();
    expect(realizedSavings(day2.findings).claimedUsd).toBe(0);
  });

  it('keeps a scheduled finding scheduled with its claim, seen again or not, and drops the claim when it leaves', () => {
    const [f] = reconcile([draft({ ruleId: 'ec2-nonprod-always-on', action: 'stop' })], [], '2026-11-20', now).findings;
    const claim = {
      resolvedOn: '2026-11-20',
      lastSeen: '2026-11-20',
      claimedUsd: 45.05,
      schedule: { id: 's1', basis: 'b' },
    };
    const scheduled = applyState(f!, { state: 'scheduled', by: 'U1', reason: 'schedule s1', claim }, now);
    expect(scheduled).toMatchObject({ state: 'scheduled', claim });
    const seen = reconcile(
      [draft({ ruleId: 'ec2-nonprod-always-on', action: 'stop' })],
      [scheduled],
      '2026-11-21',
      now,
    );
    expect(seen.findings[0]).toMatchObject({ state: 'scheduled', claim, lastSeen: '2026-11-21' });
    // The rule stops flagging a resource that now stops at night: the finding stays scheduled, not resolved.
    const gone = reconcile([], [scheduled], '2026-11-22', now);
    expect(gone.resolvedIds).toEqual([]);
    expect(gone.findings[0]).toMatchObject({ state: 'scheduled', claim });
    expect(realizedSavings(gone.findings)).toMatchObject({ claimedUsd: 45.05, claims: 1, settling: 1 });
    const reopened = applyState(scheduled, { state: 'open', by: 'U1', reason: 'unscheduled s1' }, now);
    expect(reopened.claim).toBeUndefined();
    expect(realizedSavings([reopened]).claims).toBe(0);
    // A resolved finding's claim is not touched by a person's change of state.
    const resolved = { ...f!, state: 'resolved' as const, claim };
    expect(applyState(resolved, { state: 'acknowledged', by: 'U1' }, now).claim).toEqual(claim);
  });
});
