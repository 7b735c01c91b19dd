/** Builders for the network and commitment kinds (VPC endpoints, TGW attachments, health checks, alarms, cover). */
import type {
  CommitmentCover,
  HealthCheck,
  ListRead,
  MetricAlarm,
  TransitGatewayAttachment,
  VpcEndpoint,
} from '../../../src/domain/resources-network';
import { daysAgo, flat } from './fixtures';

const base = { accountId: '111111111111', region: 'us-east-1', tags: { owner: 'alice' } };

export const endpoint = (o: Partial<VpcEndpoint> = {}): VpcEndpoint => ({
  ...base,
  id: 'vpce-1',
  endpointType: 'Interface',
  serviceName: 'com.amazonaws.us-east-1.ssm',
  vpcId: 'vpc-1',
  state: 'available',
  subnetIds: ['subnet-a', 'subnet-b'],
  createTime: daysAgo(200),
  metrics: { BytesProcessed: flat(1024 ** 2) },
  ...o,
});

export const gatewayEndpoint = (service: 's3' | 'dynamodb', o: Partial<VpcEndpoint> = {}): VpcEndpoint =>
  endpoint({
    id: `vpce-${service}`,
    endpointType: 'Gateway',
    serviceName: `com.amazonaws.us-east-1.${service}`,
    subnetIds: [],
    metrics: undefined,
    ...o,
  });

export const attachment = (o: Partial<TransitGatewayAttachment> = {}): TransitGatewayAttachment => ({
  ...base,
  id: 'tgw-attach-1',
  transitGatewayId: 'tgw-1',
  resourceType: 'vpc',
  resourceId: 'vpc-1',
  state: 'available',
  createTime: daysAgo(300),
  metrics: { BytesIn: flat(1024 ** 3), BytesOut: flat(1024 ** 3) },
  ...o,
});

export const healthCheck = (o: Partial<HealthCheck> = {}): HealthCheck => ({
  ...base,
  id: 'hc-1',
  type: 'HTTPS',
  domainName: 'erp.example.com',
  derived: false,
  metrics: { HealthCheckStatus: flat(1) },
  ...o,
});

export const alarm = (o: Partial<MetricAlarm> = {}): MetricAlarm => ({
  ...base,
  id: 'erp-cpu-high',
  name: 'erp-cpu-high',
  state: 'OK',
  stateSince: daysAgo(10),
  namespace: 'AWS/EC2',
  metricName: 'CPUUtilization',
  dimensions: { InstanceId: 'i-1' },
  metricCount: 1,
  periodSeconds: 300,
  anomalyDetection: false,
  ...o,
});

export const cover = (o: Partial<CommitmentCover> = {}): CommitmentCover => ({
  accountId: '111111111111',
  region: 'global',
  id: 'savings-plans',
  tags: {},
  ...o,
});

/** The mark that DescribeVpcEndpoints answered in the account and region. */
export const endpointsRead = (o: Partial<ListRead> = {}): ListRead => ({
  accountId: '111111111111',
  region: 'us-east-1',
  id: 'ec2:DescribeVpcEndpoints@111111111111/us-east-1',
  tags: {},
  source: 'ec2:DescribeVpcEndpoints',
  ...o,
});
