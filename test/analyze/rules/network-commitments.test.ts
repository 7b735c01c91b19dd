import { describe, expect, it } from 'vitest';
import ec2NoCommitmentCover from '../../../src/analyze/rules/ec2-no-commitment-cover';
import { commitmentCoverOf } from '../../../src/collect/commitment-cover';
import { instance, ruleCases, run } from './fixtures';
import { cover } from './fixtures-network';

const ri = {
  accountId: '111111111111',
  region: 'us-east-1',
  id: 'ri-1',
  tags: {},
  instanceType: 'm5.xlarge',
  count: 1,
  state: 'active',
};
const compute = { id: 'sp-1', type: 'Compute', hourlyUsd: 1.5 };
const m5 = (coveredUsd: number) => ({
  instanceFamily: 'm5',
  region: 'us-east-1',
  coveredUsd,
  onDemandUsd: 100 - coveredUsd,
  totalUsd: 100,
});

ruleCases(ec2NoCommitmentCover, {
  flagged: {
    // Savings Plans were read and none is active: every On-Demand hour is uncovered.
    parts: { instances: [instance()], commitmentCover: [cover({ plans: [] })] },
    check: (f) => {
      // Golden: m5.xlarge $0.192/h (bundled karpenter us-east-1 table) × 730 h = $140.16, 100% uncovered, × 20%
      // assumed 1-year No Upfront Compute Savings Plan discount (under AWS's example rates of 18-30%) = $28.032.
      expect(f.monthlySavingsUsd).toBe(28.032);
      expect(f.confidence).toBe('low');
      expect(f.savingsBasis).toBe(
        '20% (assumed 1-year No Upfront Compute Savings Plan discount, the low end of AWS example rates) of 100% (no Savings Plan applies (0 active, none Compute or m5)) of 1 × 730 h × $0.192 (ec2.m5.xlarge, us-east-1 list price)',
      );
      expect(f.commitmentEligibleUsd).toBe(0);
    },
  },
  clean: { parts: { instances: [instance()], reservedInstances: [ri] } },
  // Neither plans nor coverage read: flagged without a figure, never ok.
  noData: { parts: { instances: [instance()] } },
});

describe('ec2-no-commitment-cover with Savings Plans', () => {
  it('prices the share of the family Cost Explorer shows uncovered', () => {
    const [f] = run(ec2NoCommitmentCover, {
      instances: [instance()],
      commitmentCover: [cover({ plans: [compute], familyCoverage: [m5(50)], coverageReadOn: '2026-11-18' })],
    });
    // Golden: $140.16 × 50% uncovered × 20% = $14.016.
    expect(f?.status).toBe('alarm');
    expect(f?.monthlySavingsUsd).toBe(14.016);
    expect(f?.reason).toContain('Savings Plans cover 50% of m5 spend in us-east-1');
  });

  it('leaves an instance whose family Savings Plans cover alone', () => {
    const findings = run(ec2NoCommitmentCover, {
      instances: [instance()],
      commitmentCover: [cover({ plans: [compute], familyCoverage: [m5(95)] })],
    });
    expect(findings.map((f) => f.status)).toEqual(['ok']);
  });

  it('does not price a gap a Compute plan may fill when coverage was not read', () => {
    const findings = run(ec2NoCommitmentCover, {
      instances: [instance()],
      commitmentCover: [cover({ plans: [compute] })],
    });
    expect(findings.map((f) => [f.status, f.monthlySavingsUsd])).toEqual([['info', 0]]);
  });

  it('counts an EC2 Instance plan only for its family and region', () => {
    const plan = { id: 'sp-2', type: 'EC2Instance', family: 'c5', region: 'us-east-1' };
    const [f] = run(ec2NoCommitmentCover, { instances: [instance()], commitmentCover: [cover({ plans: [plan] })] });
    expect(f?.monthlySavingsUsd).toBe(28.032);
  });

  it('carries the commitments collector output to the rules as one record', () => {
    expect(commitmentCoverOf(undefined, '111111111111')).toEqual([]);
    const data = {
      asOf: '2026-11-20',
      window: { Start: '2026-11-06', End: '2026-11-20' },
      reservations: [],
      savingsPlans: { fetchedOn: '2026-11-15', value: [{ id: 'sp-1', type: 'Compute' }] },
      spCoverage: { fetchedOn: '2026-11-18', value: [m5(40)] },
    };
    expect(commitmentCoverOf(data, '111111111111')).toEqual([
      cover({ plans: [{ id: 'sp-1', type: 'Compute' }], familyCoverage: [m5(40)], coverageReadOn: '2026-11-18' }),
    ]);
  });
});
