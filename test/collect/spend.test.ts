import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type GetCostAndUsageCommandOutput,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleResponder } from '../../fixtures/sample';
import { createAws } from '../../src/aws';
import { type AwsCall, awsError } from '../../src/aws/replay';
import { collectSpend, type SpendRequest } from '../../src/collect/spend';
import type { Note } from '../../src/domain/note';
import type { SpendData } from '../../src/domain/spend';

const REQUEST: Omit<SpendRequest, 'asOf'> = {
  metric: 'UnblendedCost',
  lookbackDays: 395,
  tagKey: 'team',
  revisedDays: 3,
};

/** A run against the sample account, with every Cost Explorer input it sent. */
async function sampleRun(asOf: string, cached?: SpendData, request: Partial<SpendRequest> = {}) {
  const inputs: AwsCall[] = [];
  const responder = sampleResponder({ asOf, seed: 11 });
  const aws = createAws({
    mode: 'sample',
    homeRegion: 'eu-west-1',
    responder: (call) => {
      inputs.push(call);
      return responder(call);
    },
  });
  const notes: Note[] = [];
  const spend = await collectSpend(aws, { ...REQUEST, asOf, ...request }, cached, notes);
  return { spend, notes, inputs, requests: aws.calls.forService('ce') };
}

/** The first run on 2026-11-20, read once and shared by the tests that only look at it. */
let first: ReturnType<typeof sampleRun> | undefined;
const firstRun = () => {
  first ??= sampleRun('2026-11-20');
  return first;
};

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const sumAt = (family: Record<string, number[]>, i: number) => sum(Object.values(family).map((s) => s[i] ?? 0));
const usageInputs = (inputs: AwsCall[]) => inputs.filter((c) => c.operation === 'GetCostAndUsage').map((c) => c.input);

describe('collectSpend on the sample account', () => {
  it('reads the whole look-back on a first run, every page, ending yesterday', async () => {
    const { spend, notes, inputs, requests } = await firstRun();

    expect(notes).toEqual([]);
    expect(spend?.days).toHaveLength(395);
    expect(spend?.days[0]).toBe('2025-10-21');
    expect(spend?.days.at(-1)).toBe('2026-11-19');
    const usage = usageInputs(inputs);
    const pages = usage.filter((i) => i.NextPageToken).length;
    expect(pages).toBeGreaterThan(0); // the account/service request spans several pages
    expect(usage.every((i) => (i.TimePeriod as { End: string }).End === '2026-11-20')).toBe(true);
    expect(requests).toBe(usage.length + 1);
  });

  it('fills every family consistently: total = by service = by account = by region = by tag', async () => {
    const { spend } = await firstRun();
    if (!spend) throw new Error('no spend');

    for (const i of [0, 100, 394]) {
      const total = spend.total[i] ?? 0;
      expect(total).toBeGreaterThan(0);
      for (const family of [spend.byService, spend.byAccount, spend.byAccountService, spend.byRegion]) {
        expect(sumAt(family, i)).toBeCloseTo(total, 6);
      }
      expect(sumAt(spend.byTag?.values ?? {}, i)).toBeCloseTo(total, 6);
    }
    expect(Object.keys(spend.byTag?.values ?? {}).sort()).toEqual(['', 'data', 'erp-core', 'platform']);
    expect(Object.keys(spend.byAccount).sort()).toEqual(['111111111111', '222222222222', '333333333333']);
    expect(spend.byAccountService['111111111111|AmazonCloudWatch']).toHaveLength(395);
    expect(spend.accountNames).toEqual({
      '111111111111': 'durion-production',
      '222222222222': 'durion-staging',
      '333333333333': 'durion-development',
    });
  });

  it('flags the days Cost Explorer still marks Estimated', async () => {
    const { spend } = await firstRun();
    const estimated = spend?.days.filter((_, i) => spend.estimated[i]);
    expect(estimated?.[0]).toBe('2026-11-01');
    expect(estimated).toHaveLength(19);
  });

  it('reads the forecast from today to the month end', async () => {
    const { spend, inputs } = await firstRun();

    expect(inputs.find((c) => c.operation === 'GetCostForecast')?.input).toMatchObject({
      TimePeriod: { Start: '2026-11-20', End: '2026-12-01' },
      Metric: 'UNBLENDED_COST',
    });
    const f = spend?.forecast;
    expect(f).toMatchObject({ start: '2026-11-20', end: '2026-11-30' });
    expect(f?.lower).toBeLessThan(f?.amount ?? 0);
    expect(f?.upper).toBeGreaterThan(f?.amount ?? 0);
  });

  it('next day, reuses the stored settled days: a few requests, the same numbers as a full read', async () => {
    const next = await sampleRun('2026-11-21', (await firstRun()).spend);
    const full = await sampleRun('2026-11-21');

    expect(next.requests).toBeLessThanOrEqual(4);
    expect(usageInputs(next.inputs).map((i) => i.TimePeriod)).toEqual([
      { Start: '2026-11-01', End: '2026-11-21' },
      { Start: '2026-11-01', End: '2026-11-21' },
    ]);
    expect(next.spend?.days).toEqual(full.spend?.days);
    expect(next.spend?.estimated).toEqual(full.spend?.estimated);
    for (const key of ['total', 'byService', 'byAccountService', 'byRegion'] as const) {
      expect(next.spend?.[key]).toEqual(full.spend?.[key]);
    }
    expect(next.spend?.byTag).toEqual(full.spend?.byTag);
  });

  it('early in a month, reads the previous month again as Cost Explorer still revises it', async () => {
    const first = await sampleRun('2026-12-01');
    const next = await sampleRun('2026-12-02', first.spend);

    expect(usageInputs(next.inputs)[0]?.TimePeriod).toEqual({ Start: '2026-11-01', End: '2026-12-02' });
    expect(next.requests).toBeLessThanOrEqual(4);
  });

  it('reads from the first day the store lacks after a gap of several weeks, and everything for another metric', async () => {
    const old = await sampleRun('2026-09-15');
    const later = await sampleRun('2026-11-20', old.spend);
    expect(usageInputs(later.inputs)[0]?.TimePeriod).toEqual({ Start: '2026-09-01', End: '2026-11-20' });

    const amortized = await sampleRun('2026-11-21', later.spend, { metric: 'AmortizedCost' });
    expect(usageInputs(amortized.inputs)[0]?.TimePeriod).toEqual({ Start: '2025-10-22', End: '2026-11-21' });
    expect(amortized.inputs.find((c) => c.operation === 'GetCostForecast')?.input.Metric).toBe('AMORTIZED_COST');
  });

  it("never asks for days older than Cost Explorer's 13 months", async () => {
    const { inputs } = await sampleRun('2026-11-02', undefined, { lookbackDays: 400 });
    expect(usageInputs(inputs)[0]?.TimePeriod).toEqual({ Start: '2025-10-01', End: '2026-11-02' });
  });
});

describe('collectSpend against a mocked Cost Explorer', () => {
  // Mocked per test and restored after it, so that the sample runs above keep the real client.
  let ce = mockClient(CostExplorerClient);
  ce.restore();
  beforeEach(() => {
    ce = mockClient(CostExplorerClient);
  });
  afterEach(() => ce.restore());

  const ASOF = '2026-06-04';
  const SHORT = { ...REQUEST, asOf: ASOF, lookbackDays: 3 }; // 2026-06-01 .. 2026-06-03
  const money = (amount: string) => ({ UnblendedCost: { Amount: amount, Unit: 'USD' } });
  const day = (start: string, groups: [string, string, string][], estimated = false) => ({
    TimePeriod: { Start: start, End: `2026-06-0${Number(start.slice(9)) + 1}` },
    Total: {}, // Cost Explorer leaves Total empty when grouping
    Groups: groups.map(([a, b, amount]) => ({ Keys: [a, b], Metrics: money(amount) })),
    Estimated: estimated,
  });
  const isTagRequest = (input: GetCostAndUsageCommandInput) => input.GroupBy?.[0]?.Type === 'TAG';

  const ACCOUNT_PAGES: Record<string, Partial<GetCostAndUsageCommandOutput>> = {
    first: {
      ResultsByTime: [
        day('2026-06-01', [['111111111111', 'AWS Lambda', '1.5']]),
        day('2026-06-02', [['111111111111', 'AWS Lambda', '2']]),
      ],
      DimensionValueAttributes: [{ Value: '111111111111', Attributes: { description: 'durion-production' } }],
      NextPageToken: 'page-2',
    },
    'page-2': {
      // the page was cut inside 2026-06-02: its other group arrives here
      ResultsByTime: [
        day('2026-06-02', [['222222222222', 'Amazon DynamoDB', '0.25']]),
        day('2026-06-03', [['111111111111', 'AWS Lambda', '3']], true),
      ],
      DimensionValueAttributes: [{ Value: '222222222222', Attributes: { description: 'durion-staging' } }],
    },
  };
  const TAG_PAGE: Partial<GetCostAndUsageCommandOutput> = {
    ResultsByTime: [
      day('2026-06-01', [['team$erp-core', 'us-east-1', '1.5']]),
      day('2026-06-02', [
        ['team$erp-core', 'us-east-1', '2'],
        ['team$', 'eu-west-1', '0.25'],
      ]),
      day('2026-06-03', [['team$erp-core', 'us-east-1', '3']], true),
    ],
  };
  const FORECAST = {
    Total: { Amount: '90.5', Unit: 'USD' },
    ForecastResultsByTime: [
      {
        TimePeriod: { Start: ASOF, End: '2026-07-01' },
        MeanValue: '90.5',
        PredictionIntervalLowerBound: '80',
        PredictionIntervalUpperBound: '101',
      },
    ],
  };

  function answerAll() {
    ce.on(GetCostAndUsageCommand).callsFake((input: GetCostAndUsageCommandInput) =>
      isTagRequest(input) ? TAG_PAGE : ACCOUNT_PAGES[input.NextPageToken ?? 'first'],
    );
    ce.on(GetCostForecastCommand).resolves(FORECAST);
  }

  async function run(cached?: SpendData) {
    const aws = createAws({ mode: 'live', homeRegion: 'us-east-1' });
    const notes: Note[] = [];
    const spend = await collectSpend(aws, SHORT, cached, notes);
    return { spend, notes };
  }

  it('reads every page, passing each token on, and adds up a day cut across two pages', async () => {
    answerAll();
    const { spend, notes } = await run();

    expect(notes).toEqual([]);
    const accountCalls = ce.commandCalls(GetCostAndUsageCommand).filter((c) => !isTagRequest(c.args[0].input));
    expect(accountCalls.map((c) => c.args[0].input.NextPageToken)).toEqual([undefined, 'page-2']);
    expect(spend?.days).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
    expect(spend?.total).toEqual([1.5, 2.25, 3]);
    expect(spend?.byService).toEqual({ 'AWS Lambda': [1.5, 2, 3], 'Amazon DynamoDB': [0, 0.25, 0] });
    expect(spend?.byAccountService['222222222222|Amazon DynamoDB']).toEqual([0, 0.25, 0]);
    expect(spend?.accountNames).toEqual({ '111111111111': 'durion-production', '222222222222': 'durion-staging' });
  });

  it('flags Estimated days and turns tag keys team$value and team$ into values, untagged as ""', async () => {
    answerAll();
    const { spend } = await run();

    expect(spend?.estimated).toEqual([false, false, true]);
    expect(spend?.byTag).toEqual({ key: 'team', values: { 'erp-core': [1.5, 2, 3], '': [0, 0.25, 0] } });
    expect(spend?.byRegion).toEqual({ 'us-east-1': [1.5, 2, 3], 'eu-west-1': [0, 0.25, 0] });
    expect(spend?.forecast).toEqual({ start: ASOF, end: '2026-06-30', amount: 90.5, lower: 80, upper: 101 });
  });

  it('drops a stored key whose cost lies wholly before the window', async () => {
    answerAll();
    const stored: SpendData = {
      metric: 'UnblendedCost',
      days: ['2026-05-31'],
      estimated: [false],
      total: [5],
      byService: { 'Amazon Lightsail': [5] },
      byAccount: { '111111111111': [5] },
      byAccountService: { '111111111111|Amazon Lightsail': [5] },
      byRegion: { 'us-east-1': [5] },
      byTag: { key: 'team', values: { data: [5] } },
      accountNames: {},
    };

    const { spend } = await run(stored);

    expect(Object.keys(spend?.byService ?? {})).toEqual(['AWS Lambda', 'Amazon DynamoDB']);
    expect(Object.keys(spend?.byTag?.values ?? {})).toEqual(['erp-core', '']);
  });

  it('asks DAILY with two group-bys and the configured metric', async () => {
    answerAll();
    await run();

    expect(ce).toHaveReceivedCommandWith(GetCostAndUsageCommand, {
      TimePeriod: { Start: '2026-06-01', End: ASOF },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
    });
    expect(ce).toHaveReceivedCommandWith(GetCostAndUsageCommand, {
      GroupBy: [
        { Type: 'TAG', Key: 'team' },
        { Type: 'DIMENSION', Key: 'REGION' },
      ],
    });
  });

  it('turns AccessDenied into a note and returns nothing when nothing is stored', async () => {
    ce.on(GetCostAndUsageCommand).rejects(
      awsError('AccessDeniedException', 'not authorized to perform ce:GetCostAndUsage'),
    );
    ce.on(GetCostForecastCommand).rejects(
      awsError('AccessDeniedException', 'not authorized to perform ce:GetCostForecast'),
    );

    const { spend, notes } = await run();

    expect(spend).toBeUndefined();
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'denied', source: 'ce:GetCostAndUsage' }));
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'denied', source: 'ce:GetCostForecast' }));
  });

  it('goes on with the stored spend when Cost Explorer is throttled, and says so', async () => {
    answerAll();
    const stored = (await run()).spend;
    ce.reset();
    ce.on(GetCostAndUsageCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    ce.on(GetCostForecastCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));

    const { spend, notes } = await run(stored);

    expect(spend?.total).toEqual(stored?.total);
    expect(spend?.forecast).toBeUndefined(); // a stored forecast is for another day
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'throttled', source: 'ce:GetCostAndUsage' }));
    expect(notes).toContainEqual(
      expect.objectContaining({
        kind: 'unavailable',
        message: expect.stringMatching(/stored copy \(up to 2026-06-03\)/),
      }),
    );
  });

  it('keeps spend by account and service when only the tag request fails, leaving region and tag out', async () => {
    ce.on(GetCostAndUsageCommand).callsFake((input: GetCostAndUsageCommandInput) => {
      if (isTagRequest(input)) throw awsError('ThrottlingException', 'Rate exceeded');
      return ACCOUNT_PAGES[input.NextPageToken ?? 'first'];
    });
    ce.on(GetCostForecastCommand).resolves(FORECAST);

    const { spend, notes } = await run();

    expect(spend?.total).toEqual([1.5, 2.25, 3]);
    expect(spend?.byTag).toBeUndefined();
    expect(spend?.byRegion).toEqual({});
    expect(notes.map((n) => n.kind)).toEqual(['throttled', 'unavailable']);
  });

  it('keeps the spend when only the forecast is denied', async () => {
    ce.on(GetCostAndUsageCommand).callsFake((input: GetCostAndUsageCommandInput) =>
      isTagRequest(input) ? TAG_PAGE : ACCOUNT_PAGES[input.NextPageToken ?? 'first'],
    );
    ce.on(GetCostForecastCommand).rejects(awsError('AccessDeniedException', 'denied'));

    const { spend, notes } = await run();

    expect(spend?.total).toEqual([1.5, 2.25, 3]);
    expect(spend?.forecast).toBeUndefined();
    expect(notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'ce:GetCostForecast' })]);
  });

  it('reads amounts that are not numbers as no amount with one note, and a non-numeric forecast as none: never NaN', async () => {
    ce.on(GetCostAndUsageCommand).callsFake((input: GetCostAndUsageCommandInput) =>
      isTagRequest(input)
        ? TAG_PAGE
        : {
            ResultsByTime: [
              day('2026-06-01', [['111111111111', 'AWS Lambda', 'abc']]),
              day('2026-06-02', [['111111111111', 'AWS Lambda', '2']]),
            ],
          },
    );
    ce.on(GetCostForecastCommand).resolves({ ...FORECAST, Total: { Amount: 'NaN', Unit: 'USD' } });

    const { spend, notes } = await run();

    expect(spend?.total.slice(0, 2)).toEqual([0, 2]);
    expect(JSON.stringify(spend)).not.toMatch(/NaN|null/);
    expect(spend?.forecast).toBeUndefined();
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'error',
        source: 'ce:GetCostForecast',
        message: expect.stringMatching(
          /^1 forecast amounts from AWS did not parse as numbers \(e\.g\. "NaN" for Total\)/,
        ),
      }),
      expect.objectContaining({
        kind: 'error',
        source: 'ce:GetCostAndUsage',
        message: expect.stringMatching(/^1 daily amounts .*"abc" for 111111111111, AWS Lambda on 2026-06-01/),
      }),
    ]);
  });

  it('refuses an answer whose ResultsByTime is not a list, as a note, instead of reading it as $0', async () => {
    ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: 'oops' as never });
    ce.on(GetCostForecastCommand).resolves(FORECAST);

    const { spend, notes } = await run();

    expect(spend).toBeUndefined();
    expect(notes).toContainEqual(
      expect.objectContaining({
        source: 'ce:GetCostAndUsage',
        message: "MalformedAnswer: the answer's ResultsByTime is not a list (string)",
      }),
    );
  });
});
