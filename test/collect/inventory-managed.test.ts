import {
  DescribeDomainsCommand,
  type DescribeDomainsCommandInput,
  ListDomainNamesCommand,
  ListTagsCommand as ListDomainTagsCommand,
  OpenSearchClient,
} from '@aws-sdk/client-opensearch';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  ListEndpointsCommand,
  ListNotebookInstancesCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import type { RegionContext } from '../../src/collect/inventory/context';
import { collectManagedServices } from '../../src/collect/inventory/managed';
import { MetricRequests } from '../../src/collect/inventory/metrics';
import { collectSearchDomains } from '../../src/collect/inventory/opensearch';
import { collectSageMaker } from '../../src/collect/inventory/sagemaker';

const sagemaker = mockClient(SageMakerClient);
const opensearch = mockClient(OpenSearchClient);
afterEach(() => {
  sagemaker.reset();
  opensearch.reset();
});

const context = (): RegionContext => ({
  aws: createAws({ mode: 'live', homeRegion: 'us-east-1' }),
  region: 'us-east-1',
  accountId: '111111111111',
  asOf: '2026-11-20',
  notes: [],
  metrics: new MetricRequests(),
});
const wanted = (ctx: RegionContext) =>
  ctx.metrics.wants.map((w) => `${w.namespace}|${w.metricName}|${w.kind}|${JSON.stringify(w.dimensions)}`);
const arn = (kind: string, name: string) => `arn:aws:sagemaker:us-east-1:222222222222:${kind}/${name}`;
const summary = (name: string) => ({
  EndpointName: name,
  EndpointArn: arn('endpoint', name),
  EndpointStatus: 'InService' as const,
  CreationTime: new Date('2026-05-01T00:00:00Z'),
  LastModifiedTime: new Date('2026-05-01T00:00:00Z'),
});

describe('collectSageMaker', () => {
  it('reads every page of endpoints in service with their variants, types, counts and tags', async () => {
    sagemaker.on(ListEndpointsCommand).resolves({ Endpoints: [summary('a')], NextToken: 'p2' });
    sagemaker.on(ListEndpointsCommand, { NextToken: 'p2' }).resolves({ Endpoints: [summary('b')] });
    sagemaker.on(DescribeEndpointCommand).callsFake((input: { EndpointName: string }) => ({
      EndpointName: input.EndpointName,
      EndpointConfigName: `${input.EndpointName}-config`,
      ProductionVariants:
        input.EndpointName === 'a'
          ? [
              { VariantName: 'blue', CurrentInstanceCount: 2 },
              { VariantName: 'green', CurrentServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } },
            ]
          : [{ VariantName: 'AllTraffic' }],
    }));
    sagemaker.on(DescribeEndpointConfigCommand).callsFake((input: { EndpointConfigName: string }) => ({
      EndpointConfigName: input.EndpointConfigName,
      ProductionVariants: [
        { VariantName: 'blue', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 },
        { VariantName: 'green', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } },
        { VariantName: 'AllTraffic', InstanceType: 'ml.t3.medium', InitialInstanceCount: 3 },
      ],
    }));
    sagemaker.on(ListTagsCommand).callsFake((input: { ResourceArn: string }) => ({
      Tags: [{ Key: 'team', Value: input.ResourceArn.split('/')[1] }],
    }));
    sagemaker.on(ListNotebookInstancesCommand).resolves({});
    const ctx = context();
    const { endpoints } = await collectSageMaker(ctx);
    expect(ctx.notes).toEqual([]);
    expect(sagemaker.commandCalls(ListEndpointsCommand)[0]?.args[0].input).toMatchObject({ StatusEquals: 'InService' });
    expect(endpoints?.map((e) => [e.id, e.accountId, e.tags.team, e.createTime])).toEqual([
      ['a', '222222222222', 'a', '2026-05-01T00:00:00.000Z'],
      ['b', '222222222222', 'b', '2026-05-01T00:00:00.000Z'],
    ]);
    expect(
      endpoints?.flatMap((e) => e.variants.map((v) => [v.name, v.instanceType, v.instanceCount, v.serverless])),
    ).toEqual([
      ['blue', 'ml.m5.large', 2, false],
      ['green', undefined, 0, true],
      // No running count reported: the configuration's initial count.
      ['AllTraffic', 'ml.t3.medium', 3, false],
    ]);
    // Invocations by endpoint and variant, for the instance variants only.
    expect(wanted(ctx)).toEqual([
      'AWS/SageMaker|Invocations|count|{"EndpointName":"a","VariantName":"blue"}',
      'AWS/SageMaker|Invocations|count|{"EndpointName":"b","VariantName":"AllTraffic"}',
    ]);
  });

  it('reads notebook instances in service with their type, times and tags', async () => {
    sagemaker.on(ListEndpointsCommand).resolves({});
    sagemaker.on(ListNotebookInstancesCommand).resolves({
      NotebookInstances: [
        {
          NotebookInstanceName: 'research',
          NotebookInstanceArn: arn('notebook-instance', 'research'),
          NotebookInstanceStatus: 'InService',
          InstanceType: 'ml.t3.medium',
          CreationTime: new Date('2026-01-01T00:00:00Z'),
          LastModifiedTime: new Date('2026-10-01T08:00:00Z'),
        },
      ],
    });
    sagemaker.on(ListTagsCommand).resolves({ Tags: [{ Key: 'environment', Value: 'staging' }] });
    const ctx = context();
    const { notebooks } = await collectSageMaker(ctx);
    expect(sagemaker.commandCalls(ListNotebookInstancesCommand)[0]?.args[0].input).toMatchObject({
      StatusEquals: 'InService',
    });
    expect(notebooks).toEqual([
      expect.objectContaining({
        id: 'research',
        accountId: '222222222222',
        instanceType: 'ml.t3.medium',
        lastModifiedTime: '2026-10-01T08:00:00.000Z',
        tags: { environment: 'staging' },
      }),
    ]);
  });

  it('makes a denied list a note and still reads the other kind; a denied description leaves the types unknown', async () => {
    sagemaker.on(ListEndpointsCommand).resolves({ Endpoints: [summary('a')] });
    sagemaker
      .on(DescribeEndpointCommand)
      .resolves({ EndpointName: 'a', EndpointConfigName: 'a-config', ProductionVariants: [{ VariantName: 'v' }] });
    sagemaker.on(DescribeEndpointConfigCommand).rejects(awsError('AccessDeniedException', 'no DescribeEndpointConfig'));
    sagemaker.on(ListTagsCommand).resolves({});
    sagemaker.on(ListNotebookInstancesCommand).rejects(awsError('AccessDeniedException', 'no ListNotebookInstances'));
    const ctx = context();
    const read = await collectSageMaker(ctx);
    expect(read.notebooks).toBeUndefined();
    expect(read.endpoints?.[0]?.variants).toEqual([
      { name: 'v', instanceType: undefined, instanceCount: 0, serverless: false },
    ]);
    // Endpoints and notebooks are read concurrently: the notes' order is not the point.
    expect(ctx.notes.map((n) => [n.kind, n.source]).sort()).toEqual([
      ['denied', 'sagemaker:DescribeEndpointConfig'],
      ['denied', 'sagemaker:ListNotebookInstances'],
    ]);
  });
});

describe('collectSearchDomains', () => {
  const status = (name: string) => ({
    DomainId: `222222222222/${name}`,
    DomainName: name,
    ARN: `arn:aws:es:us-east-1:222222222222:domain/${name}`,
    Created: true,
    Deleted: false,
    Processing: false,
    EngineVersion: 'OpenSearch_2.13',
    ClusterConfig: {
      InstanceType: 'c4.2xlarge.search' as const,
      InstanceCount: 3,
      DedicatedMasterEnabled: true,
      DedicatedMasterType: 'c4.8xlarge.search' as const,
      DedicatedMasterCount: 1,
      WarmEnabled: false,
    },
    EBSOptions: { EBSEnabled: true, VolumeType: 'gp2' as const, VolumeSize: 400 },
  });

  it('describes the domains five names a call, with nodes, storage and tags, and asks for their rates', async () => {
    const names = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'];
    opensearch.on(ListDomainNamesCommand).resolves({ DomainNames: names.map((DomainName) => ({ DomainName })) });
    opensearch.on(DescribeDomainsCommand).callsFake((input: DescribeDomainsCommandInput) => ({
      DomainStatusList: (input.DomainNames ?? []).map(status),
    }));
    opensearch.on(ListDomainTagsCommand).resolves({ TagList: [{ Key: 'team', Value: 'search' }] });
    const ctx = context();
    const { searchDomains } = await collectSearchDomains(ctx);
    expect(ctx.notes).toEqual([]);
    expect(opensearch.commandCalls(DescribeDomainsCommand).map((c) => c.args[0].input.DomainNames)).toEqual([
      ['d1', 'd2', 'd3', 'd4', 'd5'],
      ['d6', 'd7'],
    ]);
    expect(searchDomains?.[0]).toEqual({
      accountId: '222222222222',
      region: 'us-east-1',
      id: 'd1',
      arn: 'arn:aws:es:us-east-1:222222222222:domain/d1',
      tags: { team: 'search' },
      engineVersion: 'OpenSearch_2.13',
      deleted: false,
      instanceType: 'c4.2xlarge.search',
      instanceCount: 3,
      master: { instanceType: 'c4.8xlarge.search', count: 1 },
      ebs: { volumeType: 'gp2', sizeGb: 400, iops: undefined },
    });
    expect(wanted(ctx).slice(0, 2)).toEqual([
      'AWS/ES|SearchRate|gauge|{"DomainName":"d1","ClientId":"222222222222"}',
      'AWS/ES|IndexingRate|gauge|{"DomainName":"d1","ClientId":"222222222222"}',
    ]);
  });

  it('makes a denied call a note, not a crash', async () => {
    opensearch.on(ListDomainNamesCommand).resolves({ DomainNames: [{ DomainName: 'd1' }] });
    opensearch.on(DescribeDomainsCommand).rejects(awsError('AccessDeniedException', 'es:DescribeDomains denied'));
    const ctx = context();
    expect(await collectSearchDomains(ctx)).toEqual({ searchDomains: [] });
    expect(ctx.notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'es:DescribeDomains' })]);
  });
});

describe('collectManagedServices', () => {
  it('gathers both collectors into one part', async () => {
    sagemaker.on(ListEndpointsCommand).resolves({});
    sagemaker.on(ListNotebookInstancesCommand).resolves({});
    opensearch.on(ListDomainNamesCommand).rejects(awsError('AccessDeniedException', 'es:ListDomainNames denied'));
    const ctx = context();
    expect(await collectManagedServices(ctx)).toEqual({ endpoints: [], notebooks: [] });
    expect(ctx.notes.map((n) => n.source)).toEqual(['es:ListDomainNames']);
  });
});
