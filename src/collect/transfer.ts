/**
 * The bill's data transfer, for the rules that price it: one GetCostAndUsage over the last settled month (MONTHLY,
 * grouped by LINKED_ACCOUNT and USAGE_TYPE, usage records only, CloudFront's own usage left out), of which the
 * data-transfer usage types are kept with their GB (UsageQuantity) and cost. GetCostAndUsage filters dimensions by
 * exact value only, so the usage types are picked here, by name, rather than listed in the request.
 *
 * Each page is billed $0.01 and a settled month does not change: the read is kept in the snapshot and made again only
 * when a new month has settled (once a month), when the cost metric changes, or when the kept copy was still marked
 * Estimated. Its pages follow the accounts x usage types of one month (one for the sample's three accounts).
 */
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { Aws } from '../aws';
import { addDays, monthStart, nextMonthStart } from '../domain/dates';
import type { Note } from '../domain/note';
import type { DataTransferUsage, TransferKind } from '../domain/resources-network';
import type { CostMetric } from '../domain/spend';
import { regionOfUsageType } from '../pricing/usage-types';
import { Amounts, listOf } from './amounts';
import { guard } from './guard';
import { costAndUsagePages } from './pages';
import { CE_REGION } from './spend';

/** The IAM actions this collector sends (test/deploy/iam.test.ts checks them against its imports and serverless.yml). */
export const TRANSFER_IAM_ACTIONS = ['ce:GetCostAndUsage'] as const;

const SOURCE = 'ce:GetCostAndUsage';

/** One read of a month's data transfer, as the snapshot keeps it. */
export interface DataTransferRead {
  /** YYYY-MM. */
  month: string;
  metric: CostMetric;
  /** Cost Explorer still marked the month Estimated: read again next run. */
  estimated: boolean;
  usage: DataTransferUsage[];
}

export interface TransferRequest {
  asOf: string;
  metric: CostMetric;
  /** Recent days Cost Explorer still revises (DURION_REVISED_DAYS): a month is settled once they are past it. */
  revisedDays: number;
}

/**
 * Data-transfer usage types by name (CUR's data transfer line items; AWS CLI's `ce get-dimension-values` examples):
 * `[code-]DataTransfer-Regional-Bytes` between Availability Zones (and to public IPs in the region),
 * `[code-]DataTransfer-Out-Bytes` to the internet, `<from>-<to>-AWS-Out-Bytes` to another region. A bare name is
 * us-east-1's. Inbound transfer is free and not read.
 */
const KINDS: [RegExp, TransferKind][] = [
  [/^(?:[A-Z]{2,4}\d{0,2}-)?DataTransfer-Regional-Bytes$/, 'cross-az'],
  [/^(?:[A-Z]{2,4}\d{0,2}-)?DataTransfer-Out-Bytes$/, 'internet'],
  [/^[A-Z]{2,4}\d{0,2}-[A-Z]{2,4}\d{0,2}-AWS-Out-Bytes$/, 'inter-region'],
];

/** What kind of data transfer a usage type bills, or undefined when it is none of the three. */
export const transferKindOf = (usageType: string): TransferKind | undefined =>
  KINDS.find(([re]) => re.test(usageType))?.[1];

/** The last month Cost Explorer no longer revises on asOf (YYYY-MM): the one before the month of asOf - revisedDays. */
export const settledMonth = (asOf: string, revisedDays: number): string =>
  monthStart(addDays(monthStart(addDays(asOf, -revisedDays)), -1)).slice(0, 7);

/**
 * The settled month's data transfer: the kept read when it is that month's, settled and in the same metric, else read
 * now. A read that fails is a note; the kept read (an older month, said so) stands in for it, or nothing.
 */
export async function collectDataTransfer(
  aws: Aws,
  request: TransferRequest,
  kept: DataTransferRead | undefined,
  notes: Note[],
): Promise<DataTransferRead | undefined> {
  const month = settledMonth(request.asOf, request.revisedDays);
  if (kept && kept.month === month && kept.metric === request.metric && !kept.estimated) return kept;
  const read = await guard(notes, { source: SOURCE }, () => readMonth(aws, month, request.metric, notes));
  if (read || !kept) return read;
  notes.push({
    kind: 'unavailable',
    source: SOURCE,
    message: `data transfer of ${month} could not be read; the stored copy of ${kept.month} is used`,
  });
  return kept;
}

async function readMonth(aws: Aws, month: string, metric: CostMetric, notes: Note[]): Promise<DataTransferRead> {
  const start = `${month}-01`;
  const pages = await costAndUsagePages(aws.client(CostExplorerClient, CE_REGION), {
    TimePeriod: { Start: start, End: nextMonthStart(start) },
    Granularity: 'MONTHLY',
    Metrics: [metric, 'UsageQuantity'],
    GroupBy: [
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
    ],
    // CloudFront's edge usage types (`EU-DataTransfer-Out-Bytes`) would read as a region's own.
    Filter: {
      And: [
        { Dimensions: { Key: 'RECORD_TYPE', Values: ['Usage'] } },
        { Not: { Dimensions: { Key: 'SERVICE', Values: ['Amazon CloudFront'] } } },
      ],
    },
  });
  const amounts = new Amounts(SOURCE, 'data transfer amounts');
  const byKey = new Map<string, DataTransferUsage>();
  const unknown = new Set<string>();
  let estimated = false;
  for (const r of pages.flatMap((p) => listOf(p.ResultsByTime, 'ResultsByTime'))) {
    if (r.Estimated) estimated = true;
    for (const g of listOf(r.Groups, 'Groups')) {
      const [accountId = '', usageType = ''] = g.Keys ?? [];
      const kind = transferKindOf(usageType);
      if (!kind) continue;
      const region = regionOfUsageType(usageType);
      const toRegion = kind === 'inter-region' ? regionOfUsageType(usageType.replace(/^[^-]+-/, '')) : undefined;
      if (!region || (kind === 'inter-region' && !toRegion)) {
        unknown.add(usageType);
        continue;
      }
      const where = `${accountId} ${usageType}`;
      const usd = amounts.usd(g.Metrics?.[metric]?.Amount, where);
      const gb = amounts.usd(g.Metrics?.UsageQuantity?.Amount, where);
      // A group can arrive on two pages (Cost Explorer may cut a page inside a period), so amounts add up.
      const key = `${accountId}|${usageType}`;
      const seen = byKey.get(key);
      if (seen) {
        seen.gb += gb;
        seen.usd += usd;
      } else {
        byKey.set(key, {
          accountId,
          region,
          id: usageType,
          tags: {},
          kind,
          ...(toRegion ? { toRegion } : {}),
          month,
          gb,
          usd,
        });
      }
    }
  }
  amounts.note(notes);
  if (unknown.size) {
    notes.push({
      kind: 'unavailable',
      source: SOURCE,
      message: `${unknown.size} data-transfer usage types name a region billing code durion-cost does not know (e.g. ${[...unknown][0]}) and are left out`,
    });
  }
  return { month, metric, estimated, usage: [...byKey.values()] };
}
