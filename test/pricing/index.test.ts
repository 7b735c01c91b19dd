import { describe, expect, it } from 'vitest';
import {
  ebsVolumeCost,
  ec2Price,
  gp3Equivalent,
  isCommittable,
  monthlyCost,
  price,
  pricedWith,
  type Rate,
  rdsPrice,
  saving,
  TABLE_REGION,
} from '../../src/pricing';

const must = <T>(v: T | undefined): T => {
  if (v === undefined) throw new Error('expected a price');
  return v;
};

describe('pricing golden figures (us-east-1 list prices, 730 h a month)', () => {
  it('prices an idle public IPv4 address at $3.65 a month', () => {
    expect(monthlyCost(must(price('vpc.public_ipv4', 'us-east-1'))).monthlyUsd).toBeCloseTo(3.65, 6);
  });

  it('prices an idle NAT gateway at $32.85 a month before data', () => {
    expect(monthlyCost(must(price('vpc.nat_gateway.hour', 'us-east-1'))).monthlyUsd).toBeCloseTo(32.85, 6);
  });

  it('saves 20% of the storage price moving gp2 to gp3', () => {
    const gp2 = { type: 'gp2', sizeGb: 500, iops: 1500 };
    const from = must(ebsVolumeCost(gp2, 'us-east-1'));
    const to = must(ebsVolumeCost(gp3Equivalent(gp2), 'us-east-1'));
    expect(saving(from, to).monthlyUsd).toBeCloseTo(from.monthlyUsd * 0.2, 6);
  });

  it('prices an unattached 100 GB gp3 volume at $8.00 a month', () => {
    const cost = must(ebsVolumeCost({ type: 'gp3', sizeGb: 100, iops: 3000, throughputMBps: 125 }, 'us-east-1'));
    expect(cost.monthlyUsd).toBeCloseTo(8, 6);
    expect(cost.method).toBe('price-table');
  });

  it('bills gp3 IOPS above the 3,000 included and io1 IOPS in full', () => {
    expect(must(ebsVolumeCost({ type: 'gp3', sizeGb: 100, iops: 4000 }, 'us-east-1')).monthlyUsd).toBeCloseTo(13, 6);
    expect(must(ebsVolumeCost({ type: 'io1', sizeGb: 30, iops: 300 }, 'us-east-1')).monthlyUsd).toBeCloseTo(23.25, 6);
  });
});

describe('pricing outside the table', () => {
  it('states the approximation for a region other than us-east-1', () => {
    const est = monthlyCost(must(price('vpc.nat_gateway.hour', 'eu-west-1')));
    expect(est.method).toBe('price-table-approx');
    expect(est.basis).toContain(`${TABLE_REGION} list price used for eu-west-1`);
  });

  it('has no price for a type the table does not hold', () => {
    expect(ec2Price('m99.huge', 'us-east-1')).toBeUndefined();
    expect(ebsVolumeCost({ type: 'nvme-magic', sizeGb: 10 }, 'us-east-1')).toBeUndefined();
    expect(rdsPrice('oracle-ee', 'db.r5.24xlarge', false, 'us-east-1')).toBeUndefined();
  });

  it('prices EC2 and RDS from the bundled tables', () => {
    expect(must(ec2Price('t3.medium', 'us-east-1')).usd).toBe(0.0416);
    expect(must(rdsPrice('mysql', 'db.t3.large', true, 'us-east-1')).usd).toBe(0.272);
  });
});

describe('regional unit prices (pricedWith)', () => {
  const read = { 'eu-west-1': { 'ebs.gp3.storage': { usd: 0.088, fetchedOn: '2026-11-20' } } };

  it('answers from the prices read for a region, and names each region and key it approximated', () => {
    const { result, approximated } = pricedWith(read, () => [
      price('ebs.gp3.storage', 'eu-west-1'),
      price('ebs.gp2.storage', 'eu-west-1'),
      price('ebs.gp2.storage', 'us-east-1'),
    ]);
    expect(result[0]).toMatchObject({ usd: 0.088, method: 'price-list-api', region: 'eu-west-1' });
    expect(monthlyCost(result[0] as Rate, 100).basis).toBe(
      '100 × $0.088 (ebs.gp3.storage, eu-west-1 list price from the Price List API)',
    );
    expect(result[1]).toMatchObject({ usd: 0.1, method: 'price-table-approx' });
    expect(result[2]).toMatchObject({ usd: 0.1, method: 'price-table' });
    expect(approximated).toEqual([{ region: 'eu-west-1', key: 'ebs.gp2.storage' }]);
  });

  it('holds them for that evaluation only', () => {
    pricedWith(read, () => undefined);
    expect(price('ebs.gp3.storage', 'eu-west-1')).toMatchObject({ usd: 0.08, method: 'price-table-approx' });
  });
});

describe('which prices a commitment can pay for', () => {
  it('counts instance and node hours of the reservable services, never storage, IPv4 or transfer', () => {
    const yes = [
      'ec2.m5.large',
      'rds.mysql.db.t3.large.single_az',
      'elasticache.cache.m4.large',
      'redshift.dc2.large.node_hour',
    ];
    const no = ['ebs.gp3.storage', 'vpc.public_ipv4', 'rds.storage.gp2', 'ec2.cpu_credits.standard'];
    expect(yes.filter((k) => !isCommittable(k))).toEqual([]);
    expect(no.filter((k) => isCommittable(k))).toEqual([]);
  });

  it('puts Redshift node hours in the committable part of an estimate', () => {
    const nodes = monthlyCost(must(price('redshift.dc2.large.node_hour', TABLE_REGION)), 2);
    expect(nodes.committableUsd).toBe(365);
  });
});
