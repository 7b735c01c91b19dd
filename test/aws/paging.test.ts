import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EC2Client, paginateDescribeSnapshots } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import type { AwsCall } from '../../src/aws/replay';
import { guard } from '../../src/collect/guard';
import { costAndUsagePages } from '../../src/collect/pages';
import { PagingError } from '../../src/domain/errors';
import type { Note } from '../../src/domain/note';
import { tempDir } from '../ledger/helpers';

/** An endpoint that pages DescribeSnapshots as `tokens` says: the token each page returns, in request order. */
function snapshotsAnswering(tokens: (string | undefined)[]) {
  let request = 0;
  return createAws({
    mode: 'sample',
    homeRegion: 'us-east-1',
    responder: (_call: AwsCall) => {
      const next = tokens[request++];
      return { Snapshots: [{ SnapshotId: `snap-${request}` }], ...(next ? { NextToken: next } : {}) };
    },
  });
}

const readSnapshots = async (aws: ReturnType<typeof createAws>) => {
  const ids: string[] = [];
  for await (const page of paginateDescribeSnapshots({ client: aws.client(EC2Client) }, { OwnerIds: ['self'] })) {
    ids.push(...(page.Snapshots ?? []).map((s) => s.SnapshotId ?? ''));
  }
  return ids;
};

describe('the paging guard on every client', () => {
  it('stops an SDK paginator whose page 2 comes back with page 1 token, after two requests', async () => {
    const aws = snapshotsAnswering(['t1', 't1', 't1', 't1']);

    await expect(readSnapshots(aws)).rejects.toThrow(PagingError);
    expect(aws.calls.byOperation['ec2:DescribeSnapshots']).toBe(2);
  });

  it('stops a token cycle longer than one page (A, B, A) on the third request', async () => {
    const aws = snapshotsAnswering(['A', 'B', 'A', 'B']);

    await expect(readSnapshots(aws)).rejects.toThrow(
      /ec2:DescribeSnapshots returned a page token it had already returned, after 3 pages/,
    );
    expect(aws.calls.byOperation['ec2:DescribeSnapshots']).toBe(3);
  });

  it('reads a proper listing to the end, and the same listing again afterwards', async () => {
    const aws = snapshotsAnswering(['A', 'B', undefined, 'A', 'B', undefined]);

    expect(await readSnapshots(aws)).toEqual(['snap-1', 'snap-2', 'snap-3']);
    expect(await readSnapshots(aws)).toEqual(['snap-4', 'snap-5', 'snap-6']);
  });

  it('stops a hand-written token loop (allPages) the same way', async () => {
    const aws = createAws({
      mode: 'sample',
      homeRegion: 'us-east-1',
      responder: () => ({ ResultsByTime: [], NextPageToken: 'same' }),
    });
    const input = {
      TimePeriod: { Start: '2026-11-01', End: '2026-11-03' },
      Granularity: 'DAILY' as const,
      Metrics: ['UnblendedCost'],
    };

    await expect(costAndUsagePages(aws.client(CostExplorerClient), input)).rejects.toThrow(PagingError);
    expect(aws.calls.byOperation['ce:GetCostAndUsage']).toBe(2);
  });

  it('becomes a note naming the listing, not a silent gap', async () => {
    const notes: Note[] = [];
    const ids = await guard(notes, { source: 'inventory:snapshots', region: 'us-east-1' }, () =>
      readSnapshots(snapshotsAnswering(['t1', 't1'])),
    );

    expect(ids).toBeUndefined();
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'error', message: expect.stringMatching(/^PagingError: ec2:DescribeSnapshots/) }),
    ]);
  });
});

describe('cassette matching', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('answers page 2 from an entry whose keys are in another order, and never page 1 again', async () => {
    const input = {
      TimePeriod: { Start: '2026-11-01', End: '2026-11-03' },
      Granularity: 'DAILY' as const,
      Metrics: ['UnblendedCost'],
    };
    mkdirSync(join(tmp.dir, 'ce'));
    writeFileSync(
      join(tmp.dir, 'ce', 'GetCostAndUsage.json'),
      JSON.stringify([
        { input, output: { ResultsByTime: [{ TimePeriod: { Start: '2026-11-01' } }], NextPageToken: 'p2' } },
        {
          input: {
            NextPageToken: 'p2',
            Metrics: ['UnblendedCost'],
            Granularity: 'DAILY',
            TimePeriod: { End: '2026-11-03', Start: '2026-11-01' },
          },
          output: { ResultsByTime: [{ TimePeriod: { Start: '2026-11-02' } }] },
        },
      ]),
    );
    const aws = createAws({ mode: 'cassette', homeRegion: 'us-east-1', cassetteDir: tmp.dir });

    const pages = await costAndUsagePages(aws.client(CostExplorerClient), input);

    expect(pages.map((p) => p.ResultsByTime?.[0]?.TimePeriod?.Start)).toEqual(['2026-11-01', '2026-11-02']);
  });
});
