/**
 * Paging: the SDK's paginators where an operation has one (with `pager` as their configuration), and token loops for
 * the operations that have none (GetCostAndUsage, most Compute Optimizer lists, some Cost Explorer reads).
 */
import {
  type CostExplorerClient,
  type DimensionValuesWithAttributes,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import type { PaginationConfiguration } from '@smithy/types';

type PagedCommand = Parameters<NonNullable<PaginationConfiguration['withCommand']>>[0];

/**
 * An SDK paginator's configuration for `client`. Each page is sent with its own copy of the input (a paginator writes
 * every page's token into one shared input object, so mocked or recorded calls would all show the last token), and
 * `onRequest` is told before each page is sent (a request count: each page is a request, billed by Cost Explorer).
 */
export const pager = <C>(client: C, onRequest: () => void = () => undefined) => ({
  client,
  withCommand: (command: PagedCommand) => {
    onRequest();
    return Object.assign(command, { input: { ...command.input } });
  },
});

/** Every item of every page, in order. */
export async function itemsOf<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

/**
 * The pages of a token-paged list with no SDK paginator, each page's token passed to the next. A token returned twice
 * cannot loop: the client's paging guard (src/aws/paging.ts) throws a PagingError.
 */
export async function* tokenPages<P extends { nextToken?: string }>(
  read: (token: string | undefined) => Promise<P>,
): AsyncGenerator<P> {
  let token: string | undefined;
  do {
    const page = await read(token);
    yield page;
    token = page.nextToken || undefined;
  } while (token);
}

/** Every item of a token-paged list with no SDK paginator. */
export function allPages<T>(
  read: (token: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
): Promise<T[]> {
  return itemsOf(tokenPages(read), (page) => page.items);
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
