/**
 * The state machine's steps as its Lambdas run them, one after another on the local runner: the list step keeps the
 * work list in S3 (mocked at the client, an object store in memory), each slice is read in a context of its own (a
 * Lambda of its own), one slice fails for good, and the aggregate merges the rest and delivers once, however often
 * the execution is re-run.
 */
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import type { WorkItem } from '../../src/collect/organization';
import { s3SliceStore } from '../../src/collect/slices';
import { loadConfig } from '../../src/config';
import { runDaily } from '../../src/jobs/daily';
import { listStep, sliceStep, stepContext } from '../../src/jobs/organization';
import { fakeSlack } from '../helpers/fake-slack';
import { sampleAws } from '../helpers/sample-aws';
import { tempDir } from '../ledger/helpers';

const AS_OF = '2026-11-20';
const BUCKET = 'durion-cost-slices';
const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

/** S3 as a map of objects: PutObject keeps the body, GetObject returns it or NoSuchKey. */
function objectStore() {
  const objects = new Map<string, string>();
  s3.on(PutObjectCommand).callsFake((input: { Bucket: string; Key: string; Body: string }) => {
    objects.set(`${input.Bucket}/${input.Key}`, input.Body);
    return {};
  });
  s3.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string }) => {
    const body = objects.get(`${input.Bucket}/${input.Key}`);
    if (body === undefined) throw awsError('NoSuchKey', 'The specified key does not exist.');
    // What the store reads of a body: the SDK's stream mixin, transformToString.
    return { Body: { transformToString: async () => body } } as never;
  });
  return objects;
}

describe('the organization state machine, step by step', () => {
  it('lists, reads each slice apart, and aggregates once; a slice that failed for good is a note', async () => {
    const objects = objectStore();
    const tmp = tempDir();
    const slack = await fakeSlack();
    try {
      const config = loadConfig({ SLACK_CHANNEL: 'C0DIGEST', SLACK_API_URL: slack.url });
      const run = { asOf: AS_OF, id: 'exec-2026-11-20' };
      const store = () => s3SliceStore(createAws({ mode: 'live', homeRegion: 'us-east-1' }), BUCKET);
      const step = () => stepContext(sampleAws(AS_OF), config, '111111111111', run, store());

      const listed = await listStep(step(), 'organization');
      expect(listed).toEqual({ key: `runs/${AS_OF}/exec-2026-11-20/items.json`, items: 9 });
      const items = JSON.parse(objects.get(`${BUCKET}/${listed.key}`) ?? '[]') as WorkItem[];
      expect(items.filter((i) => i.bucketRegions).map((i) => `${i.accountId} ${i.region}`)).toEqual([
        '111111111111 us-east-1',
        '222222222222 us-east-1',
        '333333333333 us-east-1',
      ]);

      // The Map: every item in a context of its own; staging's us-east-1 fails after its retries (no slice kept).
      const failed = (i: WorkItem) => i.accountId === '222222222222' && i.region === 'us-east-1';
      for (const item of items.filter((i) => !failed(i))) {
        const { key } = await sliceStep(step(), item);
        expect(key).toBe(`runs/${AS_OF}/exec-2026-11-20/slices/${item.accountId}/${item.region}.json`);
      }

      const aggregate = () =>
        runDaily({
          aws: sampleAws(AS_OF),
          asOf: AS_OF,
          outDir: join(tmp.dir, 'out'),
          storeDir: join(tmp.dir, 'store'),
          config,
          slackBotToken: 'xoxb-test-token',
          fanOut: { run, store: store() },
        });
      const first = await aggregate();
      expect(first.digestText).toContain('slice 222222222222 us-east-1 not read: it failed after the state machine');
      // Nothing was read in the members by the aggregate itself: it only merged.
      expect(first.report.callsByAccount['222222222222']).toBeUndefined();
      expect(first.report.calls['sts:AssumeRole']).toBeUndefined();
      expect(first.report.findings.total).toBeGreaterThan(20);
      // A re-run or redriven aggregate posts nothing twice.
      const again = await aggregate();
      expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
      expect(again.report.digests).toEqual([
        { channel: 'C0DIGEST', posted: false, reason: `already posted for ${AS_OF}` },
      ]);
    } finally {
      await slack.close();
      tmp.cleanup();
    }
  });

  it('refuses an aggregate with no work list, naming the run', async () => {
    objectStore();
    const tmp = tempDir();
    try {
      const run = { asOf: AS_OF, id: 'never-listed' };
      const store = s3SliceStore(createAws({ mode: 'live', homeRegion: 'us-east-1' }), BUCKET);
      await expect(
        runDaily({
          aws: sampleAws(AS_OF),
          asOf: AS_OF,
          outDir: join(tmp.dir, 'out'),
          storeDir: join(tmp.dir, 'store'),
          config: loadConfig({}),
          fanOut: { run, store },
        }),
      ).rejects.toThrow(/no work list for run never-listed of 2026-11-20/);
    } finally {
      tmp.cleanup();
    }
  });
});
