import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { collectBilled } from '../../src/collect/billed';
import type { Note } from '../../src/domain/note';

const ce = mockClient(CostExplorerClient);
afterEach(() => ce.reset());
const live = () => createAws({ mode: 'live', homeRegion: 'eu-west-1' });
const request = {
  start: '2026-11-14',
  end: '2026-11-30',
  accountIds: ['111111111111'],
  usageTypes: ['EU-NatGateway-Hours'],
};
const group = (usageType: string, amount: string) => ({
  Keys: ['111111111111', usageType],
  Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
});

describe('collectBilled', () => {
  it('asks once, daily, grouped by account and usage type and filtered to both, and adds a day cut across pages', async () => {
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce({
        ResultsByTime: [
          { TimePeriod: { Start: '2026-11-14', End: '2026-11-15' }, Groups: [group('EU-NatGateway-Hours', '0.75')] },
        ],
        NextPageToken: 'p2',
      })
      .resolvesOnce({
        ResultsByTime: [
          { TimePeriod: { Start: '2026-11-14', End: '2026-11-15' }, Groups: [group('EU-NatGateway-Hours', '0.33')] },
        ],
      });

    const billed = await collectBilled(live(), request, 'UnblendedCost', []);

    expect(billed?.get('111111111111|EU-NatGateway-Hours')?.get('2026-11-14')).toBeCloseTo(1.08, 10);
    const inputs = ce.commandCalls(GetCostAndUsageCommand).map((c) => c.args[0].input);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).toEqual({
      TimePeriod: { Start: '2026-11-14', End: '2026-11-30' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
      Filter: {
        And: [
          { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['111111111111'] } },
          { Dimensions: { Key: 'USAGE_TYPE', Values: ['EU-NatGateway-Hours'] } },
        ],
      },
    });
    expect(inputs[1]?.NextPageToken).toBe('p2');
  });

  it('leaves out an amount that does not parse and says so: never NaN', async () => {
    ce.on(GetCostAndUsageCommand).resolves({
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-11-14', End: '2026-11-15' },
          Groups: [group('EU-NatGateway-Hours', 'abc'), group('EU-NatGateway-Bytes', '2.5')],
        },
      ],
    });
    const notes: Note[] = [];
    const billed = await collectBilled(live(), request, 'UnblendedCost', notes);
    expect(billed?.get('111111111111|EU-NatGateway-Hours')).toBeUndefined();
    expect(billed?.get('111111111111|EU-NatGateway-Bytes')?.get('2026-11-14')).toBe(2.5);
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'error', message: expect.stringMatching(/^1 daily amount/) }),
    ]);
  });

  it('turns a denied read into a note and no figures', async () => {
    ce.on(GetCostAndUsageCommand).rejects(awsError('AccessDeniedException', 'no ce:GetCostAndUsage'));
    const notes: Note[] = [];
    expect(await collectBilled(live(), request, 'UnblendedCost', notes)).toBeUndefined();
    expect(notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'ce:GetCostAndUsage' })]);
  });
});
