/** Hand-built SpendData for the summary, digest and alert tests: each service's daily cost is a function of the day. */
import { addDays } from '../../src/domain/dates';
import type { SpendData } from '../../src/domain/spend';

export type DailyCost = (day: string) => number;

/** Dense spend from `from` to `to` (inclusive); total and byAccount (all in one account) are the services' sum. */
export function spendOf(
  from: string,
  to: string,
  services: Record<string, DailyCost>,
  extra: Partial<SpendData> = {},
): SpendData {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const byService = Object.fromEntries(Object.entries(services).map(([name, cost]) => [name, days.map(cost)]));
  const total = days.map((_, i) => Object.values(byService).reduce((sum, s) => sum + (s[i] ?? 0), 0));
  return {
    metric: 'UnblendedCost',
    days,
    estimated: days.map(() => false),
    total,
    byService,
    byAccount: { '111111111111': total },
    byAccountService: {},
    byRegion: {},
    accountNames: { '111111111111': 'production' },
    ...extra,
  };
}
