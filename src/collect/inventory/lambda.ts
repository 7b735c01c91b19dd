/** Lambda functions of one region with invocations, duration and (with Lambda Insights) memory used. */
import {
  LambdaClient,
  ListTagsCommand,
  paginateListFunctions,
  paginateListProvisionedConcurrencyConfigs,
} from '@aws-sdk/client-lambda';
import type { LambdaFunction, ResourceInventory } from '../../domain/resources';
import type { ProvisionedConcurrency } from '../../domain/resources-compute';
import { guard } from '../guard';
import { arnAccount, type RegionContext } from './context';

/** Read the functions of one region. */
export async function collectFunctions(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(LambdaClient, region);
  const functions = await guard(notes, { source: 'lambda:ListFunctions', region, accountId }, async () => {
    const list: ResourceInventory['functions'] = [];
    for await (const page of paginateListFunctions({ client }, {})) {
      for (const f of page.Functions ?? []) {
        if (!f.FunctionName) continue;
        list.push({
          accountId: arnAccount(f.FunctionArn, accountId),
          region,
          id: f.FunctionName,
          arn: f.FunctionArn,
          tags: {},
          runtime: f.Runtime,
          memoryMb: f.MemorySize ?? 128,
          architecture: f.Architectures?.[0] ?? 'x86_64',
          packageType: f.PackageType,
        });
      }
    }
    return list;
  });
  for (const fn of functions ?? []) {
    await guard(notes, { source: 'lambda:ListTags', region, accountId }, async () => {
      fn.tags = (await client.send(new ListTagsCommand({ Resource: fn.arn }))).Tags ?? {};
    });
    ctx.metrics.want(fn, 'AWS/Lambda', 'Invocations', { FunctionName: fn.id }, 'count');
    ctx.metrics.want(fn, 'AWS/Lambda', 'Duration', { FunctionName: fn.id }, 'gauge');
    ctx.metrics.want(fn, 'LambdaInsights', 'used_memory_max', { function_name: fn.id }, 'gauge');
  }
  if (!functions) return {};
  const provisionedConcurrency: ProvisionedConcurrency[] = [];
  for (const fn of functions) {
    await guard(notes, { source: 'lambda:ListProvisionedConcurrencyConfigs', region, accountId }, async () => {
      provisionedConcurrency.push(...(await readProvisioned(client, fn, ctx)));
    });
  }
  return { functions, provisionedConcurrency };
}

/**
 * A function's provisioned concurrency configurations (aliases and versions), each with its utilization asked for.
 * Memory and architecture are the function's ($LATEST): an alias on an older version may differ.
 */
async function readProvisioned(client: LambdaClient, fn: LambdaFunction, ctx: RegionContext) {
  const list: ProvisionedConcurrency[] = [];
  for await (const page of paginateListProvisionedConcurrencyConfigs({ client }, { FunctionName: fn.id })) {
    for (const c of page.ProvisionedConcurrencyConfigs ?? []) {
      const qualifier = c.FunctionArn?.split(':')[7];
      if (!qualifier) continue;
      const pc: ProvisionedConcurrency = {
        accountId: fn.accountId,
        region: fn.region,
        id: `${fn.id}:${qualifier}`,
        arn: c.FunctionArn,
        tags: fn.tags,
        functionName: fn.id,
        qualifier,
        allocated: c.AllocatedProvisionedConcurrentExecutions ?? c.RequestedProvisionedConcurrentExecutions ?? 0,
        status: c.Status ?? 'unknown',
        memoryMb: fn.memoryMb,
        architecture: fn.architecture,
      };
      list.push(pc);
      const dims = { FunctionName: fn.id, Resource: `${fn.id}:${qualifier}` };
      ctx.metrics.want(pc, 'AWS/Lambda', 'ProvisionedConcurrencyUtilization', dims, 'gauge');
    }
  }
  return list;
}
