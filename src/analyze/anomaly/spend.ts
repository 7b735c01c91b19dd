/**
 * Spend anomalies of a run (pure): the detector over every daily series of SpendData (per linked account and
 * service, per service, per account, per tag value, in total), with the score threshold raised for the number of
 * series, the dollar thresholds applied, and each anomaly reported once, at the most specific cut that explains it.
 */

import type { AnomalyThresholds } from '../../config';
import { ANOMALY_DIMENSIONS, type AnomalyDimension, type SpendAnomaly } from '../../domain/anomaly';
import type { Severity } from '../../domain/finding';
import type { SpendData } from '../../domain/spend';
import { calendarClass, monthSlot } from './calendar';
import { costExplorerUrl } from './console';
import { scanSeries } from './detect';
import { spendDetector } from './thresholds';

/** Impact from which an anomaly is critical, high or medium (USD over the anomaly); drops are low whatever the size. */
const SEVERITY_USD: [Severity, number][] = [
  ['critical', 5000],
  ['high', 1000],
  ['medium', 200],
];

/** Severity from the dollar impact; drops are good news or lost data, and never more than low. */
export function severityOf(kind: SpendAnomaly['kind'], impactUsd: number): Severity {
  if (kind === 'drop') return 'low';
  return SEVERITY_USD.find(([, usd]) => impactUsd >= usd)?.[0] ?? 'low';
}

/**
 * The last days Cost Explorer may still be filling in. (It marks the whole open month Estimated, so Estimated alone
 * does not mean incomplete.)
 */
const BILLING_LAG_DAYS = 3;

interface Watched {
  dimension: AnomalyDimension;
  series: string;
  values: number[];
  accountId?: string;
  service?: string;
  tag?: { key: string; value: string };
}

/** Every series the detector watches. */
function watched(spend: SpendData): Watched[] {
  const out: Watched[] = [];
  for (const [key, values] of Object.entries(spend.byAccountService)) {
    const [accountId = '', service = ''] = key.split('|');
    out.push({ dimension: 'account-service', series: key, values, accountId, service });
  }
  for (const [service, values] of Object.entries(spend.byService))
    out.push({ dimension: 'service', series: service, values, service });
  for (const [accountId, values] of Object.entries(spend.byAccount))
    out.push({ dimension: 'account', series: accountId, values, accountId });
  for (const [value, values] of Object.entries(spend.byTag?.values ?? {})) {
    const key = spend.byTag?.key ?? '';
    out.push({ dimension: 'tag', series: value, values, tag: { key, value } });
  }
  out.push({ dimension: 'total', series: 'total', values: spend.total });
  return out;
}

/** Whether an anomaly on `inner` is part of one on `outer` (the same money seen at a coarser cut). */
function within(inner: SpendAnomaly, outer: SpendAnomaly): boolean {
  if (outer.dimension === 'total' || outer.dimension === 'tag') return inner.dimension !== outer.dimension;
  if (inner.dimension !== 'account-service') return false;
  return outer.dimension === 'service' ? inner.service === outer.service : inner.accountId === outer.accountId;
}

const overlaps = (a: SpendAnomaly, b: SpendAnomaly) => a.start <= b.end && b.start <= a.end;
const rising = (a: SpendAnomaly) => a.kind !== 'drop';

/** For people: "AWS Lambda in durion-staging (222222222222)". */
function labelOf(w: Watched, names: Record<string, string>): string {
  const account = w.accountId ? `${names[w.accountId] ?? w.accountId} (${w.accountId})` : '';
  switch (w.dimension) {
    case 'account-service':
      return `${w.service} in ${account}`;
    case 'service':
      return `${w.service}, all accounts`;
    case 'account':
      return `account ${account}`;
    case 'tag':
      return w.tag?.value ? `${w.tag.key}=${w.tag.value}` : `untagged (${w.tag?.key})`;
    default:
      return 'total spend';
  }
}

export interface SpendAnomalyOptions {
  /** Report anomalies open on the last day or ended within this many days before it. */
  recentDays: number;
}

/** The spend anomalies of the recent days, most specific cut first, then by impact. */
export function detectSpendAnomalies(
  spend: SpendData,
  thresholds: AnomalyThresholds,
  options: SpendAnomalyOptions = { recentDays: 14 },
): SpendAnomaly[] {
  const days = spend.days;
  if (days.length === 0) return [];
  const classes = days.map(calendarClass);
  const all = watched(spend);
  const detector = spendDetector(
    'daily',
    thresholds,
    all.length,
    classes,
    days.map((d) => monthSlot(d)),
  );
  const horizon = days.length - options.recentDays;
  const found: SpendAnomaly[] = [];
  for (const w of all) {
    for (const a of scanSeries(w.values, detector).anomalies) {
      if (a.end < horizon && !a.open) continue;
      const lag = Math.max(a.start, days.length - BILLING_LAG_DAYS);
      const estimated = spend.estimated.slice(lag, a.end + 1).some(Boolean);
      // Cost Explorer fills the last days in late: a fall that begins on one of them, still Estimated, is billing lag.
      if (a.kind === 'drop' && spend.estimated[a.start] && a.start >= days.length - BILLING_LAG_DAYS) continue;
      const start = days[a.start] as string;
      const end = days[a.end] as string;
      const impactUsd = a.actual - a.expected;
      found.push({
        id: `${w.dimension}|${w.series}|${start}`,
        dimension: w.dimension,
        series: w.series,
        label: labelOf(w, spend.accountNames),
        ...(w.accountId ? { accountId: w.accountId } : {}),
        ...(w.service ? { service: w.service } : {}),
        ...(w.tag ? { tag: w.tag } : {}),
        kind: a.kind,
        severity: severityOf(a.kind, Math.abs(impactUsd)),
        start,
        end,
        detectedOn: days[a.detectedAt] as string,
        expected: a.expected,
        actual: a.actual,
        impactUsd,
        ...(a.expected > 0 ? { relativeChange: impactUsd / a.expected } : {}),
        score: a.score,
        open: a.open,
        settled: a.settled,
        estimated,
        sources: ['durion-cost'],
        consoleUrl: costExplorerUrl({ start, end }, { service: w.service, accountId: w.accountId, tag: w.tag }),
      });
    }
  }
  return explainOnce(found);
}

/**
 * One event shows in its account+service series and again in its service, account, tag and total. Keep the most
 * specific: a coarser anomaly goes when the finer ones inside it, overlapping in time and in the same direction,
 * explain at least half of its impact.
 */
function explainOnce(found: SpendAnomaly[]): SpendAnomaly[] {
  const order = (d: AnomalyDimension) => ANOMALY_DIMENSIONS.indexOf(d);
  const sorted = [...found].sort(
    (a, b) => order(a.dimension) - order(b.dimension) || Math.abs(b.impactUsd) - Math.abs(a.impactUsd),
  );
  const kept: SpendAnomaly[] = [];
  for (const a of sorted) {
    const explained = kept
      .filter((k) => within(k, a) && overlaps(k, a) && rising(k) === rising(a))
      .reduce((sum, k) => sum + Math.abs(k.impactUsd), 0);
    if (explained < 0.5 * Math.abs(a.impactUsd)) kept.push(a);
  }
  return kept;
}
