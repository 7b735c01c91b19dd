import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { contains, loadCassette, Recorder, Scrubber } from '../../src/aws/cassette';
import { recordMiddleware } from '../../src/aws/replay';
import { CassetteError } from '../../src/domain/errors';
import { tempDir } from '../ledger/helpers';

const period = { Start: '2026-11-01', End: '2026-11-03' };

function writeCassette(dir: string) {
  mkdirSync(join(dir, 'ce'), { recursive: true });
  mkdirSync(join(dir, 'ec2'), { recursive: true });
  writeFileSync(
    join(dir, 'ce', 'GetCostAndUsage.json'),
    JSON.stringify([
      {
        input: { TimePeriod: period, NextPageToken: 'p2' },
        output: { ResultsByTime: [{ TimePeriod: { Start: '2026-11-02', End: '2026-11-03' }, Estimated: true }] },
      },
      {
        input: { TimePeriod: period },
        output: {
          ResultsByTime: [{ TimePeriod: { Start: '2026-11-01', End: '2026-11-02' }, Estimated: false }],
          NextPageToken: 'p2',
        },
      },
      { input: { TimePeriod: { Start: '2020-01-01' } }, error: { name: 'AccessDeniedException', message: 'no' } },
    ]),
  );
  writeFileSync(
    join(dir, 'ec2', 'DescribeVolumes.json'),
    JSON.stringify([
      {
        input: {},
        region: 'eu-west-1',
        output: { Volumes: [{ VolumeId: 'vol-1', CreateTime: '2026-01-02T03:04:05.000Z' }] },
      },
    ]),
  );
}

describe('cassette replay inside the real SDK clients', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    writeCassette(tmp.dir);
  });
  afterEach(() => tmp.cleanup());

  it('answers every page by its token and counts each call', async () => {
    const aws = createAws({ mode: 'cassette', homeRegion: 'us-east-1', cassetteDir: tmp.dir });
    const pages = [];
    let token: string | undefined;
    do {
      const page = await aws.client(CostExplorerClient).send(
        new GetCostAndUsageCommand({
          TimePeriod: period,
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          NextPageToken: token,
        }),
      );
      pages.push(page.ResultsByTime?.[0]?.TimePeriod?.Start);
      token = page.NextPageToken;
    } while (token);
    expect(pages).toEqual(['2026-11-01', '2026-11-02']);
    expect(aws.calls.byOperation).toEqual({ 'ce:GetCostAndUsage': 2 });
    expect(aws.calls.forService('ce')).toBe(2);
  });

  it('raises recorded errors under their AWS name', async () => {
    const aws = createAws({ mode: 'cassette', homeRegion: 'us-east-1', cassetteDir: tmp.dir });
    const call = aws.client(CostExplorerClient).send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2020-01-01', End: '2020-02-01' },
        Granularity: 'DAILY',
        Metrics: [],
      }),
    );
    await expect(call).rejects.toMatchObject({ name: 'AccessDeniedException', message: 'no' });
  });

  it('matches by region and gives timestamps back as Dates, but leaves Cost Explorer dates as strings', async () => {
    const aws = createAws({ mode: 'cassette', homeRegion: 'us-east-1', cassetteDir: tmp.dir });
    const out = await aws.client(EC2Client, 'eu-west-1').send(new DescribeVolumesCommand({}));
    expect(out.Volumes?.[0]?.CreateTime).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    await expect(aws.client(EC2Client, 'us-east-1').send(new DescribeVolumesCommand({}))).rejects.toThrow(
      /no answer for ec2 DescribeVolumes in us-east-1/,
    );
  });

  it('names the service, operation and input of a call it has no answer for', async () => {
    const aws = createAws({ mode: 'cassette', homeRegion: 'us-east-1', cassetteDir: tmp.dir });
    const call = aws.client(CostExplorerClient).send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2019-01-01', End: '2019-01-02' },
        Granularity: 'DAILY',
        Metrics: [],
      }),
    );
    await expect(call).rejects.toBeInstanceOf(CassetteError);
    await expect(call).rejects.toThrow(/ce GetCostAndUsage in us-east-1 with input .*2019-01-01/);
  });

  it('refuses a missing folder and bad JSON with the path in the message', () => {
    expect(() => loadCassette(join(tmp.dir, 'nope'))).toThrow(/cassette folder .*nope does not exist/);
    writeFileSync(join(tmp.dir, 'ce', 'GetCostForecast.json'), '{ not json');
    expect(() => loadCassette(tmp.dir)).toThrow(/GetCostForecast.json is not valid JSON/);
    writeFileSync(join(tmp.dir, 'ce', 'GetCostForecast.json'), '{"input": {}}');
    expect(() => loadCassette(tmp.dir)).toThrow(/must be a JSON array/);
  });
});

describe('recorded order', () => {
  it('gives page two its own entry even when page one, recorded first, is contained in its input', () => {
    const tmp = tempDir();
    try {
      mkdirSync(join(tmp.dir, 'ce'));
      const first = { input: { TimePeriod: period }, output: { page: 1, NextPageToken: 't' } };
      const second = { input: { TimePeriod: period, NextPageToken: 't' }, output: { page: 2 } };
      writeFileSync(join(tmp.dir, 'ce', 'GetCostAndUsage.json'), JSON.stringify([first, second]));
      const replay = loadCassette(tmp.dir);
      const call = (input: Record<string, unknown>) =>
        replay({ service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1', input });
      expect(call({ TimePeriod: period })).toEqual({ page: 1, NextPageToken: 't' });
      expect(call({ TimePeriod: period, NextPageToken: 't' })).toEqual({ page: 2 });
      expect(call({ TimePeriod: period, Granularity: 'DAILY' })).toEqual({ page: 1, NextPageToken: 't' });
    } finally {
      tmp.cleanup();
    }
  });
});

describe('input containment', () => {
  it('compares objects key by key and arrays exactly', () => {
    expect(contains({ a: 1 }, { a: 1, b: 2 })).toBe(true);
    expect(contains({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toBe(true);
    expect(contains({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(contains({ a: 1 }, { a: '1' })).toBe(false);
    expect(contains({}, { anything: true })).toBe(true);
  });
});

describe('recording', () => {
  it('replaces account ids with stable fakes everywhere, ARNs included', () => {
    const scrubber = new Scrubber();
    const out = scrubber.scrub({
      a: '987654321098',
      arn: 'arn:aws:ec2:us-east-1:987654321098:volume/vol-1',
      other: ['123456789012', 'arn:aws:iam::987654321098:role/x'],
      amount: '1234567890123',
      bytes: 214748364800,
      cost: '0.123456789012',
    });
    expect(out).toEqual({
      a: '100000000001',
      arn: 'arn:aws:ec2:us-east-1:100000000001:volume/vol-1',
      other: ['100000000002', 'arn:aws:iam::100000000001:role/x'],
      amount: '1234567890123',
      bytes: 214748364800,
      cost: '0.123456789012',
    });
  });

  it('writes what the middleware saw as a cassette that replays', async () => {
    const tmp = tempDir();
    try {
      const recorder = new Recorder();
      const [middleware] = recordMiddleware(recorder.record, 'us-east-1');
      const context = { clientName: 'CostExplorerClient', commandName: 'GetCostForecastCommand' };
      const next = async () => ({ output: { Total: { Amount: '10', Unit: 'USD' }, $metadata: {} }, response: {} });
      const handler = middleware(next as never, context as never);
      await handler({ input: { Metric: 'UNBLENDED_COST', Account: '987654321098' } } as never);
      const failing = middleware(
        (async () => {
          throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
        }) as never,
        { clientName: 'CostExplorerClient', commandName: 'GetCostAndUsageCommand' } as never,
      );
      await expect(failing({ input: {} } as never)).rejects.toThrow('slow down');
      expect(recorder.write(tmp.dir)).toBe(2);
      const saved = JSON.parse(readFileSync(join(tmp.dir, 'ce', 'GetCostForecast.json'), 'utf8'));
      expect(saved).toEqual([
        {
          input: { Metric: 'UNBLENDED_COST', Account: '100000000001' },
          region: 'us-east-1',
          output: { Total: { Amount: '10', Unit: 'USD' } },
        },
      ]);
      const replay = loadCassette(tmp.dir);
      await expect(
        Promise.resolve().then(() =>
          replay({ service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1', input: {} }),
        ),
      ).rejects.toMatchObject({ name: 'ThrottlingException' });
    } finally {
      tmp.cleanup();
    }
  });
});
