import { describe, expect, it } from 'vitest';
import { RUN_COST_KINDS, runCost } from '../../src/pricing/run-cost';
import { address, cache, db, instance, loadBalancer, nat, resources, volume } from '../analyze/rules/fixtures';
import { endpoint, notebook, searchDomain } from '../analyze/rules/fixtures-managed';

const inv = resources({});

describe('runCost: what a resource costs to keep a month at list price', () => {
  it('prices each kind from the table over 730 hours (us-east-1 list prices)', () => {
    expect(runCost('instances', instance(), inv)?.monthlyUsd).toBe(140.16); // m5.xlarge $0.192 × 730
    expect(runCost('volumes', volume(), inv)?.monthlyUsd).toBe(8); // gp3 100 GB × $0.08
    expect(runCost('addresses', address(), inv)?.monthlyUsd).toBe(3.65); // $0.005 × 730
    expect(runCost('natGateways', nat(), inv)?.monthlyUsd).toBe(32.85); // $0.045 × 730, before data processed
    expect(runCost('loadBalancers', loadBalancer(), inv)?.monthlyUsd).toBe(16.425); // ALB $0.0225 × 730, before LCUs
    expect(runCost('dbInstances', db(), inv)?.monthlyUsd).toBe(110.78); // db.t3.large $0.136 × 730 + 100 GB gp2 × $0.115
    expect(runCost('cacheClusters', cache(), inv)?.monthlyUsd).toBe(227.76); // 2 × cache.m4.large $0.156 × 730
    expect(runCost('endpoints', endpoint(), inv)?.monthlyUsd).toBe(73); // 2 × ml.t3.medium $0.05 × 730
    expect(runCost('notebooks', notebook(), inv)?.monthlyUsd).toBe(36.5); // ml.t3.medium $0.05 × 730
    // 3 × c4.2xlarge.search $0.587 × 730 + 3 × 400 GB gp2 × $0.135
    expect(runCost('searchDomains', searchDomain(), inv)?.monthlyUsd).toBe(1447.53);
  });

  it('has none for what bills nothing standing: stopped or non-Linux instances, deleting NATs, stopped databases', () => {
    expect(runCost('instances', instance({ state: 'stopped' }), inv)).toBeUndefined();
    expect(runCost('instances', instance({ platform: 'windows' }), inv)).toBeUndefined();
    expect(runCost('natGateways', nat({ state: 'deleting' }), inv)).toBeUndefined();
    expect(runCost('dbInstances', db({ status: 'stopped' }), inv)).toBeUndefined();
    expect(runCost('instances', instance({ instanceType: 'zz9.huge' }), inv)).toBeUndefined();
    expect(runCost('notebooks', notebook({ status: 'Stopped' }), inv)).toBeUndefined();
    expect(
      runCost('endpoints', endpoint({ variants: [{ name: 'v', instanceCount: 0, serverless: true }] }), inv),
    ).toBeUndefined();
  });

  it('names the price, its key and its region in the basis, approximate outside the table region', () => {
    const eu = runCost('volumes', volume({ region: 'eu-west-1' }), inv);
    expect(eu?.method).toBe('price-table-approx');
    expect(eu?.basis).toContain('ebs.gp3.storage');
    expect(eu?.basis).toContain('eu-west-1');
  });

  it('covers only kinds with a standing charge', () => {
    expect(RUN_COST_KINDS).not.toContain('buckets');
    expect(RUN_COST_KINDS).not.toContain('functions');
  });
});
