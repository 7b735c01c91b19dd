import { expect } from 'vitest';
import eipOnStoppedInstance from '../../../src/analyze/rules/eip-on-stopped-instance';
import eipUnassociated from '../../../src/analyze/rules/eip-unassociated';
import elbNoTargets from '../../../src/analyze/rules/elb-no-targets';
import elbNoTraffic from '../../../src/analyze/rules/elb-no-traffic';
import natGatewayIdle from '../../../src/analyze/rules/nat-gateway-idle';
import { address, daysAgo, flat, instance, loadBalancer, nat, ruleCases } from './fixtures';

ruleCases(eipUnassociated, {
  flagged: {
    parts: { addresses: [address({ associationId: undefined, instanceId: undefined })] },
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(3.65, 6),
  },
  clean: { parts: { addresses: [address()] } },
  // An address is either associated or not: with no addresses there is nothing to judge.
  noData: { parts: {}, empty: true },
});

ruleCases(eipOnStoppedInstance, {
  flagged: {
    parts: { addresses: [address()], instances: [instance({ state: 'stopped', stoppedSince: daysAgo(20) })] },
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(3.65, 6),
  },
  clean: { parts: { addresses: [address()], instances: [instance()] } },
  noData: { parts: { addresses: [address()], instances: [instance({ state: 'stopped', stoppedSince: undefined })] } },
});

ruleCases(natGatewayIdle, {
  flagged: {
    parts: {
      natGateways: [nat({ metrics: { BytesOutToDestination: flat(1000), BytesInFromDestination: flat(0, 0) } })],
    },
    check: (f) => {
      expect(f.monthlySavingsUsd).toBeCloseTo(32.85, 6);
      expect(f.reason).toContain('over 14 days');
    },
  },
  clean: { parts: { natGateways: [nat()] } },
  noData: { parts: { natGateways: [nat({ metrics: undefined })] } },
});

ruleCases(elbNoTargets, {
  flagged: {
    parts: { loadBalancers: [loadBalancer({ targetCount: 0 })] },
    // ALB hours: 730 × $0.0225
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(16.425, 6),
  },
  clean: { parts: { loadBalancers: [loadBalancer()] } },
  noData: { parts: { loadBalancers: [loadBalancer({ targetCount: undefined })] } },
});

ruleCases(elbNoTraffic, {
  flagged: {
    parts: { loadBalancers: [loadBalancer({ type: 'classic', metrics: { RequestCount: flat(0, 0) } })] },
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(18.25, 6),
  },
  clean: { parts: { loadBalancers: [loadBalancer()] } },
  noData: { parts: { loadBalancers: [loadBalancer({ type: 'network', metrics: {} })] } },
});
