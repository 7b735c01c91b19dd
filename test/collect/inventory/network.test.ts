import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeTransitGatewayAttachmentsCommand, DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListHealthChecksCommand, ListTagsForResourcesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../../src/aws';
import { awsError } from '../../../src/aws/replay';
import { collectMetricAlarms } from '../../../src/collect/inventory/alarms';
import type { RegionContext } from '../../../src/collect/inventory/context';
import { MetricRequests } from '../../../src/collect/inventory/metrics';
import { collectHealthChecks } from '../../../src/collect/inventory/route53';
import { collectVpcNetwork } from '../../../src/collect/inventory/vpc';

const ec2 = mockClient(EC2Client);
const cw = mockClient(CloudWatchClient);
const r53 = mockClient(Route53Client);
afterEach(() => {
  for (const m of [ec2, cw, r53]) m.reset();
});

const context = (region = 'us-east-1'): RegionContext => ({
  aws: createAws({ mode: 'live', homeRegion: 'us-east-1' }),
  region,
  accountId: '111111111111',
  asOf: '2026-11-20',
  notes: [],
  metrics: new MetricRequests(),
});

describe('collectVpcNetwork', () => {
  it('reads every page of endpoints and attachments, and asks for each one traffic metric', async () => {
    ec2
      .on(DescribeVpcEndpointsCommand)
      .resolvesOnce({
        VpcEndpoints: [
          {
            VpcEndpointId: 'vpce-1',
            VpcEndpointType: 'Interface',
            ServiceName: 'com.amazonaws.us-east-1.ssm',
            VpcId: 'vpc-1',
            State: 'Available',
            SubnetIds: ['subnet-a', 'subnet-b'],
            OwnerId: '111111111111',
            Tags: [{ Key: 'team', Value: 'platform' }],
          },
        ],
        NextToken: 'next',
      })
      .resolvesOnce({
        VpcEndpoints: [
          {
            VpcEndpointId: 'vpce-2',
            VpcEndpointType: 'Gateway',
            ServiceName: 'com.amazonaws.us-east-1.s3',
            VpcId: 'vpc-1',
            State: 'Available',
          },
          { VpcEndpointId: 'vpce-3', VpcEndpointType: 'Interface', State: 'Deleted' },
        ],
      });
    ec2.on(DescribeTransitGatewayAttachmentsCommand).resolves({
      TransitGatewayAttachments: [
        {
          TransitGatewayAttachmentId: 'tgw-attach-1',
          TransitGatewayId: 'tgw-1',
          TransitGatewayOwnerId: '111111111111',
          ResourceType: 'vpc',
          ResourceId: 'vpc-1',
          State: 'available',
        },
        // Another account's gateway: read in that account, where its metrics are.
        {
          TransitGatewayAttachmentId: 'tgw-attach-2',
          TransitGatewayId: 'tgw-9',
          TransitGatewayOwnerId: '333333333333',
          ResourceOwnerId: '111111111111',
          State: 'available',
        },
      ],
    });
    const ctx = context();
    const out = await collectVpcNetwork(ctx);
    expect(ec2.commandCalls(DescribeVpcEndpointsCommand)).toHaveLength(2);
    expect(out.vpcEndpoints?.map((e) => [e.id, e.endpointType, e.state, e.subnetIds.length])).toEqual([
      ['vpce-1', 'Interface', 'available', 2],
      ['vpce-2', 'Gateway', 'available', 0],
    ]);
    expect(out.vpcEndpoints?.[0]?.tags).toEqual({ team: 'platform' });
    // The mark that the list was read here: rules flag a missing gateway endpoint only where it is set.
    expect(out.listsRead?.map((l) => [l.source, l.accountId, l.region])).toEqual([
      ['ec2:DescribeVpcEndpoints', '111111111111', 'us-east-1'],
    ]);
    expect(out.transitGatewayAttachments?.map((a) => [a.id, a.transitGatewayId, a.resourceId])).toEqual([
      ['tgw-attach-1', 'tgw-1', 'vpc-1'],
    ]);
    // One BytesProcessed for the interface endpoint (none for the gateway one), BytesIn and BytesOut per attachment.
    expect(ctx.metrics.wants.map((w) => [w.namespace, w.metricName, Object.keys(w.dimensions).length])).toEqual([
      ['AWS/PrivateLinkEndpoints', 'BytesProcessed', 4],
      ['AWS/TransitGateway', 'BytesIn', 2],
      ['AWS/TransitGateway', 'BytesOut', 2],
    ]);
    expect(ctx.notes).toEqual([]);
  });

  it('turns a denied list into a note and still reads the other', async () => {
    ec2.on(DescribeVpcEndpointsCommand).rejects(awsError('UnauthorizedOperation', 'not authorized'));
    ec2.on(DescribeTransitGatewayAttachmentsCommand).resolves({ TransitGatewayAttachments: [] });
    const ctx = context();
    const out = await collectVpcNetwork(ctx);
    expect(out).toEqual({ transitGatewayAttachments: [] });
    expect(ctx.notes).toEqual([
      expect.objectContaining({ kind: 'denied', source: 'ec2:DescribeVpcEndpoints', region: 'us-east-1' }),
    ]);
  });
});

describe('collectHealthChecks', () => {
  it('reads every page once, in us-east-1, and asks the status of checks that probe an endpoint', async () => {
    r53
      .on(ListHealthChecksCommand)
      .resolvesOnce({
        HealthChecks: [
          {
            Id: 'hc-1',
            CallerReference: 'a',
            HealthCheckVersion: 1,
            HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'erp.example.com' },
          },
        ],
        IsTruncated: true,
        NextMarker: 'm',
        Marker: '',
        MaxItems: 1,
      })
      .resolvesOnce({
        HealthChecks: [
          { Id: 'hc-2', CallerReference: 'b', HealthCheckVersion: 1, HealthCheckConfig: { Type: 'CALCULATED' } },
        ],
        IsTruncated: false,
        Marker: 'm',
        MaxItems: 1,
      });
    r53.on(ListTagsForResourcesCommand).resolves({
      ResourceTagSets: [{ ResourceType: 'healthcheck', ResourceId: 'hc-1', Tags: [{ Key: 'owner', Value: 'alice' }] }],
    });
    const ctx = context();
    const out = await collectHealthChecks(ctx);
    expect(r53.commandCalls(ListTagsForResourcesCommand).map((c) => c.args[0].input)).toEqual([
      { ResourceType: 'healthcheck', ResourceIds: ['hc-1', 'hc-2'] },
    ]);
    expect(out.healthChecks?.map((h) => h.tags)).toEqual([{ owner: 'alice' }, {}]);
    expect(ctx.notes).toEqual([]);
    expect(out.healthChecks?.map((h) => [h.id, h.type, h.derived, h.domainName])).toEqual([
      ['hc-1', 'HTTPS', false, 'erp.example.com'],
      ['hc-2', 'CALCULATED', true, undefined],
    ]);
    expect(ctx.metrics.wants.map((w) => [w.metricName, w.dimensions])).toEqual([
      ['HealthCheckStatus', { HealthCheckId: 'hc-1' }],
    ]);
    expect(await collectHealthChecks(context('eu-west-1'))).toEqual({});
    expect(r53.commandCalls(ListHealthChecksCommand)).toHaveLength(2);
  });

  it('turns a refusal into a note', async () => {
    r53.on(ListHealthChecksCommand).rejects(awsError('AccessDenied', 'User is not authorized'));
    const ctx = context();
    expect(await collectHealthChecks(ctx)).toEqual({});
    expect(ctx.notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'route53:ListHealthChecks' })]);
  });
});

describe('collectMetricAlarms', () => {
  it('reads every page of metric alarms with their state, dimensions and billed metrics', async () => {
    cw.on(DescribeAlarmsCommand)
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: 'myalarm',
            AlarmArn: 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:myalarm',
            StateValue: 'INSUFFICIENT_DATA',
            StateUpdatedTimestamp: new Date('2026-05-01T00:00:00Z'),
            Namespace: 'AWS/EC2',
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'InstanceId', Value: 'i-0c986c72' }],
            Period: 300,
          },
        ],
        NextToken: 't',
      })
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: 'latency-math',
            StateValue: 'OK',
            Metrics: [
              {
                Id: 'm1',
                MetricStat: {
                  Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'TargetResponseTime' },
                  Period: 10,
                  Stat: 'p99',
                },
              },
              {
                Id: 'm2',
                MetricStat: {
                  Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount' },
                  Period: 60,
                  Stat: 'Sum',
                },
              },
              { Id: 'e1', Expression: 'm1 * m2' },
            ],
          },
        ],
      });
    const ctx = context();
    const out = await collectMetricAlarms(ctx);
    expect(cw.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input)).toMatchObject([
      { AlarmTypes: ['MetricAlarm'] },
      { AlarmTypes: ['MetricAlarm'], NextToken: 't' },
    ]);
    expect(out.metricAlarms).toEqual([
      expect.objectContaining({
        id: 'myalarm',
        state: 'INSUFFICIENT_DATA',
        stateSince: '2026-05-01T00:00:00.000Z',
        dimensions: { InstanceId: 'i-0c986c72' },
        metricCount: 1,
        periodSeconds: 300,
        anomalyDetection: false,
      }),
      expect.objectContaining({
        id: 'latency-math',
        metricCount: 2,
        periodSeconds: 10,
        metricName: 'TargetResponseTime',
      }),
    ]);
  });
});
