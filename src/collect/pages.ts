/** Token paging for the operations the SDK has no paginator for (Cost Explorer, Compute Optimizer, the Hub). */
import {
  type CostExplorerClient,
  type DimensionValuesWithAttributes,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';

/**
 * Every page of a token-paged list. A token returned twice cannot loop: the client's paging guard (src/aws/paging.ts)
 * throws a PagingError.
 */
export async function allPages<T>(
  read: (token: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await read(token);
    items.push(...page.items);
    token = page.nextToken || undefined;
  } while (token);
  return items;
}

/**
 * Every page of one GetCostAndUsage request, each page's token passed to the next. `allow` is asked before each
 * request (a request budget); when it says no, the pages read so far are returned.
 */
export function costAndUsagePages(
  client: CostExplorerClient,
  input: GetCostAndUsageCommandInput,
  allow: () => boolean = () => true,
): Promise<GetCostAndUsageCommandOutput[]> {
  return allPages(async (NextPageToken) => {
    if (!allow()) return { items: [] };
    const page = await client.send(new GetCostAndUsageCommand({ ...input, NextPageToken }));
    return { items: [page], nextToken: page.NextPageToken };
  });
}

/**
 * Add an amount at position `i` of the dense series `key` (made of `length` zeros when new). A period can arrive on
 * two pages (Cost Explorer may cut a page inside one), so amounts add up.
 */
export function addAt(series: Record<string, number[]>, key: string, i: number, length: number, usd: number): void {
  const values = series[key] ?? new Array<number>(length).fill(0);
  values[i] = (values[i] ?? 0) + usd;
  series[key] = values;
}

/** Account id to name, from the LINKED_ACCOUNT dimension attributes of the pages. */
export const accountNamesOf = (pages: { DimensionValueAttributes?: DimensionValuesWithAttributes[] }[]) =>
  Object.fromEntries(
    pages
      .flatMap((p) => p.DimensionValueAttributes ?? [])
      .flatMap((a) => (a.Value && a.Attributes?.description ? [[a.Value, a.Attributes.description]] : [])),
  ) as Record<string, string>;
