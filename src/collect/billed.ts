/**
 * The bill's daily cost of named usage types in named accounts: one GetCostAndUsage (DAILY, grouped by LINKED_ACCOUNT
 * and USAGE_TYPE, filtered to those accounts and usage types) for every claim a run checks (ledger/realized.ts).
 * Amounts that do not parse are left out and said in a note.
 */
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { Aws } from '../aws';
import type { Note } from '../domain/note';
import type { CostMetric } from '../domain/spend';
import { Amounts, listOf } from './amounts';
import { guard } from './guard';
import { costAndUsagePages } from './pages';
import { CE_REGION } from './spend';

/** The days [start, end), the accounts and the usage types as billed (`EU-EBS:VolumeUsage.gp2`). */
export interface BilledRequest {
  start: string;
  end: string;
  accountIds: string[];
  usageTypes: string[];
}

/** Daily cost by account and billed usage type: `billed.get(`${accountId}|${usageType}`)?.get(day)`. */
export type Billed = Map<string, Map<string, number>>;

const SOURCE = 'ce:GetCostAndUsage';

/** Read the request's daily costs; undefined (and a note) when Cost Explorer could not be read. */
export async function collectBilled(
  aws: Aws,
  request: BilledRequest,
  metric: CostMetric,
  notes: Note[],
): Promise<Billed | undefined> {
  const client = aws.client(CostExplorerClient, CE_REGION);
  const pages = await guard(notes, { source: SOURCE }, () =>
    costAndUsagePages(client, {
      TimePeriod: { Start: request.start, End: request.end },
      Granularity: 'DAILY',
      Metrics: [metric],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
      Filter: {
        And: [
          { Dimensions: { Key: 'LINKED_ACCOUNT', Values: request.accountIds } },
          { Dimensions: { Key: 'USAGE_TYPE', Values: request.usageTypes } },
        ],
      },
    }),
  );
  if (!pages) return undefined;
  const billed: Billed = new Map();
  const amounts = new Amounts(SOURCE, "daily amounts of the claims' usage types");
  for (const r of pages.flatMap((p) => listOf(p.ResultsByTime, 'ResultsByTime'))) {
    const day = r.TimePeriod?.Start;
    for (const g of listOf(r.Groups, 'Groups')) {
      const usd = amounts.maybe(g.Metrics?.[metric]?.Amount, `${(g.Keys ?? []).join(', ')} on ${day}`);
      if (!day || usd === undefined) continue;
      const key = (g.Keys ?? []).join('|');
      const days = billed.get(key) ?? new Map<string, number>();
      days.set(day, (days.get(day) ?? 0) + usd); // a day can arrive on two pages
      billed.set(key, days);
    }
  }
  amounts.note(notes);
  return billed;
}
