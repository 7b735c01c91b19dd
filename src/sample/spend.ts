/**
 * The sample account's Cost Explorer: GetCostAndUsage, GetCostForecast and GetDimensionValues answered from a spend
 * cube built out of the estate's bill lines (src/sample/estate.ts). A cell's cost depends only on (seed, day, line) and,
 * for the planted anomalies, on the as-of date's week, so a day reads the same whatever window asks for it.
 *
 * What the handlers reproduce of real Cost Explorer (shapes from AWS CLI's examples and the botocore model):
 * amounts as strings, an empty `Total` when GroupBy is used, tag keys as `team$erp-core` and untagged as `team$`,
 * `Estimated` on the open month and the last days, `DimensionValueAttributes` naming linked accounts, End exclusive,
 * nothing after today (today itself is partial), HOURLY only for the last 14 days, at most two group-bys, and pages.
 *
 * Paging: AWS documents only that NextPageToken is returned "when the response from a previous call has more results
 * than the maximum page size" (GetCostAndUsageResponse.NextPageToken in the Cost Explorer API reference,
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html) and that "if your
 * result set is paginated each page counts as a separate request" (https://aws.amazon.com/aws-cost-management/
 * aws-cost-explorer/faqs/). The page size is not documented anywhere we found, and the SDKs ship no paginator for
 * GetCostAndUsage (https://github.com/boto/boto3/issues/4391; none in @aws-sdk/client-cost-explorer either).
 * ASSUMPTION: a page holds at most PAGE_GROUPS group rows and may cut a time period in two (the harder case for a
 * client: the same day then appears on two pages). Ungrouped answers (one total per period) are never paged. With the
 * sample estate (~35 account/service pairs a day) a 13-month first read takes 3 pages, a month takes 1.
 */
import { type AwsCall, awsError } from '../aws/replay';
import { HOURLY_DAYS } from '../collect/anomalies';
import { ceEarliestDay } from '../collect/spend';
import { addDays, daysBetween, earlierDay, monthStart, nextMonthStart } from '../dates';
import { COST_METRICS } from '../model';
import {
  BILL_LINES,
  type BillLine,
  GROWTH_EPOCH,
  MONTHLY_GROWTH,
  NOISE,
  plantedAnomalies,
  SAMPLE_ACCOUNTS,
  SAMPLE_TAG_KEY,
} from './estate';
import type { SampleHandler, SampleOptions } from './index';
import { mulberry32 } from './random';

/** ASSUMPTION (see above): group rows per GetCostAndUsage page. */
export const PAGE_GROUPS = 5000;
/** The days before today that Cost Explorer still marks Estimated, besides the whole open month. */
const ESTIMATED_DAYS = 2;
/** Today is partial: the sample's clock stands at 10:00 UTC. */
const TODAY_HOURS = 10;

const DIMENSIONS = {
  SERVICE: (l: CubeLine) => l.service,
  LINKED_ACCOUNT: (l: CubeLine) => l.accountId,
  REGION: (l: CubeLine) => l.region,
  USAGE_TYPE: (l: CubeLine) => l.usageType,
  RECORD_TYPE: (l: CubeLine) => l.recordType,
} as const;
type Dimension = keyof typeof DIMENSIONS;

const USAGE_METRICS = ['UsageQuantity', 'NormalizedUsageAmount'] as const;
type Metric = (typeof COST_METRICS)[number] | (typeof USAGE_METRICS)[number];
const METRICS: readonly Metric[] = [...COST_METRICS, ...USAGE_METRICS];
/** GetCostForecast's own enum, and the GetCostAndUsage metric each one forecasts. */
const FORECAST_METRICS: Record<string, Metric> = {
  UNBLENDED_COST: 'UnblendedCost',
  BLENDED_COST: 'BlendedCost',
  NET_UNBLENDED_COST: 'NetUnblendedCost',
  AMORTIZED_COST: 'AmortizedCost',
  NET_AMORTIZED_COST: 'NetAmortizedCost',
  USAGE_QUANTITY: 'UsageQuantity',
  NORMALIZED_USAGE_AMOUNT: 'NormalizedUsageAmount',
};

/** A bill line placed in time: anomalies are lines that only run between two days and do not grow. */
interface CubeLine extends BillLine {
  key: string;
  grows: boolean;
  from?: string;
  /** Exclusive. */
  until?: string;
}

const ACCOUNT_NAMES = new Map<string, string>(SAMPLE_ACCOUNTS.map((a) => [a.id, a.name]));

const invalid = (message: string) => awsError('ValidationException', message);

// ---- days ---------------------------------------------------------------------------------------------------------

const daysInMonth = (day: string) => Number(addDays(nextMonthStart(day), -1).slice(8));
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
/** Cost Explorer's Estimated flag for a day seen on asOf: the open month and the last few days. */
export const isEstimated = (day: string, asOf: string): boolean =>
  day >= monthStart(asOf) || day >= addDays(asOf, -ESTIMATED_DAYS);

// ---- the cube -----------------------------------------------------------------------------------------------------

/** FNV-1a: a stable 32-bit hash of a cell's identity, the seed of its own PRNG. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Multiplicative noise with mean 1 for one cell on one day (log-normal, Box-Muller). */
function noise(seed: number, day: string, key: string): number {
  const next = mulberry32(hash(`${seed}|${day}|${key}`));
  const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return Math.exp(NOISE * z - (NOISE * NOISE) / 2);
}

/** A day's growth factor and whether it is a weekend, computed once per day: every cell of the day needs them. */
const dayFacts = new Map<string, { growth: number; weekend: boolean }>();
function factsOf(day: string) {
  let facts = dayFacts.get(day);
  if (!facts) {
    const months = (dayNumber(day) - dayNumber(GROWTH_EPOCH)) / (365.25 / 12);
    facts = { growth: (1 + MONTHLY_GROWTH) ** months, weekend: isWeekend(day) };
    dayFacts.set(day, facts);
  }
  return facts;
}

const cubeCache = new Map<string, CubeLine[]>();
/** The estate's lines plus the anomalies planted for asOf (placed on its week: see anomalyAnchor). */
function cubeLines(asOf: string): CubeLine[] {
  let lines = cubeCache.get(asOf);
  if (!lines) {
    lines = [
      ...BILL_LINES.map((l) => ({
        ...l,
        key: `${l.accountId}|${l.service}|${l.usageType}|${l.team}`,
        grows: l.recordType !== 'SavingsPlanRecurringFee', // a commitment is fixed
      })),
      ...plantedAnomalies(asOf).map((a) => ({
        accountId: a.accountId,
        service: a.service,
        region: a.region,
        usageType: a.usageType,
        team: a.team,
        recordType: 'Usage' as const,
        charge: 'daily' as const,
        usd: a.extraUsdPerDay,
        weekend: 1,
        unitUsd: a.unitUsd,
        unit: a.unit,
        key: `anomaly|${a.kind}|${a.accountId}|${a.usageType}`,
        grows: false,
        from: a.start,
        ...(a.end ? { until: a.end } : {}),
      })),
    ];
    cubeCache.set(asOf, lines);
  }
  return lines;
}

/** A share of one day: which part of the day's accrual it holds, and whether it holds the month-start charges. */
interface Slot {
  day: string;
  share: number;
  monthStart: boolean;
}

/** A day as asOf sees it: whole before today, its first TODAY_HOURS hours today. */
const daySlot = (day: string, asOf: string): Slot => ({
  day,
  share: day === asOf ? TODAY_HOURS / 24 : 1,
  monthStart: true,
});

/** A line's amounts in one slot: cost as billed, amortized cost and usage quantity. `expected` drops the noise. */
function amounts(line: CubeLine, slot: Slot, seed: number, expected = false) {
  const { day } = slot;
  const zero = { cost: 0, amortized: 0, quantity: 0 };
  if ((line.from && day < line.from) || (line.until && day >= line.until)) return zero;
  const facts = factsOf(day);
  const scale = line.grows ? facts.growth : 1;
  if (line.charge === 'month-start') {
    const cost = slot.monthStart && day.endsWith('-01') ? line.usd * scale : 0;
    // Amortized cost spreads a commitment's fee over the month; other fees stay on the 1st.
    const amortized =
      line.recordType === 'SavingsPlanRecurringFee' ? (line.usd * scale * slot.share) / daysInMonth(day) : cost;
    return { cost, amortized, quantity: 0 };
  }
  const cost =
    line.usd * scale * (facts.weekend ? line.weekend : 1) * slot.share * (expected ? 1 : noise(seed, day, line.key));
  return { cost, amortized: cost, quantity: cost / line.unitUsd };
}

/** Normalization factor of an instance size (Cost Explorer's NormalizedUsageAmount), 0 where it has none. */
function normalizationFactor(usageType: string): number {
  const size = /\.(nano|micro|small|medium|large|(\d*)xlarge)$/.exec(usageType);
  if (!size) return 0;
  const fixed: Record<string, number> = { nano: 0.25, micro: 0.5, small: 1, medium: 2, large: 4 };
  return fixed[size[1] ?? ''] ?? 8 * Number(size[2] || 1);
}

function metricValue(metric: Metric, line: CubeLine, a: ReturnType<typeof amounts>): number {
  if (metric === 'AmortizedCost' || metric === 'NetAmortizedCost') return a.amortized;
  if (metric === 'UsageQuantity') return a.quantity;
  if (metric === 'NormalizedUsageAmount') return a.quantity * normalizationFactor(line.usageType);
  return a.cost; // the estate has no credits or discounts: blended = unblended = net unblended
}

// ---- requests -----------------------------------------------------------------------------------------------------

interface Period {
  Start: string;
  End: string;
  slots: Slot[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR = /^(\d{4}-\d{2}-\d{2})T(\d{2}):00:00Z$/;

function timePeriod(input: Record<string, unknown>): { Start: string; End: string } {
  const tp = input.TimePeriod as { Start?: string; End?: string } | undefined;
  if (!tp?.Start || !tp.End) throw invalid('TimePeriod with Start and End is required');
  return { Start: tp.Start, End: tp.End };
}

/** The periods of a GetCostAndUsage request, clipped to what exists on asOf (nothing after today). */
function periods(granularity: unknown, tp: { Start: string; End: string }, asOf: string): Period[] {
  if (granularity === 'HOURLY') {
    const start = HOUR.exec(tp.Start) ?? HOUR.exec(`${tp.Start}T00:00:00Z`);
    const end = HOUR.exec(tp.End) ?? HOUR.exec(`${tp.End}T00:00:00Z`);
    if (!start || !end) throw invalid('HOURLY TimePeriod must be YYYY-MM-DDThh:00:00Z or YYYY-MM-DD');
    if (`${start[1]}` < addDays(asOf, -HOURLY_DAYS)) {
      throw invalid(`Hourly data is available for the last ${HOURLY_DAYS} days only; Start ${tp.Start} is older`);
    }
    const out: Period[] = [];
    const last = Math.min(Date.parse(end[0]), Date.parse(`${asOf}T${String(TODAY_HOURS).padStart(2, '0')}:00:00Z`));
    for (let t = Date.parse(start[0]); t < last; t += 3_600_000) {
      const iso = new Date(t).toISOString().replace('.000', '');
      const day = iso.slice(0, 10);
      const slot = { day, share: 1 / 24, monthStart: iso.slice(11, 13) === '00' };
      out.push({ Start: iso, End: new Date(t + 3_600_000).toISOString().replace('.000', ''), slots: [slot] });
    }
    return out;
  }
  if (!DAY.test(tp.Start) || !DAY.test(tp.End)) throw invalid('TimePeriod Start and End must be YYYY-MM-DD');
  if (tp.Start >= tp.End) throw invalid(`Start date ${tp.Start} must be before end date ${tp.End}`);
  if (tp.Start > asOf) throw invalid(`Start date ${tp.Start} is after the current date ${asOf}`);
  if (tp.Start < ceEarliestDay(asOf)) {
    throw invalid(`Start date ${tp.Start} is before ${ceEarliestDay(asOf)}: Cost Explorer holds 13 months of history`);
  }
  const end = earlierDay(tp.End, addDays(asOf, 1));
  const out: Period[] = [];
  if (granularity === 'DAILY') {
    for (const day of daysBetween(tp.Start, end))
      out.push({ Start: day, End: addDays(day, 1), slots: [daySlot(day, asOf)] });
  } else if (granularity === 'MONTHLY') {
    for (let s = tp.Start; s < end; s = nextMonthStart(s)) {
      const slots = daysBetween(s, earlierDay(nextMonthStart(s), end)).map((d) => daySlot(d, asOf));
      out.push({ Start: s, End: earlierDay(nextMonthStart(s), tp.End), slots });
    }
  } else {
    throw invalid(`Granularity must be one of DAILY, MONTHLY, HOURLY; got ${String(granularity)}`);
  }
  return out;
}

interface MatchValues {
  Key?: string;
  Values?: string[];
  MatchOptions?: string[];
}

/** Does a line pass a Cost Explorer filter Expression? */
function matches(expr: Record<string, unknown>, line: CubeLine): boolean {
  const parts = ['And', 'Or', 'Not', 'Dimensions', 'Tags', 'CostCategories'].filter((k) => expr[k] !== undefined);
  if (parts.length !== 1)
    throw invalid('Expression must have exactly one of And, Or, Not, Dimensions, Tags, CostCategories');
  const list = (k: string) => {
    const items = expr[k] as Record<string, unknown>[];
    if (!Array.isArray(items) || items.length < 2) throw invalid(`${k} needs at least two expressions`);
    return items;
  };
  if (expr.And) return list('And').every((e) => matches(e, line));
  if (expr.Or) return list('Or').some((e) => matches(e, line));
  if (expr.Not) return !matches(expr.Not as Record<string, unknown>, line);
  if (expr.CostCategories) throw invalid('The sample account has no cost categories');
  const m = (expr.Dimensions ?? expr.Tags) as MatchValues;
  const options = m.MatchOptions ?? ['EQUALS'];
  let value: string;
  if (expr.Dimensions) {
    const get = DIMENSIONS[m.Key as Dimension];
    if (!get) throw invalid(`The sample account does not model dimension ${m.Key}`);
    value = get(line);
  } else {
    value = m.Key === SAMPLE_TAG_KEY ? line.team : '';
    if (options.includes('ABSENT')) return value === '';
  }
  const fold = options.includes('CASE_INSENSITIVE') ? (s: string) => s.toLowerCase() : (s: string) => s;
  const v = fold(value);
  return (m.Values ?? []).map(fold).some((want) => {
    if (options.includes('STARTS_WITH')) return v.startsWith(want);
    if (options.includes('ENDS_WITH')) return v.endsWith(want);
    if (options.includes('CONTAINS')) return v.includes(want);
    return v === want;
  });
}

type GroupDef = { Type: string; Key: string };

function groupDefs(input: Record<string, unknown>): GroupDef[] {
  const defs = (input.GroupBy as GroupDef[] | undefined) ?? [];
  if (defs.length > 2) throw invalid('GroupBy accepts at most two group definitions');
  const seen = new Set(defs.map((d) => `${d.Type}:${d.Key}`));
  if (seen.size !== defs.length) throw invalid('GroupBy has the same group definition twice');
  for (const d of defs) {
    if (d.Type === 'DIMENSION' && !(d.Key in DIMENSIONS)) {
      throw invalid(`The sample account does not model group-by dimension ${d.Key}`);
    }
    if (d.Type !== 'DIMENSION' && d.Type !== 'TAG') throw invalid(`Group Definition type is invalid: ${d.Type}`);
  }
  return defs;
}

const groupKey = (def: GroupDef, line: CubeLine) =>
  def.Type === 'TAG'
    ? `${def.Key}$${def.Key === SAMPLE_TAG_KEY ? line.team : ''}`
    : DIMENSIONS[def.Key as Dimension](line);

const amount = (n: number) => (Math.abs(n) < 5e-11 ? '0' : n.toFixed(10));
const unitOf = (metric: Metric, units: Set<string>): string =>
  COST_METRICS.includes(metric as never) ? 'USD' : units.size === 1 ? ([...units][0] ?? 'N/A') : 'N/A';

interface Group {
  Keys: string[];
  Metrics: Record<string, { Amount: string; Unit: string }>;
}

/** One period's groups (or its total when ungrouped), aggregated over the matching lines. */
function aggregate(period: Period, lines: CubeLine[], defs: GroupDef[], metrics: Metric[], seed: number) {
  const sums = new Map<string, { keys: string[]; values: number[]; units: Set<string> }>();
  for (const line of lines) {
    const keys = defs.map((d) => groupKey(d, line));
    const id = keys.join('\u0000');
    for (const slot of period.slots) {
      const a = amounts(line, slot, seed);
      if (a.cost === 0 && a.amortized === 0) continue;
      let s = sums.get(id);
      if (!s) {
        s = { keys, values: metrics.map(() => 0), units: new Set() };
        sums.set(id, s);
      }
      const values = s.values;
      metrics.forEach((m, i) => {
        values[i] = (values[i] ?? 0) + metricValue(m, line, a);
      });
      if (a.quantity) s.units.add(line.unit);
    }
  }
  const toMetrics = (values: number[], units: Set<string>) =>
    Object.fromEntries(metrics.map((m, i) => [m, { Amount: amount(values[i] ?? 0), Unit: unitOf(m, units) }]));
  const groups: Group[] = [...sums.values()]
    .sort((a, b) => a.keys.join('\u0000').localeCompare(b.keys.join('\u0000')))
    .map((s) => ({ Keys: s.keys, Metrics: toMetrics(s.values, s.units) }));
  if (defs.length) return { groups, total: {} };
  const all = [...sums.values()];
  const totals = metrics.map((_, i) => all.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  return { groups: [], total: toMetrics(totals, new Set(all.flatMap((s) => [...s.units]))) };
}

function requestedMetrics(input: Record<string, unknown>): Metric[] {
  const metrics = input.Metrics as string[] | undefined;
  if (!metrics?.length) throw invalid('Metrics is required');
  for (const m of metrics) {
    if (!METRICS.includes(m as Metric)) throw invalid(`Metrics must be among ${METRICS.join(', ')}; got ${m}`);
  }
  return metrics as Metric[];
}

const filteredLines = (input: Record<string, unknown>, asOf: string) => {
  const filter = input.Filter as Record<string, unknown> | undefined;
  return filter ? cubeLines(asOf).filter((l) => matches(filter, l)) : cubeLines(asOf);
};

/** The token of a page: the offset into the answer and a fingerprint of the request it belongs to. */
const token = (offset: number, fingerprint: number) =>
  Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');

function readToken(raw: unknown, fingerprint: number): number {
  if (raw === undefined) return 0;
  let parsed: { o?: unknown; f?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(String(raw), 'base64url').toString());
  } catch {
    throw awsError('InvalidNextTokenException', 'The pagination token is invalid.');
  }
  if (typeof parsed.o !== 'number') throw awsError('InvalidNextTokenException', 'The pagination token is invalid.');
  if (parsed.f !== fingerprint) {
    throw awsError(
      'RequestChangedException',
      'Your request parameters changed between pages. Try again with the old parameters or without a pagination token.',
    );
  }
  return parsed.o;
}

interface Answer {
  results: { TimePeriod: { Start: string; End: string }; Total: object; Groups: Group[]; Estimated: boolean }[];
  accounts: string[];
}

let lastAnswer: { id: string; answer: Answer } | undefined;

/** The whole answer to a request, before paging; the last one is kept because a client reads it page by page. */
function answer(input: Record<string, unknown>, options: SampleOptions): Answer {
  const { NextPageToken: _page, ...request } = input;
  const id = JSON.stringify([options, request]);
  if (lastAnswer?.id === id) return lastAnswer.answer;
  const metrics = requestedMetrics(input);
  const defs = groupDefs(input);
  const lines = filteredLines(input, options.asOf);
  const results = periods(input.Granularity, timePeriod(input), options.asOf).map((p) => {
    const { groups, total } = aggregate(p, lines, defs, metrics, options.seed);
    return {
      TimePeriod: { Start: p.Start, End: p.End },
      Total: total,
      Groups: groups,
      Estimated: p.slots.some((s) => isEstimated(s.day, options.asOf)),
    };
  });
  const accountDef = defs.findIndex((d) => d.Type === 'DIMENSION' && d.Key === 'LINKED_ACCOUNT');
  const accounts =
    accountDef < 0 ? [] : [...new Set(results.flatMap((r) => r.Groups.map((g) => g.Keys[accountDef] ?? '')))].sort();
  lastAnswer = { id, answer: { results, accounts } };
  return lastAnswer.answer;
}

/** ce:GetCostAndUsage over the cube, paged by group rows. */
const getCostAndUsage: SampleHandler = (call: AwsCall, options) => {
  const { NextPageToken: _page, ...request } = call.input;
  const fingerprint = hash(JSON.stringify(request));
  const offset = readToken(call.input.NextPageToken, fingerprint);
  const { results, accounts } = answer(call.input, options);
  const grouped = Array.isArray(call.input.GroupBy) && call.input.GroupBy.length > 0;

  // Ungrouped answers hold one total per period and are never paged. Grouped ones are cut into pages of PAGE_GROUPS
  // rows, possibly inside a period; a period without groups counts as one row so that it lands on a page.
  if (!grouped) return respond(call, results, accounts);
  const rows = results.flatMap((r, i): { i: number; g?: Group }[] =>
    r.Groups.length ? r.Groups.map((g) => ({ i, g })) : [{ i }],
  );
  const byPeriod = new Map<number, Group[]>();
  for (const { i, g } of rows.slice(offset, offset + PAGE_GROUPS)) {
    byPeriod.set(i, [...(byPeriod.get(i) ?? []), ...(g ? [g] : [])]);
  }
  const page = [...byPeriod].map(([i, groups]) => ({ ...(results[i] as Answer['results'][number]), Groups: groups }));
  const next = offset + PAGE_GROUPS < rows.length ? token(offset + PAGE_GROUPS, fingerprint) : undefined;
  return respond(call, page, accounts, next);
};

function respond(call: AwsCall, results: Answer['results'], accounts: string[], nextPageToken?: string) {
  return {
    GroupDefinitions: (call.input.GroupBy as GroupDef[] | undefined) ?? [],
    ResultsByTime: results,
    DimensionValueAttributes: accounts.map((id) => ({
      Value: id,
      Attributes: { description: ACCOUNT_NAMES.get(id) ?? id },
    })),
    ...(nextPageToken === undefined ? {} : { NextPageToken: nextPageToken }),
  };
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9 in the central region). */
function probit(p: number): number {
  const a = [
    -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472, 2.50662827745924,
  ];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const q = p - 0.5;
  const r = q * q;
  const num = ((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!;
  const den = ((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1;
  return (q * num) / den;
}

/**
 * ce:GetCostForecast: the cube's expected cost (growth, weekly rhythm, month-start charges, the anomalies still
 * running) without noise. The interval widens with the day-to-day noise and a 2% model uncertainty.
 */
const getCostForecast: SampleHandler = (call, options) => {
  const { asOf } = options;
  const metric = FORECAST_METRICS[String(call.input.Metric)];
  if (!metric) throw invalid(`Metric must be one of ${Object.keys(FORECAST_METRICS).join(', ')}`);
  const tp = timePeriod(call.input);
  if (!DAY.test(tp.Start) || !DAY.test(tp.End)) throw invalid('TimePeriod Start and End must be YYYY-MM-DD');
  if (tp.Start < asOf) throw invalid(`Start date ${tp.Start} must be equal to or later than the current date ${asOf}`);
  if (tp.End <= tp.Start) throw invalid(`End date ${tp.End} must be after start date ${tp.Start}`);
  const granularity = call.input.Granularity;
  if (granularity !== 'DAILY' && granularity !== 'MONTHLY') throw invalid('Granularity must be DAILY or MONTHLY');
  const limit = granularity === 'DAILY' ? 93 : 366;
  if (dayNumber(tp.End) - dayNumber(tp.Start) > limit) {
    throw invalid(`A ${granularity} forecast covers at most ${granularity === 'DAILY' ? 3 : 12} months`);
  }
  const level = call.input.PredictionIntervalLevel as number | undefined;
  if (level !== undefined && (level < 51 || level > 99)) throw invalid('PredictionIntervalLevel must be 51 to 99');
  const z = level === undefined ? 0 : probit(0.5 + level / 200);
  const lines = filteredLines(call.input, asOf);

  const dayMean = (day: string) =>
    lines.reduce((sum, l) => {
      const a = amounts(l, { day, share: 1, monthStart: true }, options.seed, true);
      return sum + metricValue(metric, l, a);
    }, 0);
  const days = daysBetween(tp.Start, tp.End).map((day) => ({ day, mean: dayMean(day) }));
  const interval = (ds: typeof days) => {
    const mean = ds.reduce((s, d) => s + d.mean, 0);
    const spread = Math.sqrt(ds.reduce((s, d) => s + (NOISE * d.mean) ** 2, 0)) + 0.02 * mean;
    return { mean, lower: Math.max(0, mean - z * spread), upper: mean + z * spread };
  };
  const buckets = new Map<string, typeof days>();
  for (const d of days) {
    const key = granularity === 'DAILY' ? d.day : monthStart(d.day);
    buckets.set(key, [...(buckets.get(key) ?? []), d]);
  }
  const unit = COST_METRICS.includes(metric as never) ? 'USD' : 'N/A';
  return {
    Total: { Amount: amount(interval(days).mean), Unit: unit },
    ForecastResultsByTime: [...buckets.values()].map((ds) => {
      const first = ds[0]?.day ?? tp.Start;
      const end = addDays(ds[ds.length - 1]?.day ?? first, 1);
      const i = interval(ds);
      return {
        TimePeriod: { Start: first, End: end },
        MeanValue: amount(i.mean),
        ...(level === undefined
          ? {}
          : { PredictionIntervalLowerBound: amount(i.lower), PredictionIntervalUpperBound: amount(i.upper) }),
      };
    }),
  };
};

/** ce:GetDimensionValues for the dimensions the cube has, with account names as LINKED_ACCOUNT attributes. */
const getDimensionValues: SampleHandler = (call, options) => {
  const dimension = call.input.Dimension as Dimension;
  const get = DIMENSIONS[dimension];
  if (!get) throw invalid(`The sample account does not model dimension ${String(call.input.Dimension)}`);
  const tp = timePeriod(call.input);
  const slots = periods('DAILY', tp, options.asOf).flatMap((p) => p.slots);
  const search = String(call.input.SearchString ?? '').toLowerCase();
  const values = [
    ...new Set(
      filteredLines(call.input, options.asOf)
        .filter((l) => slots.some((s) => amounts(l, s, options.seed, true).cost > 0))
        .map(get),
    ),
  ]
    .filter((v) => v.toLowerCase().includes(search))
    .sort();
  return {
    DimensionValues: values.map((Value) => ({
      Value,
      Attributes: dimension === 'LINKED_ACCOUNT' ? { description: ACCOUNT_NAMES.get(Value) ?? Value } : {},
    })),
    ReturnSize: values.length,
    TotalSize: values.length,
  };
};

export const spendHandlers: Record<string, SampleHandler> = {
  'ce:GetCostAndUsage': getCostAndUsage,
  'ce:GetCostForecast': getCostForecast,
  'ce:GetDimensionValues': getDimensionValues,
};
