import { describe, expect, it } from 'vitest';
import type { Billed } from '../../src/collect/billed';
import { daysBetween } from '../../src/domain/dates';
import type { Claim, Finding } from '../../src/domain/finding';
import { DAYS_PER_MONTH } from '../../src/domain/money';
import {
  billedRequest,
  type Claimed,
  claimsDue,
  claimWindows,
  realizedFigures,
  realizedSavings,
  verifyClaims,
} from '../../src/ledger/realized';
import { storedFinding } from './helpers';

const claim: Claim = { resolvedOn: '2026-11-22', lastSeen: '2026-11-21', claimedUsd: 16 };
/** A resolved finding with a claim: an unattached gp2 volume by default. */
const resolved = (o: Partial<Finding> = {}, c: Partial<Claim> = {}): Claimed => ({
  ...storedFinding({ state: 'resolved', usageTypes: ['EBS:VolumeUsage.gp2'], region: 'eu-west-1', ...o }),
  claim: { ...claim, ...c },
});

/** The bill of one account and usage type: `before` a day up to Nov 21, `after` a day from Nov 22. */
function bill(usageType: string, before: number, after: number, accountId = '111111111111'): Billed {
  const days = new Map(daysBetween('2026-11-01', '2026-12-05').map((d) => [d, d < '2026-11-22' ? before : after]));
  return new Map([[`${accountId}|${usageType}`, days]]);
}
const ctx = { asOf: '2026-11-30', settleDays: 7, metric: 'UnblendedCost' };

describe('claims', () => {
  it('measure the settling days before the last sighting against those after the first miss, the day between left out', () => {
    expect(claimWindows(claim, 7)).toEqual({
      before: { start: '2026-11-14', end: '2026-11-21' },
      after: { start: '2026-11-23', end: '2026-11-30' },
    });
  });

  it('fall due once every day after is in the bill, and only once', () => {
    const f = resolved();
    expect(claimsDue([f], '2026-11-29', 7)).toEqual([]);
    expect(claimsDue([f], '2026-11-30', 7)).toEqual([f]);
    const checked = resolved({}, { verified: { on: '2026-11-30', monthlyUsd: 16, method: 'x' } });
    expect(claimsDue([checked], '2026-12-05', 7)).toEqual([]);
    expect(claimsDue([storedFinding({ claim })], '2026-12-05', 7)).toEqual([]); // open again: no claim stands
  });

  it('ask one request for every checkable claim: their accounts, their usage types as each region bills them, all days', () => {
    const a = resolved();
    const b = resolved(
      { accountId: '222222222222', region: 'us-east-1', usageTypes: ['BoxUsage:m5.large'] },
      { resolvedOn: '2026-11-25', lastSeen: '2026-11-24' },
    );
    const none = resolved({ usageTypes: [] });
    expect(billedRequest([a, b, none], 7)).toEqual({
      start: '2026-11-14',
      end: '2026-12-03',
      accountIds: ['111111111111', '222222222222'],
      usageTypes: ['BoxUsage:m5.large', 'EU-EBS:VolumeUsage.gp2', 'USE1-BoxUsage:m5.large'],
    });
    expect(billedRequest([none], 7)).toBeUndefined();
  });
});

describe('verifyClaims', () => {
  const verify = (findings: Finding[], billed: Billed) =>
    verifyClaims(findings, claimsDue(findings, ctx.asOf, 7), billed, ctx).map((f) => f.claim?.verified);

  it('verifies the drop in the usage type, as a month', () => {
    const [v] = verify([resolved({}, { claimedUsd: 20 })], bill('EU-EBS:VolumeUsage.gp2', 10.5, 10));
    expect(v?.monthlyUsd).toBeCloseTo(0.5 * DAYS_PER_MONTH, 2);
    expect(v?.method).toBe(
      'Cost Explorer UnblendedCost of EU-EBS:VolumeUsage.gp2 in 111111111111: $10.50 a day Nov 14–20, $10.00 a day Nov 23–29, a drop of $15.21 a month (× 30.4167 days)',
    );
  });

  it('caps a drop larger than the claim at the claim, and finds no saving where the bill did not fall', () => {
    const [capped] = verify([resolved()], bill('EU-EBS:VolumeUsage.gp2', 5, 0));
    expect(capped).toMatchObject({ monthlyUsd: 16, method: expect.stringContaining('capped at the claim') });
    const [none] = verify([resolved()], bill('EU-EBS:VolumeUsage.gp2', 5, 5.2));
    expect(none?.monthlyUsd).toBe(0);
  });

  it('shares one drop among claims on the same usage types and days, by what each claimed', () => {
    const small = resolved({}, { claimedUsd: 10 });
    const large = resolved({}, { claimedUsd: 30 });
    const [a, b] = verify([small, large], bill('EU-EBS:VolumeUsage.gp2', 1, 0));
    // $1 a day fell: $30.42 a month, shared 1:3.
    expect(a?.monthlyUsd).toBeCloseTo(DAYS_PER_MONTH / 4, 2);
    expect(b?.monthlyUsd).toBeCloseTo((3 * DAYS_PER_MONTH) / 4, 2);
    expect(a?.method).toContain('shared among 2 claims');
  });

  it('links claims that share a usage type: a gp2 to gp3 change and a deleted gp3 volume share one measure', () => {
    const modernized = resolved({ usageTypes: ['EBS:VolumeUsage.gp2', 'EBS:VolumeUsage.gp3'] }, { claimedUsd: 2 });
    const deleted = resolved({ usageTypes: ['EBS:VolumeUsage.gp3'] }, { claimedUsd: 8 });
    const billed: Billed = new Map([
      ...bill('EU-EBS:VolumeUsage.gp2', 1, 0),
      ...bill('EU-EBS:VolumeUsage.gp3', 1, 1.8 - 8 / DAYS_PER_MONTH),
    ]);
    const [a, b] = verify([modernized, deleted], billed);
    expect(a?.method).toContain('EU-EBS:VolumeUsage.gp2, EU-EBS:VolumeUsage.gp3');
    expect((a?.monthlyUsd ?? 0) + (b?.monthlyUsd ?? 0)).toBeCloseTo(10, 1);
  });

  it('measures claims of other accounts or days apart', () => {
    const here = resolved();
    const there = resolved({ accountId: '222222222222' });
    const [a, b] = verify([here, there], bill('EU-EBS:VolumeUsage.gp2', 1, 0));
    expect(a?.monthlyUsd).toBe(16);
    expect(b?.monthlyUsd).toBe(0); // account 222222222222's bill has no such line
  });

  it('says when a claim cannot be checked, and never asks the bill for it', () => {
    const aws = resolved({ usageTypes: undefined });
    const far = resolved({ region: 'xx-nowhere-1' });
    const [a, b] = verify([aws, far], new Map());
    expect(a).toEqual({ on: '2026-11-30', method: expect.stringMatching(/^not checkable: the figure was not priced/) });
    expect(b?.method).toBe('not checkable: no billing code known for region xx-nowhere-1');
    expect(a?.monthlyUsd).toBeUndefined();
  });
});

describe('realizedSavings', () => {
  it('adds claims and verified dollars and counts each state, never an open or unclaimed finding', () => {
    const findings = [
      resolved({}, { claimedUsd: 16, verified: { on: ctx.asOf, monthlyUsd: 12.5, method: 'm' } }),
      resolved({}, { claimedUsd: 4 }),
      resolved({}, { claimedUsd: 3, verified: { on: ctx.asOf, method: 'not checkable: x' } }),
      storedFinding({ monthlySavingsUsd: 99 }),
      storedFinding({ state: 'resolved', monthlySavingsUsd: 50 }), // resolved before claims were recorded
    ];
    const r = realizedSavings(findings);
    expect(r).toMatchObject({ claimedUsd: 23, claims: 3, verifiedUsd: 12.5, checked: 1, settling: 1, uncheckable: 1 });
    expect(r.findings.map((f) => f.claim.claimedUsd)).toEqual([16, 4, 3]);
    expect(realizedFigures(findings, 7)).not.toHaveProperty('findings');
    expect(realizedFigures(findings, 7).method).toContain('7 days before');
  });
});
