/**
 * A Cost Explorer console link with the anomaly's window and filters set, so a reader lands on the right chart.
 * ASSUMPTION: the parameters are those the Cost Explorer console writes into its own address bar (startDate, endDate,
 * granularity, groupBy, filter as a JSON list of {dimension, operator, values}); AWS does not document this URL.
 */
import { addDays } from '../../domain/dates';

const CONSOLE = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer';

const filterOf = (id: string, values: string[]) => ({
  dimension: { id, displayValue: id },
  operator: 'INCLUDES',
  values: values.map((value) => ({ value, displayValue: value })),
});

/** Cost Explorer from a week before `start` to `end`, daily, grouped by usage type, filtered as given. */
export function costExplorerUrl(
  window: { start: string; end: string },
  filters: { service?: string; accountId?: string; tag?: { key: string; value: string } },
): string {
  const filter = [
    ...(filters.service ? [filterOf('Service', [filters.service])] : []),
    ...(filters.accountId ? [filterOf('LinkedAccount', [filters.accountId])] : []),
    ...(filters.tag
      ? [{ ...filterOf('TagKey', [filters.tag.value]), dimension: { id: 'TagKey', displayValue: filters.tag.key } }]
      : []),
  ];
  const params = Object.entries({
    chartStyle: 'STACK',
    granularity: 'Daily',
    groupBy: JSON.stringify(['UsageType']),
    startDate: addDays(window.start, -7),
    endDate: window.end,
    ...(filter.length ? { filter: JSON.stringify(filter) } : {}),
  });
  // encodeURIComponent, not URLSearchParams: the console reads '+' in its fragment as a plus, not a space.
  return `${CONSOLE}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}
