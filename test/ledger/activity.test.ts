import { describe, expect, it } from 'vitest';
import type { Claim, Finding } from '../../src/domain/finding';
import { activityOf } from '../../src/ledger/activity';
import { storedFinding } from './helpers';

/** The week of Nov 23–29: its runs are those of Nov 24–30 (each reads the bill to the day before). */
const week = { from: '2026-11-23', to: '2026-11-29' };

const claimed = (o: Partial<Finding>, c: Claim): Finding => storedFinding({ state: 'resolved', ...o, claim: c });

describe('activityOf', () => {
  it("counts findings first seen by the week's runs, the largest per resource, whatever their state now", () => {
    const findings = [
      storedFinding({ firstSeen: '2026-11-24', monthlySavingsUsd: 30.5, resourceId: 'i-1' }),
      // An alternative on the same resource: only the larger counts.
      storedFinding({ firstSeen: '2026-11-25', monthlySavingsUsd: 12.25, resourceId: 'i-1', ruleId: 'other' }),
      storedFinding({ firstSeen: '2026-11-30', monthlySavingsUsd: 7.1, state: 'kept' }),
      // The run of Nov 23 read the bill to Nov 22: last week's. Dec 1 is next week's.
      storedFinding({ firstSeen: '2026-11-23', monthlySavingsUsd: 1000 }),
      storedFinding({ firstSeen: '2026-12-01', monthlySavingsUsd: 1000 }),
      // Anomalies are impacts, not savings; a finding with no dollar figure finds nothing.
      storedFinding({ firstSeen: '2026-11-26', source: 'anomaly', monthlySavingsUsd: 500 }),
      storedFinding({ firstSeen: '2026-11-26', monthlySavingsUsd: 0 }),
    ];
    const a = activityOf(findings, week);
    expect(a.runs).toEqual({ from: '2026-11-24', to: '2026-11-30' });
    expect(a.found.totalUsd).toBe(37.6);
    expect(a.found.findings.map((f) => f.monthlySavingsUsd).sort((x, y) => x - y)).toEqual([7.1, 30.5]);
  });

  it("counts people's state changes made in the week, not the run's own", () => {
    const acked = storedFinding({
      history: [
        { state: 'acknowledged', at: '2026-11-23T09:00:00.000Z', by: 'U1' },
        { state: 'snoozed', at: '2026-11-29T23:59:00.000Z', by: 'U2', until: '2026-12-10' },
        // Monday's changes, before or after that day's run, are next week's.
        { state: 'kept', at: '2026-11-30T06:00:00.000Z', by: 'U1', reason: 'needed' },
      ],
    });
    const reopened = storedFinding({
      history: [{ state: 'open', at: '2026-11-25T07:00:00.000Z', by: 'durion-cost', reason: 'snooze ended' }],
    });
    const a = activityOf([acked, reopened], week);
    expect(a.acted.findings).toBe(1);
    expect(a.acted.changes.map((c) => [c.finding.id, c.change.state, c.change.by])).toEqual([
      [acked.id, 'acknowledged', 'U1'],
      [acked.id, 'snoozed', 'U2'],
    ]);
  });

  it('counts the claims the runs made and the ones they checked against the bill', () => {
    const findings = [
      claimed({}, { resolvedOn: '2026-11-24', lastSeen: '2026-11-23', claimedUsd: 32.85 }),
      claimed(
        {},
        {
          resolvedOn: '2026-11-10',
          lastSeen: '2026-11-09',
          claimedUsd: 20,
          verified: { on: '2026-11-30', monthlyUsd: 18.4, method: 'drop' },
        },
      ),
      claimed(
        {},
        {
          resolvedOn: '2026-11-12',
          lastSeen: '2026-11-11',
          claimedUsd: 5,
          verified: { on: '2026-11-26', method: 'not checkable: shared usage type' },
        },
      ),
      // Resolved and checked outside the week.
      claimed(
        {},
        {
          resolvedOn: '2026-12-01',
          lastSeen: '2026-11-30',
          claimedUsd: 99,
          verified: { on: '2026-11-23', monthlyUsd: 99, method: 'drop' },
        },
      ),
    ];
    const a = activityOf(findings, week);
    expect(a.resolved.claimedUsd).toBe(32.85);
    expect(a.resolved.claims).toHaveLength(1);
    expect(a.verified).toMatchObject({ verifiedUsd: 18.4, checked: 1 });
    expect(a.verified.claims).toHaveLength(2);
  });
});
