import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/ledger/ledger';
import { routeFindings } from '../../src/notify/routing';
import { draft } from '../ledger/helpers';

const findings = reconcile(
  [
    draft({ resourceId: 'vol-1', owner: 'Payments' }),
    draft({ resourceId: 'vol-2', owner: 'platform' }),
    draft({ resourceId: 'vol-3' }),
    draft({ resourceId: 'vol-4', owner: 'payments' }),
    draft({ resourceId: 'vol-5', accountId: '222222222222' }),
    draft({ resourceId: 'vol-6', accountId: '222222222222', owner: 'payments' }),
  ],
  [],
  '2026-11-20',
  new Date('2026-11-20T06:00:00Z'),
).findings;

const ids = (m: Map<string, { resourceId: string }[]>) =>
  Object.fromEntries([...m].map(([channel, list]) => [channel, list.map((f) => f.resourceId)]));

describe('routing findings to channels', () => {
  it("sends each finding to its owner's channel and the rest to the main channel", () => {
    expect(ids(routeFindings(findings, { payments: 'C0PAY' }, 'C0MAIN'))).toEqual({
      C0PAY: ['vol-1', 'vol-4', 'vol-6'],
      C0MAIN: ['vol-2', 'vol-3', 'vol-5'],
    });
  });

  it("sends an account's findings to the account's channel, unless their owner has a channel of its own", () => {
    expect(ids(routeFindings(findings, { payments: 'C0PAY' }, 'C0MAIN', { '222222222222': 'C0STAGING' }))).toEqual({
      C0PAY: ['vol-1', 'vol-4', 'vol-6'],
      C0MAIN: ['vol-2', 'vol-3'],
      C0STAGING: ['vol-5'],
    });
  });

  it('drops unmapped findings when there is no main channel', () => {
    expect(ids(routeFindings(findings, { platform: 'C0PLAT' }, undefined))).toEqual({ C0PLAT: ['vol-2'] });
  });
});
