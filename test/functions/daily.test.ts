import { readFileSync } from 'node:fs';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunOptions, RunResult } from '../../src/jobs/daily';
import type { RunReport } from '../../src/ledger/types';

// Offline: the job is replaced, so the handler's own work (event to day, live Aws, config, result) is what runs.
const runDaily = vi.hoisted(() => vi.fn<(options: RunOptions) => Promise<RunResult>>());
vi.mock('../../src/jobs/daily', () => ({ runDaily }));

const event = JSON.parse(
  readFileSync(new URL('../../events/schedule/daily.json', import.meta.url), 'utf8'),
) as ScheduledEvent;

const context = {
  functionName: 'durion-cost-test-daily',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:durion-cost-test-daily',
  memoryLimitInMB: '1024',
  awsRequestId: 'req-daily-1',
  logGroupName: '/aws/lambda/durion-cost-test-daily',
  logStreamName: '2026/11/20/[$LATEST]test',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 600_000,
} as unknown as Context;

const report: RunReport = {
  asOf: '2026-11-20',
  startedAt: '2026-11-20T07:00:01.000Z',
  durationMs: 4321,
  mode: 'live',
  calls: { 'ce:GetCostAndUsage': 3 },
  callsByAccount: { '(own)': { 'ce:GetCostAndUsage': 3 } },
  costExplorerRequests: 3,
  notes: [],
  findings: { total: 7, alarm: 1, new: 2, resolved: 0 },
  alerts: { built: 1, published: 1, duplicates: 0 },
  realized: {
    claimedUsd: 0,
    claims: 0,
    verifiedUsd: 0,
    checked: 0,
    settling: 0,
    uncheckable: 0,
    method: 'verified: the drop in the daily cost of the usage types',
  },
  costExplorerRequestsMonth: 42,
  digests: [{ channel: 'C0TEST', posted: true, reason: 'posted' }],
};

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:durion-cost-test-alerts';

describe('functions/daily (middy handler, job mocked)', () => {
  let handler: (e: ScheduledEvent, c: Context) => Promise<unknown>;
  const output: string[] = [];

  beforeAll(async () => {
    vi.stubEnv('DURION_TABLE', 'durion-cost-test-table');
    vi.stubEnv('DURION_TOPIC_ARN', TOPIC);
    vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test-token');
    vi.stubEnv('SLACK_CHANNEL', 'C0TEST');
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'durion-cost-test');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    ({ handler } = await import('../../functions/daily'));
  });
  // A block body: a hook that returns a function has it run as its teardown.
  beforeEach(() => {
    runDaily.mockReset();
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("runs the job for the schedule's day, live, with the config and Lambda's /tmp paths", async () => {
    runDaily.mockResolvedValue({ report, digestText: 'digest', files: [] });
    const result = await handler(event, context);

    expect(runDaily).toHaveBeenCalledOnce();
    const options = runDaily.mock.calls[0]?.[0] as RunOptions;
    expect(options.asOf).toBe('2026-11-20');
    expect(options.aws.mode).toBe('live');
    expect(options.aws.homeRegion).toBe('us-east-1');
    expect(options.outDir).toBe('/tmp/durion-cost/out');
    expect(options.storeDir).toBe('/tmp/durion-cost/store');
    expect(options.config).toMatchObject({ tableName: 'durion-cost-test-table', topicArn: TOPIC });
    expect(options.slackBotToken).toBe('xoxb-test-token');
    expect(options.invocationId).toBe(event.id);

    expect(result).toEqual({
      asOf: '2026-11-20',
      findings: { total: 7, alarm: 1, new: 2, resolved: 0 },
      costExplorerRequests: 3,
    });
  });

  it('logs the run and its metrics without the Slack token', () => {
    const logs = output.join('');
    expect(logs).toContain('daily run finished');
    // The schedule event's id on the run's log lines: the same on Lambda's retry of it.
    expect(logs).toContain(`"correlation_id":"${event.id}"`);
    expect(logs).toContain('"RunDuration"');
    expect(logs).not.toContain('xoxb-test-token');
  });

  it('rejects when the job throws, so Lambda counts the error and the failure destination gets the event', async () => {
    runDaily.mockRejectedValue(new Error('Cost Explorer is down'));
    await expect(handler(event, context)).rejects.toThrow('Cost Explorer is down');
  });
});
