import { readFileSync } from 'node:fs';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SpendAnomaly } from '../../src/domain/anomaly';
import type { IntradayOptions, IntradayResult } from '../../src/jobs/intraday';

// Offline: the job is replaced, so the handler's own work (event to time, live Aws, config, result) is what runs.
const runIntraday = vi.hoisted(() => vi.fn<(options: IntradayOptions) => Promise<IntradayResult>>());
vi.mock('../../src/jobs/intraday', () => ({ runIntraday }));

const event = JSON.parse(
  readFileSync(new URL('../../events/schedule/intraday.json', import.meta.url), 'utf8'),
) as ScheduledEvent;

const context = {
  functionName: 'durion-cost-test-intraday',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:durion-cost-test-intraday',
  memoryLimitInMB: '512',
  awsRequestId: 'req-intraday-1',
  logGroupName: '/aws/lambda/durion-cost-test-intraday',
  logStreamName: '2026/11/20/[$LATEST]test',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 300_000,
} as unknown as Context;

const anomaly = {
  id: 'account-service|111111111111|AWS Lambda|2026-11-20',
  kind: 'account-service',
  impactUsd: 180.4,
} as unknown as SpendAnomaly;

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:durion-cost-test-alerts';

describe('functions/intraday (middy handler, job mocked)', () => {
  let handler: (e: ScheduledEvent, c: Context) => Promise<unknown>;
  const output: string[] = [];

  beforeAll(async () => {
    vi.stubEnv('DURION_TABLE', 'durion-cost-test-table');
    vi.stubEnv('DURION_TOPIC_ARN', TOPIC);
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'durion-cost-test');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    ({ handler } = await import('../../functions/intraday'));
  });
  // A block body: a hook that returns a function has it run as its teardown.
  beforeEach(() => {
    runIntraday.mockReset();
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("runs the job up to the schedule's time, live, with the config and Lambda's /tmp store", async () => {
    runIntraday.mockResolvedValue({
      anomalies: [anomaly],
      alerts: [],
      published: 1,
      duplicates: 0,
      costExplorerRequests: 2,
      notes: [],
    });
    const result = await handler(event, context);

    expect(runIntraday).toHaveBeenCalledOnce();
    const options = runIntraday.mock.calls[0]?.[0] as IntradayOptions;
    expect(options.now.toISOString()).toBe('2026-11-20T12:00:00.000Z');
    expect(options.aws.mode).toBe('live');
    expect(options.aws.homeRegion).toBe('us-east-1');
    expect(options.storeDir).toBe('/tmp/durion-cost/store');
    expect(options.config).toMatchObject({ tableName: 'durion-cost-test-table', topicArn: TOPIC });

    expect(result).toEqual({ anomalies: 1, published: 1 });
    expect(output.join('')).toContain('intraday anomaly run finished');
  });

  it('rejects when the job throws, so Lambda counts the error and the failure destination gets the event', async () => {
    runIntraday.mockRejectedValue(new Error('hourly granularity is not enabled'));
    await expect(handler(event, context)).rejects.toThrow('hourly granularity is not enabled');
  });
});
