import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { ComputeOptimizerClient, GetEC2InstanceRecommendationsCommand } from '@aws-sdk/client-compute-optimizer';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  GetReservationCoverageCommand,
  GetReservationUtilizationCommand,
  GetSavingsPlansCoverageCommand,
  GetSavingsPlansUtilizationCommand,
} from '@aws-sdk/client-cost-explorer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { tempDir } from '../ledger/helpers';

const TimePeriod = { Start: '2026-10-21', End: '2026-11-20' };
const GroupBy = [
  { Type: 'DIMENSION' as const, Key: 'INSTANCE_TYPE' },
  { Type: 'DIMENSION' as const, Key: 'REGION' },
];
const OPERATIONS = [
  'GetCostAndUsage',
  'GetSavingsPlansCoverage',
  'GetReservationCoverage',
  'GetReservationUtilization',
  'GetSavingsPlansUtilization',
];

/** A cassette that answers every call of those operations, whatever its input. */
function writeCassette(dir: string) {
  mkdirSync(join(dir, 'ce'), { recursive: true });
  for (const operation of OPERATIONS) {
    writeFileSync(join(dir, 'ce', `${operation}.json`), JSON.stringify([{ input: {}, output: {} }]));
  }
}

describe('Cost Explorer request rules in cassette mode', () => {
  let tmp: ReturnType<typeof tempDir>;
  let ce: CostExplorerClient;
  beforeEach(() => {
    tmp = tempDir();
    writeCassette(tmp.dir);
    ce = createAws({ mode: 'cassette', homeRegion: 'us-east-1', cassetteDir: tmp.dir }).client(CostExplorerClient);
  });
  afterEach(() => tmp.cleanup());

  const refused = (message: RegExp) => ({ name: 'ValidationException', message: expect.stringMatching(message) });
  const costAndUsage = (input: Partial<GetCostAndUsageCommandInput>) =>
    ce.send(
      new GetCostAndUsageCommand({ TimePeriod, Granularity: 'DAILY', Metrics: ['UnblendedCost'], ...input } as never),
    );

  it('refuses Granularity beside GroupBy for Savings Plans coverage, and answers either alone', async () => {
    await expect(
      ce.send(new GetSavingsPlansCoverageCommand({ TimePeriod, Granularity: 'MONTHLY', GroupBy })),
    ).rejects.toMatchObject(refused(/^GetSavingsPlansCoverage: .*Granularity can't be set if GroupBy is set/));
    await expect(ce.send(new GetSavingsPlansCoverageCommand({ TimePeriod, GroupBy }))).resolves.toBeDefined();
    await expect(
      ce.send(new GetSavingsPlansCoverageCommand({ TimePeriod, Granularity: 'MONTHLY' })),
    ).resolves.toBeDefined();
  });

  it('refuses Granularity beside GroupBy for Reserved Instance coverage, and answers GroupBy alone', async () => {
    await expect(
      ce.send(new GetReservationCoverageCommand({ TimePeriod, Granularity: 'MONTHLY', GroupBy })),
    ).rejects.toMatchObject(refused(/^GetReservationCoverage: .*Granularity can't be set if GroupBy is set/));
    await expect(ce.send(new GetReservationCoverageCommand({ TimePeriod, GroupBy }))).resolves.toBeDefined();
  });

  it('refuses Granularity beside GroupBy for Reserved Instance utilization, and answers Granularity alone', async () => {
    await expect(
      ce.send(new GetReservationUtilizationCommand({ TimePeriod, Granularity: 'DAILY', GroupBy })),
    ).rejects.toMatchObject(refused(/^GetReservationUtilization: .*Granularity can't be set if GroupBy is set/));
    await expect(
      ce.send(new GetReservationUtilizationCommand({ TimePeriod, Granularity: 'DAILY' })),
    ).resolves.toBeDefined();
  });

  it('refuses GetCostAndUsage without Granularity or without Metrics, and answers one with both', async () => {
    await expect(costAndUsage({ Granularity: undefined })).rejects.toMatchObject(
      refused(/^GetCostAndUsage: Granularity is missing .*Required: Yes/),
    );
    await expect(costAndUsage({ Metrics: undefined })).rejects.toMatchObject(
      refused(/^GetCostAndUsage: Metrics is missing .*Required: Yes/),
    );
    await expect(costAndUsage({})).resolves.toBeDefined();
  });

  it('refuses GetCostAndUsage grouped three ways, and answers two', async () => {
    const three = [...GroupBy, { Type: 'DIMENSION' as const, Key: 'SERVICE' }];
    await expect(costAndUsage({ GroupBy: three })).rejects.toMatchObject(
      refused(/^GetCostAndUsage: GroupBy has 3 entries .*up to two different groups/),
    );
    await expect(costAndUsage({ GroupBy })).resolves.toBeDefined();
  });

  it('refuses a TimePeriod that does not end after it starts, on every operation that takes one', async () => {
    const backwards = { Start: '2026-11-20', End: '2026-11-20' };
    await expect(costAndUsage({ TimePeriod: backwards })).rejects.toMatchObject(
      refused(/^GetCostAndUsage: TimePeriod ends .* on or before it starts .*End date must be after the Start date/),
    );
    await expect(
      ce.send(new GetSavingsPlansUtilizationCommand({ TimePeriod: backwards, Granularity: 'DAILY' })),
    ).rejects.toMatchObject(refused(/^GetSavingsPlansUtilization: TimePeriod ends/));
    const hourly = { Start: '2026-11-07T00:00:00Z', End: '2026-11-20T07:00:00Z' };
    await expect(costAndUsage({ TimePeriod: hourly, Granularity: 'HOURLY' })).resolves.toBeDefined();
  });
});

describe('Cost Explorer request rules in sample mode', () => {
  it('refuses before the sample responder is asked', async () => {
    const asked: string[] = [];
    const aws = createAws({
      mode: 'sample',
      homeRegion: 'us-east-1',
      responder: (call) => {
        asked.push(call.operation);
        return {};
      },
    });
    const ce = aws.client(CostExplorerClient);

    await expect(
      ce.send(new GetSavingsPlansCoverageCommand({ TimePeriod, Granularity: 'MONTHLY', GroupBy })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await ce.send(new GetSavingsPlansCoverageCommand({ TimePeriod, GroupBy }));

    expect(asked).toEqual(['GetSavingsPlansCoverage']);
  });
});

describe('Compute Optimizer request rules', () => {
  it('refuses a request naming more than one account, and answers one naming one', async () => {
    const aws = createAws({ mode: 'sample', homeRegion: 'us-east-1', responder: () => ({}) });
    const co = aws.client(ComputeOptimizerClient);
    await expect(
      co.send(new GetEC2InstanceRecommendationsCommand({ accountIds: ['222222222222', '333333333333'] })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/Only one account ID/) });
    await expect(
      co.send(new GetEC2InstanceRecommendationsCommand({ accountIds: ['222222222222'] })),
    ).resolves.toBeDefined();
  });
});

describe('CloudTrail request rules', () => {
  it('refuses a lookup of two attributes or of more than 50 events, and answers one of one', async () => {
    const aws = createAws({ mode: 'sample', homeRegion: 'us-east-1', responder: () => ({ Events: [] }) });
    const trail = aws.client(CloudTrailClient);
    const name = { AttributeKey: 'ResourceName' as const, AttributeValue: 'vol-1' };
    const event = { AttributeKey: 'EventName' as const, AttributeValue: 'CreateVolume' };
    await expect(trail.send(new LookupEventsCommand({ LookupAttributes: [name, event] }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/LookupAttributes has 2 items/),
    });
    await expect(
      trail.send(new LookupEventsCommand({ LookupAttributes: [name], MaxResults: 51 })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      trail.send(new LookupEventsCommand({ LookupAttributes: [name], MaxResults: 50 })),
    ).resolves.toBeDefined();
  });
});
