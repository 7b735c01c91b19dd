import { describe, expect, it } from 'vitest';
import ec2GravitonCandidate from '../../../src/analyze/rules/ec2-graviton-candidate';
import ec2InstanceLowUtilization from '../../../src/analyze/rules/ec2-instance-low-utilization';
import ec2InstanceStoppedLong from '../../../src/analyze/rules/ec2-instance-stopped-long';
import ec2NoCommitmentCover from '../../../src/analyze/rules/ec2-no-commitment-cover';
import ec2NonprodAlwaysOn from '../../../src/analyze/rules/ec2-nonprod-always-on';
import ec2PreviousGeneration from '../../../src/analyze/rules/ec2-previous-generation';
import { daysAgo, flat, instance, ruleCases, run, volume } from './fixtures';

const staging = { owner: 'bob', environment: 'staging' };

ruleCases(ec2InstanceLowUtilization, {
  flagged: {
    parts: { instances: [instance({ metrics: { CPUUtilization: flat(3.1) } })] },
    check: (f) => {
      expect(f.reason).toContain('CPU max of daily averages 3.1% over 14 days');
      expect(f.evidence.suggestedType).toBe('m5.large');
      // m5.xlarge $0.192/h → m5.large $0.096/h over 730 h
      expect(f.monthlySavingsUsd).toBeCloseTo(70.08, 6);
    },
  },
  clean: { parts: { instances: [instance()] } },
  noData: { parts: { instances: [instance({ metrics: { CPUUtilization: flat(2, 3) } })] } },
});

ruleCases(ec2InstanceStoppedLong, {
  flagged: {
    parts: { instances: [instance({ state: 'stopped', stoppedSince: daysAgo(45) })], volumes: [volume()] },
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(8, 6),
  },
  clean: { parts: { instances: [instance()] } },
  noData: { parts: { instances: [instance({ state: 'stopped', stoppedSince: undefined })] } },
});

ruleCases(ec2PreviousGeneration, {
  flagged: {
    parts: { instances: [instance({ instanceType: 'm4.large' })] },
    check: (f) => expect(f.evidence.suggestedType).toBe('m5.large'),
  },
  clean: { parts: { instances: [instance()] } },
  noData: {
    parts: { instances: [instance({ instanceType: 'm4.large', platform: 'windows' })] },
    check: (f) => expect(f.reason).toContain('no bundled list price'),
  },
});

ruleCases(ec2GravitonCandidate, {
  flagged: {
    parts: { instances: [instance()] },
    check: (f) => expect(f.evidence.suggestedType).toBe('m6g.xlarge'),
  },
  clean: { parts: { instances: [instance({ instanceType: 'm6g.xlarge', architecture: 'arm64' })] } },
  noData: { parts: { instances: [instance({ instanceType: 'r5.24xlarge' })] } },
});

ruleCases(ec2NoCommitmentCover, {
  flagged: { parts: { instances: [instance()] }, status: 'info' },
  clean: {
    parts: {
      instances: [instance()],
      reservedInstances: [
        {
          accountId: '111111111111',
          region: 'us-east-1',
          id: 'ri-1',
          tags: {},
          instanceType: 'm5.xlarge',
          count: 1,
          state: 'active',
        },
      ],
    },
  },
  noData: { parts: { instances: [instance({ launchTime: undefined })] } },
});

ruleCases(ec2NonprodAlwaysOn, {
  flagged: {
    parts: { instances: [instance({ tags: staging, launchTime: daysAgo(40) })] },
    check: (f) => {
      // (1 − 60/168) of 730 h × $0.192
      expect(f.monthlySavingsUsd).toBeCloseTo(730 * 0.192 * (1 - 60 / 168), 3);
      expect(f.owner).toBe('bob');
    },
  },
  clean: { parts: { instances: [instance({ tags: staging, launchTime: daysAgo(1) })] } },
  noData: { parts: { instances: [instance({ tags: staging, launchTime: undefined })] } },
});

describe('EC2 prices outside us-east-1', () => {
  const idle = instance({ region: 'eu-west-1', metrics: { CPUUtilization: flat(2) } });

  it('uses the us-east-1 price, says so and lowers the confidence, without a regional price', () => {
    const [f] = run(ec2InstanceLowUtilization, { instances: [idle] });
    expect(f).toMatchObject({ savingsMethod: 'price-table-approx', confidence: 'low' });
    expect(f?.savingsBasis).toContain('us-east-1 list price used for eu-west-1');
  });

  it('uses the prices read from the Price List API when the run has them', () => {
    const ec2Prices = { 'eu-west-1': { 'm5.xlarge': 0.214, 'm5.large': 0.107 } };
    const [f] = run(ec2InstanceLowUtilization, { instances: [idle], ec2Prices });
    expect(f).toMatchObject({ savingsMethod: 'price-list-api', confidence: 'medium' });
    expect(f?.monthlySavingsUsd).toBeCloseTo(730 * 0.107, 6);
  });
});
