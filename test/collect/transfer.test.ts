import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { collectDataTransfer, type DataTransferRead, settledMonth, transferKindOf } from '../../src/collect/transfer';
import type { Note } from '../../src/domain/note';

const ce = mockClient(CostExplorerClient);
afterEach(() => ce.reset());
const live = () => createAws({ mode: 'live', homeRegion: 'eu-west-1' });
const request = { asOf: '2026-11-20', metric: 'UnblendedCost' as const, revisedDays: 3 };
const group = (accountId: string, usageType: string, usd: string, gb: string) => ({
  Keys: [accountId, usageType],
  Metrics: { UnblendedCost: { Amount: usd, Unit: 'USD' }, UsageQuantity: { Amount: gb, Unit: 'GB' } },
});
const october = { Start: '2026-10-01', End: '2026-11-01' };

describe('collectDataTransfer', () => {
  it("reads the settled month once, grouped by account and usage type, and keeps only data transfer's usage types", async () => {
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce({
        ResultsByTime: [
          {
            TimePeriod: october,
            Groups: [
              group('111111111111', 'USE1-DataTransfer-Regional-Bytes', '100.5', '10050'),
              group('111111111111', 'USE1-BoxUsage:m5.large', '70.08', '730'),
              group('111111111111', 'USE1-EU-AWS-Out-Bytes', '40', '2000'),
            ],
          },
        ],
        NextPageToken: 'p2',
      })
      .resolvesOnce({
        ResultsByTime: [
          {
            TimePeriod: october,
            Groups: [
              group('111111111111', 'USE1-DataTransfer-Regional-Bytes', '0.5', '50'),
              group('222222222222', 'DataTransfer-Out-Bytes', '9', '100'),
              group('222222222222', 'EU-DataTransfer-In-Bytes', '0', '500'),
            ],
          },
        ],
      });

    const read = await collectDataTransfer(live(), request, undefined, []);

    const inputs = ce.commandCalls(GetCostAndUsageCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toEqual({
      TimePeriod: october,
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost', 'UsageQuantity'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
      Filter: {
        And: [
          { Dimensions: { Key: 'RECORD_TYPE', Values: ['Usage'] } },
          { Not: { Dimensions: { Key: 'SERVICE', Values: ['Amazon CloudFront'] } } },
        ],
      },
    });
    expect(inputs[1]?.NextPageToken).toBe('p2');
    expect(read).toEqual({
      month: '2026-10',
      metric: 'UnblendedCost',
      estimated: false,
      usage: [
        // A group cut across two pages adds up.
        {
          ...base('111111111111', 'USE1-DataTransfer-Regional-Bytes', 'us-east-1'),
          kind: 'cross-az',
          gb: 10100,
          usd: 101,
        },
        {
          ...base('111111111111', 'USE1-EU-AWS-Out-Bytes', 'us-east-1'),
          kind: 'inter-region',
          toRegion: 'eu-west-1',
          gb: 2000,
          usd: 40,
        },
        // A usage type without a billing code is us-east-1's.
        { ...base('222222222222', 'DataTransfer-Out-Bytes', 'us-east-1'), kind: 'internet', gb: 100, usd: 9 },
      ],
    });
  });

  it('reuses the kept month; reads again for a newly settled month, another metric or a copy still Estimated', async () => {
    ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [{ TimePeriod: october, Groups: [], Estimated: true }] });
    const kept: DataTransferRead = { month: '2026-10', metric: 'UnblendedCost', estimated: false, usage: [] };

    expect(await collectDataTransfer(live(), request, kept, [])).toBe(kept);
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(0);

    await collectDataTransfer(live(), { ...request, asOf: '2026-12-04' }, kept, []);
    await collectDataTransfer(live(), { ...request, metric: 'AmortizedCost' }, kept, []);
    const again = await collectDataTransfer(live(), request, { ...kept, estimated: true }, []);
    const periods = ce.commandCalls(GetCostAndUsageCommand).map((c) => c.args[0].input.TimePeriod?.Start);
    expect(periods).toEqual(['2026-11-01', '2026-10-01', '2026-10-01']);
    expect(again?.estimated).toBe(true);
  });

  it('turns a denied read into a note, and uses the kept copy of an older month, said so', async () => {
    ce.on(GetCostAndUsageCommand).rejects(awsError('AccessDeniedException', 'no ce:GetCostAndUsage'));
    const kept: DataTransferRead = { month: '2026-09', metric: 'UnblendedCost', estimated: false, usage: [] };
    const notes: Note[] = [];
    expect(await collectDataTransfer(live(), request, kept, notes)).toBe(kept);
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'denied', source: 'ce:GetCostAndUsage' }),
      expect.objectContaining({ kind: 'unavailable', message: expect.stringContaining('stored copy of 2026-09') }),
    ]);
    expect(await collectDataTransfer(live(), request, undefined, [])).toBeUndefined();
  });

  it('leaves out a usage type whose billing code it does not know, and an amount that does not parse, with notes', async () => {
    ce.on(GetCostAndUsageCommand).resolves({
      ResultsByTime: [
        {
          TimePeriod: october,
          Groups: [
            group('111111111111', 'XYZ9-DataTransfer-Out-Bytes', '9', '100'),
            group('111111111111', 'USE1-XYZ9-AWS-Out-Bytes', '2', '100'),
            group('111111111111', 'USE1-DataTransfer-Out-Bytes', 'abc', '100'),
          ],
        },
      ],
    });
    const notes: Note[] = [];
    const read = await collectDataTransfer(live(), request, undefined, notes);
    expect(read?.usage.map((u) => [u.id, u.usd, u.gb])).toEqual([['USE1-DataTransfer-Out-Bytes', 0, 100]]);
    expect(notes.map((n) => n.message)).toEqual([
      expect.stringMatching(/^1 data transfer amounts from AWS did not parse/),
      expect.stringMatching(/^2 data-transfer usage types name a region billing code .* \(e\.g\. XYZ9-DataTransfer/),
    ]);
  });
});

describe('what the data-transfer read knows of dates and names', () => {
  it('takes the month before the one Cost Explorer may still revise', () => {
    expect(settledMonth('2026-11-20', 3)).toBe('2026-10');
    expect(settledMonth('2026-11-04', 3)).toBe('2026-10');
    expect(settledMonth('2026-11-03', 3)).toBe('2026-09');
    expect(settledMonth('2027-01-10', 3)).toBe('2026-12');
  });

  it('tells the three kinds of transfer apart by usage type, and nothing else', () => {
    expect(transferKindOf('EUC1-DataTransfer-Regional-Bytes')).toBe('cross-az');
    expect(transferKindOf('DataTransfer-Regional-Bytes')).toBe('cross-az');
    expect(transferKindOf('APS3-DataTransfer-Out-Bytes')).toBe('internet');
    expect(transferKindOf('USW2-USE1-AWS-Out-Bytes')).toBe('inter-region');
    for (const other of [
      'USE1-USW2-AWS-In-Bytes',
      'USE1-DataTransfer-In-Bytes',
      'USE1-NatGateway-Bytes',
      'USE1-CloudFront-Out-Bytes',
    ]) {
      expect(transferKindOf(other)).toBeUndefined();
    }
  });
});

function base(accountId: string, id: string, region: string) {
  return { accountId, region, id, tags: {}, month: '2026-10' };
}
