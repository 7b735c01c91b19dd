import { describe, expect, it } from 'vitest';
import { type Finding, isSizing } from '../../src/domain/finding';
import { savingsWaiting } from '../../src/ledger/savings';
import { draft } from './helpers';

const AS_OF = '2026-11-20';
let n = 0;
const finding = (o: Partial<Finding>): Finding => {
  n++;
  return {
    ...draft({ resourceId: `vol-${n}`, monthlySavingsUsd: 10 }),
    id: `f${n}`,
    score: 10,
    priority: 3,
    state: 'open',
    history: [],
    firstSeen: AS_OF,
    lastSeen: AS_OF,
    ...o,
  };
};

describe('savingsWaiting', () => {
  it('counts open and acknowledged findings of the latest run, the largest per resource, never an anomaly', () => {
    const rightsize = finding({ resourceId: 'i-1', monthlySavingsUsd: 105.49, action: 'rightsize' });
    const graviton = finding({ resourceId: 'i-1', monthlySavingsUsd: 42.19, action: 'modernize' });
    const found = [
      rightsize,
      graviton,
      finding({ monthlySavingsUsd: 20, state: 'acknowledged' }),
      finding({ monthlySavingsUsd: 7, status: 'info' }),
      finding({ monthlySavingsUsd: 1000, state: 'kept' }),
      finding({ monthlySavingsUsd: 1000, state: 'resolved' }),
      finding({ monthlySavingsUsd: 1000, state: 'snoozed', snoozedUntil: '2026-12-01' }),
      finding({ monthlySavingsUsd: 1000, lastSeen: '2026-11-19' }),
      finding({ monthlySavingsUsd: 1000, status: 'ok' }),
      finding({ source: 'anomaly', monthlySavingsUsd: 0, monthlyImpactUsd: 6431 }),
      finding({ monthlySavingsUsd: 0 }),
    ];

    const waiting = savingsWaiting(found);

    expect(waiting.totalUsd).toBeCloseTo(105.49 + 20 + 7, 10);
    expect(waiting.findings).toHaveLength(4);
    expect(waiting.counted.has(rightsize.id)).toBe(true);
    expect(waiting.counted.has(graviton.id)).toBe(false);
  });

  it('narrows to a subset with the same rules (the rightsizing total)', () => {
    const found = [
      finding({ resourceId: 'i-2', monthlySavingsUsd: 50, action: 'rightsize' }),
      finding({ resourceId: 'i-2', monthlySavingsUsd: 30, action: 'modernize' }),
      finding({ resourceId: 'vol-9', monthlySavingsUsd: 80, action: 'delete' }),
    ];
    expect(savingsWaiting(found, isSizing).totalUsd).toBe(50);
    expect(savingsWaiting(found).totalUsd).toBe(130);
  });

  it('reopens a snooze whose day has come', () => {
    expect(savingsWaiting([finding({ state: 'snoozed', snoozedUntil: AS_OF })]).totalUsd).toBe(10);
  });
});
