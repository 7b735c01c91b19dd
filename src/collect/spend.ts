/**
 * Daily spend from Cost Explorer. Each request (each page) is billed $0.01, so the collector asks little:
 * one GetCostAndUsage grouped by [LINKED_ACCOUNT, SERVICE] (total, by service, by account, by both), one grouped by
 * [TAG key, REGION] (by tag, by region), both aggregated locally, and one GetCostForecast to month end. Days settled in
 * the store are reused; only the open month (and the month holding the last `revisedDays`, which Cost Explorer still
 * revises) is read again. Today is partial and left out. Collectors fetch: nothing here judges the numbers.
 */
import {
  CostExplorerClient,
  type GetCostAndUsageCommandInput,
  GetCostForecastCommand,
  type Metric,
} from '@aws-sdk/client-cost-explorer';
import type { Aws } from '../aws';
import { addDays, ceEarliestDay, daysBetween, laterDay, monthStart, nextMonthStart } from '../domain/dates';
import type { Note } from '../domain/note';
import type { CostMetric, Series, SpendData } from '../domain/spend';
import { Amounts, listOf } from './amounts';
import { guard } from './guard';
import { accountNamesOf, addAt, costAndUsagePages } from './pages';

export interface SpendRequest {
  /** Today (YYYY-MM-DD); the window ends before it. */
  asOf: string;
  metric: CostMetric;
  lookbackDays: number;
  tagKey: string;
  revisedDays: number;
}

/** Cost Explorer's only endpoint. */
export const CE_REGION = 'us-east-1';

/** Where notes about GetCostAndUsage come from. */
const USAGE_SOURCE = 'ce:GetCostAndUsage';

/** The IAM actions this collector sends (test/iam.test.ts checks them against its imports and serverless.yml). */
export const SPEND_IAM_ACTIONS = ['ce:GetCostAndUsage', 'ce:GetCostForecast'] as const;

/** GetCostForecast names the metrics in its own enum. */
const FORECAST_METRIC: Record<CostMetric, Metric> = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
  BlendedCost: 'BLENDED_COST',
  NetUnblendedCost: 'NET_UNBLENDED_COST',
};

/** Level of the forecast's prediction interval, in percent. */
const FORECAST_INTERVAL = 80;

type Family = Record<string, Series>;

/** What one read of a window gave: dense families over `days`. */
interface Fresh {
  days: string[];
  estimated: boolean[];
  families: Record<string, Family>;
  accountNames: Record<string, string>;
  /** What did not parse, noted once the read is placed. */
  amounts: Amounts;
}

/**
 * Read [start, asOf) grouped by two keys and spread each group's amount into families keyed by what `place` returns.
 * A day can arrive on two pages (Cost Explorer may cut a page inside a period), so amounts add up.
 */
async function read(
  client: CostExplorerClient,
  request: SpendRequest,
  start: string,
  groupBy: GetCostAndUsageCommandInput['GroupBy'],
  place: (keys: string[]) => [family: string, key: string][],
): Promise<Fresh> {
  const days = daysBetween(start, request.asOf);
  const index = new Map(days.map((d, i) => [d, i]));
  const pages = await costAndUsagePages(client, {
    TimePeriod: { Start: start, End: request.asOf },
    Granularity: 'DAILY',
    Metrics: [request.metric],
    GroupBy: groupBy,
  });
  const families: Record<string, Family> = {};
  const estimated = days.map(() => false);
  const amounts = new Amounts(USAGE_SOURCE, 'daily amounts');
  for (const r of pages.flatMap((p) => listOf(p.ResultsByTime, 'ResultsByTime'))) {
    const i = index.get(r.TimePeriod?.Start ?? '');
    if (i === undefined) continue; // a period outside the window asked for: nothing to place
    if (r.Estimated) estimated[i] = true;
    for (const g of listOf(r.Groups, 'Groups')) {
      const usd = amounts.usd(g.Metrics?.[request.metric]?.Amount, `${(g.Keys ?? []).join(', ')} on ${days[i]}`);
      for (const [name, key] of place(g.Keys ?? [])) {
        families[name] ??= {};
        addAt(families[name], key, i, days.length, usd);
      }
    }
  }
  const accountNames = accountNamesOf(pages);
  return { days, estimated, families, accountNames, amounts };
}

/**
 * The first day to read again: the start of the month holding asOf - revisedDays, or earlier where the store lacks a
 * day of the window or still holds it as Estimated. `has` says whether the cache holds the family at all.
 */
function firstToRead(request: SpendRequest, start: string, cached: SpendData | undefined, has: boolean): string {
  const revised = monthStart(addDays(request.asOf, -request.revisedDays));
  if (!cached || !has || cached.metric !== request.metric || (cached.days[0] ?? '9999') > start) return start;
  const at = new Map(cached.days.map((d, i) => [d, i]));
  for (const day of daysBetween(start, revised)) {
    const i = at.get(day);
    if (i === undefined || cached.estimated[i]) return day;
  }
  return laterDay(revised, start);
}

/** Dense series over `days`: the cached values before `from`, the fresh ones from it, 0 on days a key had no cost. */
function merge(days: string[], from: string, cachedDays: string[], cached: Family, fresh: Fresh, name: string): Family {
  const cachedAt = new Map(cachedDays.map((d, i) => [d, i]));
  const freshAt = new Map(fresh.days.map((d, i) => [d, i]));
  const freshFamily = fresh.families[name] ?? {};
  const keys = new Set([...Object.keys(cached), ...Object.keys(freshFamily)]);
  const out: Family = {};
  for (const key of keys) {
    const series = days.map((d) => {
      const i = d < from ? cachedAt.get(d) : freshAt.get(d);
      const source = d < from ? cached[key] : freshFamily[key];
      return i === undefined ? 0 : (source?.[i] ?? 0);
    });
    // A key whose cost lies wholly before the window (a service stopped a year ago) leaves the store with it.
    if (series.some((usd) => usd !== 0)) out[key] = series;
  }
  return out;
}

/** [LINKED_ACCOUNT, SERVICE] groups: the total, by account, by service and by both. */
const readByAccountService = (client: CostExplorerClient, request: SpendRequest, from: string) =>
  read(
    client,
    request,
    from,
    [
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      { Type: 'DIMENSION', Key: 'SERVICE' },
    ],
    ([account = '', service = '']) => [
      ['total', ''],
      ['byAccount', account],
      ['byService', service],
      ['byAccountService', `${account}|${service}`],
    ],
  );

/** [TAG, REGION] groups: by tag value (Cost Explorer answers `key$value`) and by region. */
const readByTagRegion = (client: CostExplorerClient, request: SpendRequest, from: string) => {
  const tagPrefix = `${request.tagKey}$`;
  return read(
    client,
    request,
    from,
    [
      { Type: 'TAG', Key: request.tagKey },
      { Type: 'DIMENSION', Key: 'REGION' },
    ],
    ([tag = '', region = '']) => [
      ['byTag', tag.startsWith(tagPrefix) ? tag.slice(tagPrefix.length) : tag],
      ['byRegion', region],
    ],
  );
};

/** The stored copy when spend could not be read, with a note saying how far it goes and this run's forecast. */
function storedCopy(cached: SpendData, forecast: SpendData['forecast'], notes: Note[]): SpendData {
  const last = cached.days[cached.days.length - 1] ?? 'nothing';
  notes.push({
    kind: 'unavailable',
    source: USAGE_SOURCE,
    message: `spend could not be read from Cost Explorer; the stored copy (up to ${last}) is used`,
  });
  return { ...cached, forecast: undefined, ...(forecast ? { forecast } : {}) };
}

/**
 * Collect daily spend for the look-back window ending yesterday, reusing the settled days of `cached` (what the store
 * kept from an earlier run). Denied or throttled calls become notes; the run goes on with what could be read.
 * Returns undefined only when nothing could be read and nothing was cached.
 */
export async function collectSpend(
  aws: Aws,
  request: SpendRequest,
  cached: SpendData | undefined,
  notes: Note[],
): Promise<SpendData | undefined> {
  const client = aws.client(CostExplorerClient, CE_REGION);
  const earliest = ceEarliestDay(request.asOf);
  const lookback = addDays(request.asOf, -request.lookbackDays);
  const start = laterDay(lookback, earliest);
  const days = daysBetween(start, request.asOf);
  const cachedTag = cached?.byTag?.key === request.tagKey ? cached.byTag.values : undefined;

  const mainFrom = firstToRead(request, start, cached, true);
  const main = await guard(notes, { source: USAGE_SOURCE }, () => readByAccountService(client, request, mainFrom));
  const tagFrom = firstToRead(request, start, cached, cachedTag !== undefined);
  const tagged = await guard(notes, { source: USAGE_SOURCE }, () => readByTagRegion(client, request, tagFrom));
  const forecast = await readForecast(client, request, notes);
  main?.amounts.note(notes);
  tagged?.amounts.note(notes);

  if (!main) return cached ? storedCopy(cached, forecast, notes) : undefined;
  if (!tagged) {
    notes.push({
      kind: 'unavailable',
      source: USAGE_SOURCE,
      message: `spend by region and by tag "${request.tagKey}" could not be read and is left out`,
    });
  }

  const cachedDays = cached?.days ?? [];
  const mainFamily = (name: string, family: Family | undefined) =>
    merge(days, mainFrom, cachedDays, family ?? {}, main, name);
  const tagFamily = (name: string, family: Family | undefined, fresh: Fresh) =>
    merge(days, tagFrom, cachedDays, family ?? {}, fresh, name);
  const cachedAt = new Map(cachedDays.map((d, i) => [d, i]));
  const freshAt = new Map(main.days.map((d, i) => [d, i]));

  return {
    metric: request.metric,
    days,
    estimated: days.map((d) =>
      d < mainFrom
        ? (cached?.estimated[cachedAt.get(d) ?? -1] ?? false)
        : (main.estimated[freshAt.get(d) ?? -1] ?? false),
    ),
    total: mainFamily('total', cached ? { '': cached.total } : undefined)[''] ?? days.map(() => 0),
    byService: mainFamily('byService', cached?.byService),
    byAccount: mainFamily('byAccount', cached?.byAccount),
    byAccountService: mainFamily('byAccountService', cached?.byAccountService),
    byRegion: tagged ? tagFamily('byRegion', cached?.byRegion, tagged) : {},
    ...(tagged ? { byTag: { key: request.tagKey, values: tagFamily('byTag', cachedTag, tagged) } } : {}),
    accountNames: { ...cached?.accountNames, ...main.accountNames },
    ...(forecast ? { forecast } : {}),
  };
}

/** GetCostForecast from today to the end of the month; `end` is the month's last day (inclusive). */
async function readForecast(
  client: CostExplorerClient,
  request: SpendRequest,
  notes: Note[],
): Promise<SpendData['forecast']> {
  const end = nextMonthStart(request.asOf);
  return guard(notes, { source: 'ce:GetCostForecast' }, async () => {
    const r = await client.send(
      new GetCostForecastCommand({
        TimePeriod: { Start: request.asOf, End: end },
        Metric: FORECAST_METRIC[request.metric],
        Granularity: 'MONTHLY',
        PredictionIntervalLevel: FORECAST_INTERVAL,
      }),
    );
    const periods = listOf(r.ForecastResultsByTime, 'ForecastResultsByTime');
    const amounts = new Amounts('ce:GetCostForecast', 'forecast amounts');
    const bound = (key: 'PredictionIntervalLowerBound' | 'PredictionIntervalUpperBound') => {
      const values = periods.map((p) => amounts.maybe(p[key], key));
      return values.length && values.every((v) => v !== undefined)
        ? values.reduce((sum: number, v) => sum + (v as number), 0)
        : undefined;
    };
    const lower = bound('PredictionIntervalLowerBound');
    const upper = bound('PredictionIntervalUpperBound');
    const amount = amounts.maybe(r.Total?.Amount, 'Total');
    amounts.note(notes);
    // A forecast with no total that is a number is no forecast: no alert, no line, never $NaN.
    if (amount === undefined) return undefined;
    return {
      start: request.asOf,
      end: addDays(end, -1),
      amount,
      ...(lower === undefined ? {} : { lower }),
      ...(upper === undefined ? {} : { upper }),
    };
  });
}
