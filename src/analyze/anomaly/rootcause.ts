/**
 * Root causes (pure): which usage types, regions and linked accounts carry an anomaly's excess, with dollar shares.
 * The excess of a part is its spend over the anomaly's days minus the same weekdays one and two weeks before.
 */

import type { Breakdown, Contributor, SpendAnomaly } from '../../domain/anomaly';
import { addDays, daysBetween } from '../../domain/dates';
import type { SpendData } from '../../domain/spend';
import { regionOfUsageType } from '../../pricing/usage-types';

/** Contributors kept per dimension, largest first. */
const TOP = 5;
/** Days of history a breakdown needs before an anomaly's start (two weeks of same-weekday baseline). */
export const BASELINE_DAYS = 14;

/** The anomalies worth the extra Cost Explorer requests: our rises with a service, largest first, at most `max`. */
export function rootCauseTargets(anomalies: SpendAnomaly[], max = 5): SpendAnomaly[] {
  return anomalies
    .filter((a) => a.service && a.kind !== 'drop' && !a.contributors?.length)
    .sort((a, b) => b.impactUsd - a.impactUsd)
    .slice(0, max);
}

/**
 * The root causes an earlier run measured for the same anomaly (same id, same first day), kept instead of read again,
 * with the last day they cover. AWS's anomalies bring their own root causes on every run and are left as they are.
 */
export function carryRootCauses(anomalies: SpendAnomaly[], previous: readonly SpendAnomaly[] = []): SpendAnomaly[] {
  const before = new Map(previous.filter((p) => p.contributors?.length).map((p) => [p.id, p]));
  return anomalies.map((a) => {
    const p = before.get(a.id);
    if (!p || a.contributors?.length || p.start !== a.start) return a;
    return { ...a, contributors: p.contributors, contributorsThrough: p.contributorsThrough ?? p.end };
  });
}

/** The window a breakdown must cover for these anomalies: [start, end) as Cost Explorer takes it. */
export function breakdownWindow(targets: SpendAnomaly[]): { start: string; end: string } {
  const start = targets.map((a) => a.start).sort()[0] ?? '';
  const end =
    targets
      .map((a) => a.end)
      .sort()
      .pop() ?? start;
  return { start: addDays(start, -BASELINE_DAYS), end: addDays(end, 1) };
}

/** Excess of one daily series over the anomaly's days against the same weekdays 7 and 14 days earlier. */
function excess(values: readonly number[], days: readonly string[], a: SpendAnomaly): number {
  const at = new Map(days.map((d, i) => [d, i]));
  let total = 0;
  for (const d of daysBetween(a.start, addDays(a.end, 1))) {
    const i = at.get(d);
    if (i === undefined) continue;
    const base = [i - 7, i - 14].filter((j) => j >= 0).map((j) => values[j] as number);
    total += (values[i] as number) - (base.length ? base.reduce((s, v) => s + v, 0) / base.length : 0);
  }
  return total;
}

/** The largest positive parts, each with its share of the positive total. */
function ranked(by: Contributor['by'], parts: [string, number][]): Contributor[] {
  const positive = parts.filter(([, usd]) => usd > 0.005);
  const total = positive.reduce((s, [, usd]) => s + usd, 0);
  return positive
    .sort((x, y) => y[1] - x[1])
    .slice(0, TOP)
    .map(([value, impactUsd]) => ({ by, value, impactUsd, share: total > 0 ? impactUsd / total : 0 }));
}

/** Contributors of one anomaly from a breakdown of its service. */
export function breakdownContributors(a: SpendAnomaly, b: Breakdown): Contributor[] {
  const prefix = `${a.service}|`;
  const parts = Object.entries(b.series)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, values]): [string, number] => [key.slice(prefix.length), excess(values, b.days, a)]);
  return ranked(b.by, parts);
}

/** Services billed at edge locations, whose usage types carry no region: Cost Explorer calls their region "global". */
const GLOBAL_SERVICES = new Set(['Amazon CloudFront', 'Amazon Route 53']);

/**
 * The region breakdown, from the usage-type breakdown (no Cost Explorer request of its own): each usage type's region
 * from its billing code, global services as "global", a code we do not know as the code itself.
 */
function regionBreakdown(usageTypes: Breakdown): Breakdown {
  const series: Record<string, number[]> = {};
  for (const [key, values] of Object.entries(usageTypes.series)) {
    const cut = key.indexOf('|');
    const service = key.slice(0, cut);
    const usageType = key.slice(cut + 1);
    const region = GLOBAL_SERVICES.has(service)
      ? 'global'
      : (regionOfUsageType(usageType) ?? usageType.slice(0, usageType.indexOf('-')));
    const part = `${service}|${region}`;
    series[part] = values.map((usd, i) => (series[part]?.[i] ?? 0) + usd);
  }
  return { by: 'region', days: usageTypes.days, series };
}

/** Linked-account contributors, from the spend the run already holds (an anomaly in one account is all its own). */
export function accountContributors(a: SpendAnomaly, spend: SpendData): Contributor[] {
  if (a.accountId) return [{ by: 'account', value: a.accountId, impactUsd: a.impactUsd, share: 1 }];
  const parts = Object.entries(a.service ? spend.byAccountService : spend.byAccount)
    .filter(([key]) => !a.service || key.endsWith(`|${a.service}`))
    .map(([key, values]): [string, number] => [key.split('|')[0] ?? key, excess(values, spend.days, a)]);
  return ranked('account', parts);
}

/**
 * The anomalies with contributors added to the targets: usage types as the collector read them, regions from those,
 * accounts from spend.
 */
export function explainAnomalies(
  anomalies: SpendAnomaly[],
  targets: SpendAnomaly[],
  usageTypes: Breakdown | undefined,
  spend: SpendData | undefined,
): SpendAnomaly[] {
  const explained = new Set(targets);
  return anomalies.map((a) =>
    explained.has(a)
      ? {
          ...a,
          contributors: [
            ...(usageTypes ? [usageTypes, regionBreakdown(usageTypes)] : []).flatMap((b) =>
              breakdownContributors(a, b),
            ),
            ...(spend ? accountContributors(a, spend) : []),
          ],
        }
      : a,
  );
}
