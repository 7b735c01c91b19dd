/** Lambda functions of one region with invocations, duration and (with Lambda Insights) memory used. */
import { LambdaClient, ListTagsCommand, paginateListFunctions } from '@aws-sdk/client-lambda';
import type { ResourceInventory } from '../../domain/resources';
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
  return functions ? { functions } : {};
}
