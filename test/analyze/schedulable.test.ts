import { describe, expect, it } from 'vitest';
import { schedulableResources } from '../../src/analyze/schedulable';
import { rdsClassPrice } from '../../src/pricing/rds';
import { db, instance, resources } from './rules/fixtures';
import { ecsService, group } from './rules/fixtures-compute';
import { auroraCluster } from './rules/fixtures-database';

describe('the resources a schedule can act on', () => {
  it('prices a standalone instance by the hour and leaves out Spot, Auto Scaling members and terminated ones', () => {
    const found = schedulableResources(
      resources({
        instances: [
          instance({ id: 'i-own', instanceType: 'm5.large', tags: { Name: 'dev-1', environment: 'development' } }),
          instance({ id: 'i-spot', lifecycle: 'spot' }),
          instance({ id: 'i-asg', tags: { 'aws:autoscaling:groupName': 'workers' } }),
          instance({ id: 'i-gone', state: 'terminated' }),
          instance({ id: 'i-win', platform: 'windows' }),
        ],
      }),
    );
    expect(found.map((r) => r.id)).toEqual(['i-own', 'i-win']);
    expect(found[0]).toMatchObject({
      kind: 'ec2-instance',
      name: 'dev-1',
      hourlyUsd: 0.096,
      usageTypes: ['BoxUsage:m5.large'],
      priceBasis: expect.stringContaining('ec2.m5.large'),
    });
    // The table is Linux only: no price, said by its absence, never guessed.
    expect(found[1]?.hourlyUsd).toBeUndefined();
  });

  it('schedules an Aurora cluster as a whole, priced by its members, and never a member alone', () => {
    const found = schedulableResources(
      resources({
        dbInstances: [
          db({ id: 'erp-db', instanceClass: 'db.t3.large', engine: 'mysql' }),
          db({ id: 'aur-1', engine: 'aurora-mysql', instanceClass: 'db.t3.medium' }),
          db({ id: 'aur-2', engine: 'aurora-mysql', instanceClass: 'db.t3.medium' }),
        ],
        dbClusters: [auroraCluster({ id: 'aur', memberIds: ['aur-1', 'aur-2'] })],
      }),
    );
    expect(found.map((r) => [r.kind, r.id])).toEqual([
      ['rds-instance', 'erp-db'],
      ['aurora-cluster', 'aur'],
    ]);
    const cluster = found[1];
    const single = found[0];
    expect(single?.hourlyUsd).toBeGreaterThan(0);
    const member = rdsClassPrice('aurora-mysql', 'db.t3.medium', false, 'us-east-1');
    expect(cluster?.hourlyUsd).toBeCloseTo(2 * (member?.usd ?? Number.NaN), 6);
  });

  it('keeps what a start restores: the group sizes, the service and its task count; and whether it scales itself', () => {
    const found = schedulableResources(
      resources({
        autoScalingGroups: [group({ id: 'workers', min: 1, max: 4, desired: 2, scheduled: true })],
        ecsServices: [ecsService({ desiredCount: 3 }), ecsService({ id: 'erp/ec2', launchType: 'EC2' })],
      }),
    );
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({
      kind: 'asg',
      sizes: { min: 1, max: 4, desired: 2 },
      scheduledElsewhere: true,
      hourlyUsd: 2 * 0.096,
    });
    expect(found[1]).toMatchObject({
      kind: 'ecs-service',
      id: 'erp/erp-worker',
      service: { cluster: 'erp', name: 'erp-worker', desired: 3 },
    });
    expect(found[1]?.scheduledElsewhere).toBeUndefined();
    expect(found[1]?.usageTypes).toEqual(['Fargate-vCPU-Hours:perCPU', 'Fargate-GB-Hours']);
  });
});
