/** DynamoDB tables of one region with their capacity, auto scaling and consumption. */
import {
  ApplicationAutoScalingClient,
  paginateDescribeScalableTargets,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeTableCommand,
  DynamoDBClient,
  ListTagsOfResourceCommand,
  paginateListTables,
} from '@aws-sdk/client-dynamodb';
import type { DynamoTable, ResourceInventory } from '../../domain/resources';
import { guard } from '../guard';
import { arnAccount, type RegionContext, tagRecord } from './context';

/** Read the tables of one region. */
export async function collectTables(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(DynamoDBClient, region);
  const where = (op: string) => ({ source: op, region, accountId });
  const names = await guard(notes, where('dynamodb:ListTables'), async () => {
    const all: string[] = [];
    for await (const page of paginateListTables({ client }, {})) all.push(...(page.TableNames ?? []));
    return all;
  });
  if (!names) return {};
  // Which tables Application Auto Scaling manages, by `table/<name>` and dimension; undefined when not readable.
  const scaled = await guard(notes, where('application-autoscaling:DescribeScalableTargets'), async () => {
    const set = new Set<string>();
    const autoscaling = aws.client(ApplicationAutoScalingClient, region);
    for await (const page of paginateDescribeScalableTargets(
      { client: autoscaling },
      { ServiceNamespace: 'dynamodb' },
    )) {
      for (const t of page.ScalableTargets ?? []) set.add(`${t.ResourceId}|${t.ScalableDimension}`);
    }
    return set;
  });
  const tables: DynamoTable[] = [];
  for (const name of names) {
    const table = await guard(notes, where('dynamodb:DescribeTable'), async () => {
      const t = (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
      if (!t) return undefined;
      const entry: DynamoTable = {
        accountId: arnAccount(t.TableArn, accountId),
        region,
        id: name,
        arn: t.TableArn,
        tags: {},
        billingMode: t.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
        readCapacityUnits: t.ProvisionedThroughput?.ReadCapacityUnits ?? 0,
        writeCapacityUnits: t.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
        sizeBytes: t.TableSizeBytes,
        autoScaling: scaled && {
          read: scaled.has(`table/${name}|dynamodb:table:ReadCapacityUnits`),
          write: scaled.has(`table/${name}|dynamodb:table:WriteCapacityUnits`),
        },
        tableSizeBytes: t.TableSizeBytes,
        // DescribeTable leaves TableClassSummary out for a table that was always Standard.
        tableClass: t.TableClassSummary?.TableClass ?? 'STANDARD',
      };
      return entry;
    });
    if (!table) continue;
    await guard(notes, where('dynamodb:ListTagsOfResource'), async () => {
      table.tags = tagRecord((await client.send(new ListTagsOfResourceCommand({ ResourceArn: table.arn }))).Tags);
    });
    for (const metric of ['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits'] as const) {
      ctx.metrics.want(table, 'AWS/DynamoDB', metric, { TableName: name }, 'count');
    }
    tables.push(table);
  }
  return { tables };
}
