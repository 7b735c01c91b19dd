import { describe, expect, it } from 'vitest';
import { isSizing } from '../../src/domain/finding';
import { savingsWaiting } from '../../src/ledger/savings';
import { storedFinding } from './helpers';

const AS_OF = '2026-11-20';

describe('savingsWaiting', () => {
  it('counts open and acknowledged findings of the latest run, the largest per resource, never an anomaly', () => {
    const rightsize = storedFinding({ resourceId: 'i-1', monthlySavingsUsd: 105.49, action: 'rightsize' });
    const graviton = storedFinding({ resourceId: 'i-1', monthlySavingsUsd: 42.19, action: 'modernize' });
    const found = [
      rightsize,
      graviton,
      storedFinding({ monthlySavingsUsd: 20, state: 'acknowledged' }),
      storedFinding({ monthlySavingsUsd: 7, status: 'info' }),
      storedFinding({ monthlySavingsUsd: 1000, state: 'kept' }),
      storedFinding({ monthlySavingsUsd: 1000, state: 'resolved' }),
      storedFinding({ monthlySavingsUsd: 1000, state: 'snoozed', snoozedUntil: '2026-12-01' }),
      storedFinding({ monthlySavingsUsd: 1000, lastSeen: '2026-11-19' }),
      storedFinding({ monthlySavingsUsd: 1000, status: 'ok' }),
      storedFinding({ source: 'anomaly', monthlySavingsUsd: 0, monthlyImpactUsd: 6431 }),
      storedFinding({ monthlySavingsUsd: 0 }),
    ];

    const waiting = savingsWaiting(found);

    expect(waiting.totalUsd).toBeCloseTo(105.49 + 20 + 7, 10);
    expect(waiting.findings).toHaveLength(4);
    expect(waiting.counted.has(rightsize.id)).toBe(true);
    expect(waiting.counted.has(graviton.id)).toBe(false);
  });

  it('narrows to a subset with the same rules (the rightsizing total)', () => {
    const found = [
      storedFinding({ resourceId: 'i-2', monthlySavingsUsd: 50, action: 'rightsize' }),
      storedFinding({ resourceId: 'i-2', monthlySavingsUsd: 30, action: 'modernize' }),
      storedFinding({ resourceId: 'vol-9', monthlySavingsUsd: 80, action: 'delete' }),
    ];
    expect(savingsWaiting(found, isSizing).totalUsd).toBe(50);
    expect(savingsWaiting(found).totalUsd).toBe(130);
  });

  it('reopens a snooze whose day has come', () => {
    expect(savingsWaiting([storedFinding({ state: 'snoozed', snoozedUntil: AS_OF })]).totalUsd).toBe(10);
  });
});
