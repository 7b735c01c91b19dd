import { describe, expect, it } from 'vitest';
import { ebsVolumeCost, ec2Price, gp3Equivalent, monthlyCost, price, rdsPrice, saving } from '../../src/pricing';
import { billedUsageTypes, regionOfUsageType, usageTypeOf } from '../../src/pricing/usage-types';

describe('usage types', () => {
  it('name the line of the bill each unit price is billed under', () => {
    expect(usageTypeOf('ebs.gp2.storage')).toBe('EBS:VolumeUsage.gp2');
    expect(usageTypeOf('ebs.io1.storage')).toBe('EBS:VolumeUsage.piops');
    expect(usageTypeOf('ebs.io1.iops')).toBe('EBS:VolumeP-IOPS.piops');
    expect(usageTypeOf('ec2.m5.large')).toBe('BoxUsage:m5.large');
    expect(usageTypeOf('rds.postgres.db.t3.large.multi_az')).toBe('Multi-AZUsage:db.t3.large');
    expect(usageTypeOf('rds.mysql.db.t3.large.single_az')).toBe('InstanceUsage:db.t3.large');
    expect(usageTypeOf('rds.storage.gp2')).toBe('RDS:GP2-Storage');
    expect(usageTypeOf('elasticache.cache.m6g.12xlarge')).toBe('NodeUsage:cache.m6g.12xlarge');
    expect(usageTypeOf('vpc.nat_gateway.hour')).toBe('NatGateway-Hours');
    expect(usageTypeOf('opensearch.c4.2xlarge.search')).toBe('ESInstance:c4.2xlarge');
    expect(usageTypeOf('sagemaker.host.ml.t3.medium')).toBe('Host:ml.t3.medium');
    expect(usageTypeOf('sagemaker.notebook.ml.t3.medium')).toBe('Notebk:ml.t3.medium');
  });

  it('name none where other services bill the same usage type, or the key is not a unit of its own', () => {
    expect(usageTypeOf('logs.storage')).toBeUndefined(); // TimedStorage-ByteHrs: S3, EFS and Logs alike
    expect(usageTypeOf('efs.standard.storage')).toBeUndefined();
    expect(usageTypeOf('ec2.t3.medium.linux')).toBeUndefined();
    // OpenSearch storage and UltraWarm have no usage type of their own that we can name.
    expect(usageTypeOf('opensearch.storage.gp2')).toBeUndefined();
    expect(usageTypeOf('opensearch.ultrawarm1.medium.search')).toBeUndefined();
    // A price scaled from another size names neither the listed class nor (wrongly) itself.
    expect(usageTypeOf('elasticache.cache.m5.large scaled ×24 to cache.m5.12xlarge')).toBeUndefined();
  });

  it('carry the region billing code, and in us-east-1 the bare name as well', () => {
    expect(billedUsageTypes('EBS:VolumeUsage.gp2', 'eu-west-1')).toEqual(['EU-EBS:VolumeUsage.gp2']);
    expect(billedUsageTypes('BoxUsage:m5.large', 'ap-south-1')).toEqual(['APS3-BoxUsage:m5.large']);
    expect(billedUsageTypes('BoxUsage:m5.large', 'us-east-1')).toEqual(['USE1-BoxUsage:m5.large', 'BoxUsage:m5.large']);
    expect(billedUsageTypes('BoxUsage:m5.large', 'xx-nowhere-1')).toEqual([]);
  });

  it('follow an estimate through sums and savings: both sides of a change are lines the bill moves', () => {
    const io1 = ebsVolumeCost({ type: 'io1', sizeGb: 100, iops: 4000 }, 'us-east-1');
    expect(io1?.usageTypes).toEqual(['EBS:VolumeUsage.piops', 'EBS:VolumeP-IOPS.piops']);
    const gp3 = ebsVolumeCost(gp3Equivalent({ type: 'io1', sizeGb: 100, iops: 4000 }), 'us-east-1');
    expect(io1 && gp3 && saving(io1, gp3).usageTypes).toEqual([
      'EBS:VolumeUsage.piops',
      'EBS:VolumeP-IOPS.piops',
      'EBS:VolumeUsage.gp3',
      'EBS:VolumeP-IOPS.gp3',
    ]);
    const m5 = ec2Price('m5.large', 'us-east-1');
    expect(m5 && monthlyCost(m5).usageTypes).toEqual(['BoxUsage:m5.large']);
    const rds = rdsPrice('postgres', 'db.t3.large', false, 'us-east-1');
    expect(rds && monthlyCost(rds).usageTypes).toEqual(['InstanceUsage:db.t3.large']);
    const logs = price('logs.storage', 'us-east-1');
    expect(logs && monthlyCost(logs, 10).usageTypes).toEqual([]);
  });
});

describe('the region a usage type is billed in', () => {
  it('reads the billing code, the source of a transfer, a bare name as us-east-1 and a named region', () => {
    expect(regionOfUsageType('EU-NatGateway-Hours')).toBe('eu-west-1');
    expect(regionOfUsageType('APN1-BoxUsage:m5.large')).toBe('ap-northeast-1');
    expect(regionOfUsageType('USE1-EUC1-AWS-Out-Bytes')).toBe('us-east-1');
    expect(regionOfUsageType('EUC1-USE1-AWS-Out-Bytes')).toBe('eu-central-1');
    expect(regionOfUsageType('BoxUsage:m5.large')).toBe('us-east-1');
    expect(regionOfUsageType('TimedStorage-ByteHrs')).toBe('us-east-1');
    expect(regionOfUsageType('eu-west-1-KMS-Requests')).toBe('eu-west-1');
  });

  it('says nothing for a code it does not know', () => {
    expect(regionOfUsageType('ZZZ9-BoxUsage:m5.large')).toBeUndefined();
  });
});
