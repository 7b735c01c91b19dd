import { describe, expect, it } from 'vitest';
import elasticacheNoReservationCover from '../../../src/analyze/rules/elasticache-no-reservation-cover';
import rdsNoReservationCover from '../../../src/analyze/rules/rds-no-reservation-cover';
import redshiftNoReservationCover from '../../../src/analyze/rules/redshift-no-reservation-cover';
import type { RedshiftCluster } from '../../../src/domain/resources-database';
import type { CommitmentCover, ReservationCover } from '../../../src/domain/resources-network';
import { cache, daysAgo, db, ruleCases, run } from './fixtures';

/** The commitments record with these reservations, the lists of `read` read whole. */
const cover = (
  reservations: ReservationCover[],
  read = ['rds@us-east-1', 'elasticache@us-east-1', 'redshift@us-east-1'],
) =>
  [
    {
      accountId: '111111111111',
      region: 'global',
      id: 'savings-plans',
      tags: {},
      reservations,
      reservationsRead: read,
    },
  ] satisfies CommitmentCover[];

const rds = (instanceType: string, count: number, o: Partial<ReservationCover> = {}): ReservationCover => ({
  service: 'rds',
  region: 'us-east-1',
  instanceType,
  count,
  engine: 'mysql',
  multiAz: false,
  ...o,
});

ruleCases(rdsNoReservationCover, {
  flagged: {
    // Size flexibility: one db.t3.medium reservation is half a db.t3.large, so half its hours are uncovered.
    parts: { dbInstances: [db()], commitmentCover: cover([rds('db.t3.medium', 1)]) },
    check: (f) => {
      // Golden: db.t3.large MySQL $0.136/h × 730 h = $99.28, 50% uncovered, × 30% assumed discount = $14.892.
      expect(f.monthlySavingsUsd).toBe(14.892);
      expect(f.confidence).toBe('low');
      expect(f.savingsBasis).toBe(
        '30% (assumed 1-year No Upfront reserved DB instance discount, the low end of quoted rates) of 50% (the share no reservation covers) of 1 × 730 h × $0.136 (rds.mysql.db.t3.large.single_az, us-east-1 list price)',
      );
      expect(f.commitmentEligibleUsd).toBe(0);
    },
  },
  // A db.t3.xlarge reservation is two units: a Multi-AZ db.t3.large takes both.
  clean: { parts: { dbInstances: [db({ multiAz: true })], commitmentCover: cover([rds('db.t3.xlarge', 1)]) } },
  noData: { parts: { dbInstances: [db()], commitmentCover: cover([], []) } },
});

describe('rds-no-reservation-cover', () => {
  it('matches engines without size flexibility on the exact class and deployment only', () => {
    const sqlserver = db({ engine: 'sqlserver-se', instanceClass: 'db.m5.large' });
    const [f] = run(rdsNoReservationCover, {
      dbInstances: [sqlserver],
      commitmentCover: cover([rds('db.m5.xlarge', 1, { engine: 'sqlserver-se' })]),
    });
    expect(f?.reason).toMatch(/^100% of sqlserver-se db\.m5\.large runs On-Demand/);
  });

  it('shares a short pool over every instance in it, and leaves out the young and the non-production', () => {
    const findings = run(rdsNoReservationCover, {
      dbInstances: [
        db({ id: 'a' }),
        db({ id: 'b' }),
        db({ id: 'young', createTime: daysAgo(10) }),
        db({ id: 'staging', tags: { environment: 'staging' } }),
      ],
      commitmentCover: cover([rds('db.t3.large', 1)]),
    });
    expect(findings.map((f) => [f.resourceId, f.evidence?.uncoveredShare])).toEqual([
      ['a', 0.5],
      ['b', 0.5],
    ]);
  });
});

const nodes = (count: number): ReservationCover => ({
  service: 'elasticache',
  region: 'us-east-1',
  instanceType: 'cache.m4.large',
  count,
});

ruleCases(elasticacheNoReservationCover, {
  flagged: {
    parts: { cacheClusters: [cache({ createTime: daysAgo(400) })], commitmentCover: cover([nodes(1)]) },
    check: (f) => {
      // Golden: 2 x cache.m4.large $0.156/h × 730 h = $227.76, 1 of 2 nodes reserved, × 20% assumed discount = $22.776.
      expect(f.monthlySavingsUsd).toBe(22.776);
    },
  },
  clean: { parts: { cacheClusters: [cache({ createTime: daysAgo(400) })], commitmentCover: cover([nodes(2)]) } },
  noData: { parts: { cacheClusters: [cache({ createTime: daysAgo(400) })], commitmentCover: [] } },
});

const warehouse = (o: Partial<RedshiftCluster> = {}): RedshiftCluster => ({
  accountId: '111111111111',
  region: 'us-east-1',
  id: 'erp-warehouse',
  tags: { owner: 'erin' },
  nodeType: 'dc2.large',
  nodes: 2,
  status: 'available',
  createTime: daysAgo(300),
  ...o,
});

ruleCases(redshiftNoReservationCover, {
  flagged: {
    parts: { redshiftClusters: [warehouse()], commitmentCover: cover([]) },
    check: (f) => {
      // Golden: 2 x dc2.large $0.25/node-hour × 730 h = $365, none reserved, × 20% assumed discount = $73.
      expect(f.monthlySavingsUsd).toBe(73);
    },
  },
  clean: {
    parts: {
      redshiftClusters: [warehouse()],
      commitmentCover: cover([{ service: 'redshift', region: 'us-east-1', instanceType: 'dc2.large', count: 2 }]),
    },
  },
  noData: { parts: { redshiftClusters: [warehouse({ region: 'eu-west-1' })], commitmentCover: cover([]) } },
});
