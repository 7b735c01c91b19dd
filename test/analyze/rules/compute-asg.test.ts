import { expect } from 'vitest';
import asgNonprodAlwaysOn from '../../../src/analyze/rules/asg-nonprod-always-on';
import asgSpotCandidate from '../../../src/analyze/rules/asg-spot-candidate';
import { ruleCases } from './fixtures';
import { group, spotPrice } from './fixtures-compute';

ruleCases(asgSpotCandidate, {
  flagged: {
    parts: { autoScalingGroups: [group()], spotPrices: [spotPrice({ usdPerHour: 0.035 })] },
    check: (f) => {
      // Golden: 2 × 730 h × ($0.096 m5.large On-Demand (karpenter table) - $0.035 Spot read from
      // DescribeSpotPriceHistory) = $140.16 - $51.10 = $89.06.
      expect(f.monthlySavingsUsd).toBe(89.06);
      expect(f.reason).toContain('two-minute interruption notice');
    },
  },
  clean: {
    parts: {
      autoScalingGroups: [
        group({ onDemandPercentAboveBase: 20 }),
        group({ id: 'prod-web', tags: { environment: 'production' } }),
      ],
      spotPrices: [spotPrice()],
    },
  },
  noData: {
    parts: { autoScalingGroups: [group()], spotPrices: [] },
    check: (f) => expect(f.savingsBasis).toBe('no Spot price read for m5.large in us-east-1'),
  },
});

ruleCases(asgNonprodAlwaysOn, {
  flagged: {
    parts: { autoScalingGroups: [group()] },
    check: (f) => {
      // Golden: (1 - 60/168) × 2 × 730 h × $0.096 (m5.large, karpenter table) = 0.642857 × $140.16 = $90.1029
      // (ec2-nonprod-always-on's 60 h a week).
      expect(f.monthlySavingsUsd).toBe(90.1029);
      expect(f.savingsBasis).toContain('64% (scaled to 0 outside 60 h a week) of 2 × 730 h × $0.096');
    },
  },
  clean: {
    parts: {
      autoScalingGroups: [group({ scheduled: true }), group({ id: 'idle', desired: 0, instances: [] })],
    },
  },
  noData: { parts: { autoScalingGroups: [group({ scheduled: undefined })] } },
});
