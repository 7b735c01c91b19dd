import { describe, expect, it } from 'vitest';
import { commitmentDrafts, expiringReservations, utilizationAlerts } from '../../../src/analyze/recommend/commitments';
import type { UtilizationDay } from '../../../src/collect/commitments';
import { emptyResources } from '../../../src/domain/resources';
import { asOf, commitments, ctx, inventory } from './helpers';

describe('purchase recommendations and expiring reservations', () => {
  it('turns purchase recommendations into findings with savings and break-even, and skips those without savings', () => {
    const { drafts, notes } = commitmentDrafts(
      commitments({
        spPurchase: {
          fetchedOn: asOf,
          value: [
            {
              kind: 'savings-plan',
              what: 'Compute Savings Plan $0.500/h',
              term: 'ONE_YEAR',
              paymentOption: 'PARTIAL_UPFRONT',
              monthlySavingsUsd: 120,
              upfrontUsd: 600,
              breakEvenMonths: 5,
              expectedUtilizationPct: 98,
            },
            {
              kind: 'savings-plan',
              what: 'Compute Savings Plan $0.100/h',
              term: 'ONE_YEAR',
              paymentOption: 'NO_UPFRONT',
            },
          ],
        },
      }),
      inventory(),
      ctx,
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      action: 'purchase',
      resourceId: 'savings-plan:compute',
      monthlySavingsUsd: 120,
      confidence: 'high',
    });
    expect(drafts[0]?.reason).toMatch(/break-even after 5\.0 months/);
    expect(notes).toHaveLength(1);
  });

  it('reports reservations ending within 30 days as alarms and within 60 as info, not later ones', () => {
    const resources = emptyResources({ days: 14, start: '', end: asOf });
    const ri = (id: string, end: string) => ({
      accountId: '111111111111',
      region: 'us-east-1',
      id,
      tags: {},
      instanceType: 'm5.large',
      count: 2,
      state: 'active',
      end,
    });
    resources.reservedInstances.push(
      ri('ri-soon', '2026-12-05T00:00:00.000Z'),
      ri('ri-later', '2027-01-10T00:00:00.000Z'),
      ri('ri-far', '2027-06-01T00:00:00.000Z'),
    );
    const inv = inventory({}, resources);
    expect(expiringReservations(inv, '111111111111').map((r) => [r.id, r.daysLeft])).toEqual([
      ['ri-soon', 15],
      ['ri-later', 51],
    ]);
    const { drafts } = commitmentDrafts(commitments(), inv, ctx);
    expect(drafts.map((d) => [d.resourceId, d.status, d.title])).toEqual([
      ['ri-soon', 'alarm', 'Reserved Instance expires within 30 days'],
      ['ri-later', 'info', 'Reserved Instance expires within 60 days'],
    ]);
  });
});

describe('utilizationAlerts', () => {
  const days = (...pcts: number[]): UtilizationDay[] =>
    pcts.map((utilizationPct, i) => ({
      date: `2026-11-${String(10 + i).padStart(2, '0')}`,
      utilizationPct,
      unusedUsd: (100 - utilizationPct) * 0.36,
    }));

  it('alerts when the last day falls under 90% and 10 points below the week before', () => {
    const alerts = utilizationAlerts(
      commitments({ spUtilization: days(99, 99, 98, 99, 99, 99, 99, 72) }),
      '111111111111',
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'commitment',
        key: 'commitment:sp-utilization:2026-11-17',
        service: 'Savings Plans',
        severity: 'medium',
      }),
    ]);
    expect(alerts[0]?.subject.length).toBeLessThanOrEqual(100);
    expect(alerts[0]?.impactUsd).toBeCloseTo(10.08 * 30);
  });

  it('stays quiet for a small dip, a steadily low plan, or too little history', () => {
    expect(utilizationAlerts(commitments({ spUtilization: days(99, 99, 99, 99, 95) }), 'a')).toEqual([]);
    expect(utilizationAlerts(commitments({ riUtilization: days(70, 71, 70, 69, 70) }), 'a')).toEqual([]);
    expect(utilizationAlerts(commitments({ spUtilization: days(99, 60) }), 'a')).toEqual([]);
  });
});
