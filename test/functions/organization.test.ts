import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Offline: the steps are replaced, so the handlers' own work (checking the state machine's input, the run) is what runs.
const jobs = vi.hoisted(() => ({
  startRun: vi.fn(),
  readSlice: vi.fn(),
  fanOutOf: vi.fn(),
  runDaily: vi.fn(),
}));
vi.mock('../../src/jobs/organization', () => ({
  startRun: jobs.startRun,
  readSlice: jobs.readSlice,
  fanOutOf: jobs.fanOutOf,
}));
vi.mock('../../src/jobs/daily', () => ({ runDaily: jobs.runDaily }));

const event = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../events/organization/${name}.json`, import.meta.url), 'utf8'));
const context = {
  functionName: 'durion-cost-test-orgSlice',
  awsRequestId: 'req-org-1',
  getRemainingTimeInMillis: () => 300_000,
} as unknown as Context;
const RUN = { asOf: '2026-11-20', id: 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' };

describe('functions/organization (middy handlers, steps mocked)', () => {
  type Handler = (e: unknown, c: Context) => Promise<unknown>;
  let handlers: { list: Handler; slice: Handler; aggregate: Handler };

  beforeAll(async () => {
    vi.stubEnv('DURION_SLICE_BUCKET', 'durion-cost-test-slices');
    vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test-token');
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'durion-cost-test');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    handlers = (await import('../../functions/organization')) as unknown as typeof handlers;
  });
  beforeEach(() => {
    for (const fn of Object.values(jobs)) fn.mockReset();
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('lists for the day the execution started, the execution being the run', async () => {
    jobs.startRun.mockResolvedValue({ run: RUN, itemsKey: 'k', items: 9, maxConcurrency: 8 });
    expect(await handlers.list(event('list'), context)).toEqual({
      run: RUN,
      itemsKey: 'k',
      items: 9,
      maxConcurrency: 8,
    });
    const [aws, config, run] = jobs.startRun.mock.calls[0] ?? [];
    expect(aws.mode).toBe('live');
    expect(config.accounts.sliceBucket).toBe('durion-cost-test-slices');
    expect(run).toEqual(RUN);
  });

  it('reads the slice it is given', async () => {
    jobs.readSlice.mockResolvedValue({ key: 'slices/x.json' });
    expect(await handlers.slice(event('slice'), context)).toEqual({ key: 'slices/x.json' });
    expect(jobs.readSlice.mock.calls[0]?.[2]).toEqual(RUN);
    expect(jobs.readSlice.mock.calls[0]?.[3]).toEqual(event('slice').item);
  });

  it('aggregates the run through the daily job, with its slices', async () => {
    const fanOut = { run: RUN, store: {} };
    jobs.fanOutOf.mockReturnValue(fanOut);
    jobs.runDaily.mockResolvedValue({
      report: { findings: { total: 3 }, notes: [], digests: [] },
      digestText: '',
      files: [],
    });
    expect(await handlers.aggregate(event('aggregate'), context)).toEqual({
      asOf: '2026-11-20',
      findings: { total: 3 },
    });
    expect(jobs.runDaily.mock.calls[0]?.[0]).toMatchObject({
      asOf: '2026-11-20',
      fanOut,
      slackBotToken: 'xoxb-test-token',
    });
  });

  it('refuses input the state machine would not send, naming the field, before any AWS call', async () => {
    const bad = { run: RUN, item: { accountId: '2222', region: 'us-east-1' } };
    await expect(handlers.slice(bad, context)).rejects.toThrow(
      /slice: the state machine's input is not as expected: item.accountId/,
    );
    await expect(handlers.aggregate({}, context)).rejects.toThrow(/aggregate: .*run/);
    expect(jobs.readSlice).not.toHaveBeenCalled();
    expect(jobs.runDaily).not.toHaveBeenCalled();
  });
});
