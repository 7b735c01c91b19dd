/** The hourly detector over Cost Explorer's hourly spend (the intraday run): pure, no I/O. */
import type { HourlySpend } from '../../collect/anomalies';
import type { AnomalyThresholds } from '../../config';
import type { SpendAnomaly } from '../../domain/anomaly';
import { calendarClass, monthSlot } from './calendar';
import { costExplorerUrl } from './console';
import { scanSeries } from './detect';
import { severityOf } from './spend';
import { spendDetector } from './thresholds';

/** Anomalies in hourly spend still going at the last hour read (pure). */
export function detectHourlyAnomalies(hourly: HourlySpend, thresholds: AnomalyThresholds): SpendAnomaly[] {
  const entries = Object.entries(hourly.series);
  const { hours } = hourly;
  const slots = hours.map((h) => monthSlot(h, 24));
  const detector = spendDetector('hourly', thresholds, entries.length, hours.map(calendarClass), slots);
  return entries.flatMap(([key, values]) => {
    const [accountId = '', service = ''] = key.split('|');
    return scanSeries(values, detector)
      .anomalies.filter((a) => a.open)
      .map((a): SpendAnomaly => {
        const at = (i: number) => hourly.hours[i] as string;
        const hours = { start: at(a.start), end: at(a.end), detectedAt: at(a.detectedAt) };
        const start = hours.start.slice(0, 10);
        const end = hours.end.slice(0, 10);
        const impactUsd = a.actual - a.expected;
        return {
          id: `account-service|${key}|${start}`,
          dimension: 'account-service',
          series: key,
          label: `${service} in ${hourly.accountNames[accountId] ?? accountId} (${accountId})`,
          accountId,
          service,
          kind: a.kind,
          severity: severityOf(a.kind, Math.abs(impactUsd)),
          hours,
          start,
          end,
          detectedOn: hours.detectedAt.slice(0, 10),
          expected: a.expected,
          actual: a.actual,
          impactUsd,
          ...(a.expected > 0 ? { relativeChange: impactUsd / a.expected } : {}),
          score: a.score,
          open: true,
          settled: false,
          // Hourly figures are all still provisional.
          estimated: true,
          sources: ['durion-cost'],
          consoleUrl: costExplorerUrl({ start, end }, { service, accountId }),
        };
      });
  });
}
