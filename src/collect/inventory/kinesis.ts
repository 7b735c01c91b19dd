/** Kinesis data streams of one region with their shards and traffic. */
import {
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListTagsForStreamCommand,
  paginateListStreams,
} from '@aws-sdk/client-kinesis';
import type { ResourceInventory } from '../../domain/resources';
import type { KinesisStream } from '../../domain/resources-database';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext, tagRecord } from './context';

/** Read the data streams of one region: names from ListStreams, shards and retention from DescribeStreamSummary. */
export async function collectStreams(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(KinesisClient, region);
  const where = (op: string) => ({ source: op, region, accountId });
  const names = await guard(notes, where('kinesis:ListStreams'), async () => {
    const all: string[] = [];
    for await (const page of paginateListStreams({ client }, {})) all.push(...(page.StreamNames ?? []));
    return all;
  });
  if (!names) return {};
  const streams: KinesisStream[] = [];
  for (const name of names) {
    const stream = await guard(notes, where('kinesis:DescribeStreamSummary'), async () => {
      const s = (await client.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary;
      if (!s) return undefined;
      const entry: KinesisStream = {
        accountId: arnAccount(s.StreamARN, accountId),
        region,
        id: name,
        arn: s.StreamARN,
        tags: {},
        mode: s.StreamModeDetails?.StreamMode ?? 'PROVISIONED',
        shards: s.OpenShardCount ?? 0,
        status: s.StreamStatus ?? 'unknown',
        retentionHours: s.RetentionPeriodHours,
        createTime: iso(s.StreamCreationTimestamp),
      };
      return entry;
    });
    if (!stream) continue;
    await guard(notes, where('kinesis:ListTagsForStream'), async () => {
      stream.tags = tagRecord((await client.send(new ListTagsForStreamCommand({ StreamName: name }))).Tags);
    });
    for (const metric of ['IncomingBytes', 'IncomingRecords', 'GetRecords.Bytes'] as const) {
      ctx.metrics.want(stream, 'AWS/Kinesis', metric, { StreamName: name }, 'count');
    }
    streams.push(stream);
  }
  return { streams };
}
