import { expect } from 'vitest';
import ec2BurstableCreditsCharged from '../../../src/analyze/rules/ec2-burstable-credits-charged';
import ec2DetailedMonitoringNonprod from '../../../src/analyze/rules/ec2-detailed-monitoring-nonprod';
import ec2SpotCandidate from '../../../src/analyze/rules/ec2-spot-candidate';
import { flat, instance, ruleCases } from './fixtures';
import { spotPrice } from './fixtures-compute';

const staging = { owner: 'alice', environment: 'staging' };

ruleCases(ec2SpotCandidate, {
  flagged: {
    parts: {
      instances: [instance({ instanceType: 'm5.large', tags: staging })],
      spotPrices: [spotPrice(), spotPrice({ availabilityZone: 'us-east-1b', usdPerHour: 0.035 })],
    },
    check: (f) => {
      // Golden: 730 h × ($0.096 m5.large On-Demand (karpenter table) - $0.04 Spot, the highest zone's latest
      // price) = $70.08 - $29.20 = $40.88.
      expect(f.monthlySavingsUsd).toBe(40.88);
      expect(f.commitmentEligibleUsd).toBe(40.88);
      expect(f.reason).toContain('two-minute Spot interruption notice');
      expect(f.reason).toContain('Spot $0.04/h against On-Demand $0.096/h (58% less)');
    },
  },
  clean: {
    parts: {
      instances: [
        instance({ instanceType: 'm5.large', tags: staging, id: 'i-close' }),
        instance({ instanceType: 'm5.large', tags: { environment: 'production' }, id: 'i-prod' }),
        instance({ tags: { ...staging, 'aws:autoscaling:groupName': 'workers' }, id: 'i-asg' }),
      ],
      spotPrices: [spotPrice({ usdPerHour: 0.08 })],
    },
    check: (f) => expect(f.resourceId).toBe('i-close'),
  },
  // No Spot price read for the type: info, never a guessed discount.
  noData: {
    parts: { instances: [instance({ instanceType: 'm5.large', tags: staging })], spotPrices: [] },
    check: (f) => expect(f.savingsBasis).toBe('no Spot price read for m5.large in us-east-1'),
  },
});

ruleCases(ec2DetailedMonitoringNonprod, {
  flagged: {
    parts: { instances: [instance({ tags: staging, monitoring: 'enabled' })] },
    check: (f) => {
      // Golden: 7 metrics × $0.30 per metric-month (cloudwatch.custom_metric.month.first_10k; CloudWatch pricing
      // example: 70 metrics for 10 instances = $21.00) = $2.10.
      expect(f.monthlySavingsUsd).toBe(2.1);
      expect(f.confidence).toBe('medium');
    },
  },
  clean: {
    parts: {
      instances: [
        instance({ tags: staging, monitoring: 'disabled' }),
        instance({ tags: { environment: 'production' }, monitoring: 'enabled' }),
      ],
    },
  },
  noData: { empty: true, parts: { instances: [instance({ tags: staging })] } },
});

ruleCases(ec2BurstableCreditsCharged, {
  flagged: {
    // 1,200 surplus credits a day for 14 days = 16,800 credits = 280 vCPU-hours.
    parts: { instances: [instance({ instanceType: 't3.large', metrics: { CPUSurplusCreditsCharged: flat(1200) } })] },
    check: (f) => {
      // Golden: credits 280 vCPU-h ÷ 336 h = 0.8333 vCPU × 730 h × $0.05 (ec2.cpu_credits_unlimited, instance_test
      // golden) = $30.4167; t3.large 730 h × $0.0832 = $60.736; m5.large 730 h × $0.096 = $70.08;
      // saving = $30.4167 + $60.736 - $70.08 = $21.0727.
      expect(f.monthlySavingsUsd).toBe(21.0727);
      expect(f.evidence).toMatchObject({ suggestedType: 'm5.large' });
      expect(f.reason).toContain('16800 surplus CPU credits (280.0 vCPU-hours) over 14 days');
    },
  },
  clean: {
    parts: {
      instances: [
        instance({ instanceType: 't3.large', metrics: { CPUSurplusCreditsCharged: flat(0, 0) } }),
        // 100 credits a day cost $1.81 a month: less than m5.large's extra $9.34.
        instance({ id: 'i-2', instanceType: 't3.large', metrics: { CPUSurplusCreditsCharged: flat(100) } }),
      ],
    },
  },
  noData: {
    parts: {
      instances: [
        instance({ instanceType: 't3.large', metrics: {} }),
        // Charged, but T4g credits have no bundled price: info without a figure.
        instance({ id: 'i-g', instanceType: 't4g.large', metrics: { CPUSurplusCreditsCharged: flat(1200) } }),
      ],
    },
  },
});
