/**
 * The forecast alert: the month-end forecast exceeding last month by more than a configured share
 * (config.alerts.forecastOverLastMonth). Keyed by month, so the ledger's claim lets it fire once a month.
 */

import type { Alert } from '../../domain/alert';
import { monthName, window } from '../../domain/dates';
import type { Severity } from '../../domain/finding';
import { percentOf, usd } from '../../domain/money';
import { ALL_SERVICES } from '../../domain/spend';
import type { SpendSummary } from '../summary';

/** Severity by how far over last month the forecast is (0.5 = 50% over), checked from the top. */
const SEVERITY_BY_OVER: readonly [number, Severity][] = [
  [1, 'critical'],
  [0.5, 'high'],
  [0.25, 'medium'],
  [0, 'low'],
];

/**
 * An alert when the month-end forecast is more than `share` over last month; undefined when it is not, or when
 * there is no forecast or no last month to compare with (a new account is not alerted on).
 */
export function forecastAlert(summary: SpendSummary, accountId: string, share: number): Alert | undefined {
  const f = summary.forecast;
  if (!f.current || !f.reference || f.changePct === undefined || f.changePct <= share) return undefined;
  const over = f.changePct;
  const severity = SEVERITY_BY_OVER.find(([min]) => over >= min)?.[1] ?? 'low';
  const month = monthName(f.month);
  const last = monthName(f.reference.from.slice(0, 7));
  // Month-to-date actuals are part of the figure except on the 1st, when the forecast is the whole month.
  const mtd = summary.month.closed ? undefined : summary.month.current;
  const actuals = mtd ? `${mtd.basis} ${window(mtd)} + ` : '';
  const remainder = f.remainder ? `${f.remainder.basis} ${window(f.remainder)}` : summary.basis.forecast;
  const range = f.lower !== undefined && f.upper !== undefined ? `; range ${usd(f.lower)} to ${usd(f.upper)}` : '';
  return {
    key: `forecast:${f.month}`,
    kind: 'forecast',
    severity,
    accountId,
    service: ALL_SERVICES,
    impactUsd: f.changeUsd ?? 0,
    subject: `durion-cost: ${month} forecast ${usd(f.current.usd)} is ${percentOf(over)} over ${last}`,
    message:
      `The month-end forecast for ${month} is ${usd(f.current.usd)} (${actuals}${remainder}${range}), ` +
      `${percentOf(over)} over ${last}'s ${usd(f.reference.usd)} (${f.reference.basis}, ${window(f.reference)}): ` +
      `${usd(f.changeUsd ?? 0)} more, above the ${percentOf(share)} threshold.`,
  };
}
