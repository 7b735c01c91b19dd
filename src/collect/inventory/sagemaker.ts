/** SageMaker real-time endpoints and notebook instances in service in one region, with each variant's invocations. */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  type EndpointSummary,
  type ProductionVariant,
  paginateListEndpoints,
  paginateListNotebookInstances,
  paginateListTags,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { ResourceInventory, Tags } from '../../domain/resources';
import type { EndpointVariant, NotebookInstance, SageMakerEndpoint } from '../../domain/resources-managed';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext, tagRecord } from './context';

/** A SageMaker resource's tags (ListTags pages); {} when they could not be read (the note says so). */
async function tagsOf(client: SageMakerClient, arn: string, ctx: RegionContext): Promise<Tags> {
  const { region, accountId, notes } = ctx;
  const tags = await guard(notes, { source: 'sagemaker:ListTags', region, accountId }, async () => {
    const list: { Key?: string; Value?: string }[] = [];
    for await (const page of paginateListTags({ client }, { ResourceArn: arn })) list.push(...(page.Tags ?? []));
    return list;
  });
  return tagRecord(tags);
}

/** The variants of an endpoint: the running counts of DescribeEndpoint with the types of its configuration. */
async function variantsOf(client: SageMakerClient, name: string, ctx: RegionContext): Promise<EndpointVariant[]> {
  const { region, accountId, notes } = ctx;
  const endpoint = await guard(notes, { source: 'sagemaker:DescribeEndpoint', region, accountId }, () =>
    client.send(new DescribeEndpointCommand({ EndpointName: name })),
  );
  const configName = endpoint?.EndpointConfigName;
  const config =
    configName &&
    (await guard(notes, { source: 'sagemaker:DescribeEndpointConfig', region, accountId }, () =>
      client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName })),
    ));
  const configured = new Map<string, ProductionVariant>(
    (config ? (config.ProductionVariants ?? []) : []).map((v) => [v.VariantName ?? '', v]),
  );
  return (endpoint?.ProductionVariants ?? []).map((v) => {
    const c = configured.get(v.VariantName ?? '');
    return {
      name: v.VariantName ?? '',
      instanceType: c?.InstanceType,
      instanceCount: v.CurrentInstanceCount ?? c?.InitialInstanceCount ?? 0,
      serverless: Boolean(v.CurrentServerlessConfig ?? c?.ServerlessConfig),
    };
  });
}

async function readEndpoint(client: SageMakerClient, e: EndpointSummary, ctx: RegionContext) {
  const name = e.EndpointName ?? '';
  const endpoint: SageMakerEndpoint = {
    accountId: arnAccount(e.EndpointArn, ctx.accountId),
    region: ctx.region,
    id: name,
    arn: e.EndpointArn,
    tags: e.EndpointArn ? await tagsOf(client, e.EndpointArn, ctx) : {},
    status: e.EndpointStatus ?? 'unknown',
    createTime: iso(e.CreationTime),
    variants: await variantsOf(client, name, ctx),
  };
  for (const v of endpoint.variants) {
    if (v.serverless) continue;
    ctx.metrics.want(v, 'AWS/SageMaker', 'Invocations', { EndpointName: name, VariantName: v.name }, 'count');
  }
  return endpoint;
}

/** The endpoints in service (ListEndpoints filtered by status), each described and tagged. */
async function collectEndpoints(client: SageMakerClient, ctx: RegionContext): Promise<SageMakerEndpoint[] | undefined> {
  const { region, accountId, notes } = ctx;
  const summaries = await guard(notes, { source: 'sagemaker:ListEndpoints', region, accountId }, async () => {
    const list: EndpointSummary[] = [];
    for await (const page of paginateListEndpoints({ client }, { StatusEquals: 'InService' })) {
      list.push(...(page.Endpoints ?? []).filter((e) => e.EndpointName));
    }
    return list;
  });
  if (!summaries) return undefined;
  const endpoints: SageMakerEndpoint[] = [];
  for (const e of summaries) endpoints.push(await readEndpoint(client, e, ctx));
  return endpoints;
}

/** The notebook instances in service (ListNotebookInstances filtered by status), each tagged. */
async function collectNotebooks(client: SageMakerClient, ctx: RegionContext): Promise<NotebookInstance[] | undefined> {
  const { region, accountId, notes } = ctx;
  const notebooks = await guard(notes, { source: 'sagemaker:ListNotebookInstances', region, accountId }, async () => {
    const list: NotebookInstance[] = [];
    for await (const page of paginateListNotebookInstances({ client }, { StatusEquals: 'InService' })) {
      for (const n of page.NotebookInstances ?? []) {
        if (!n.NotebookInstanceName) continue;
        list.push({
          accountId: arnAccount(n.NotebookInstanceArn, accountId),
          region,
          id: n.NotebookInstanceName,
          arn: n.NotebookInstanceArn,
          tags: {},
          status: n.NotebookInstanceStatus ?? 'unknown',
          instanceType: n.InstanceType ?? 'unknown',
          createTime: iso(n.CreationTime),
          lastModifiedTime: iso(n.LastModifiedTime),
        });
      }
    }
    return list;
  });
  for (const n of notebooks ?? []) if (n.arn) n.tags = await tagsOf(client, n.arn, ctx);
  return notebooks;
}

/** Read the SageMaker endpoints and notebook instances of one region. */
export async function collectSageMaker(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const client = ctx.aws.client(SageMakerClient, ctx.region);
  const [endpoints, notebooks] = await Promise.all([collectEndpoints(client, ctx), collectNotebooks(client, ctx)]);
  return { ...(endpoints ? { endpoints } : {}), ...(notebooks ? { notebooks } : {}) };
}
