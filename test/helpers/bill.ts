/** A generated daily bill with sums easy to do by hand, for the period, report and budget tests. */
import { addDays } from '../../src/domain/dates';
import type { SpendData } from '../../src/domain/spend';

export const A = '111111111111';
export const B = '222222222222';
const dayOf = (day: string) => Number(day.slice(8, 10));
const weekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/**
 * A generated bill whose sums are easy by hand:
 * - Amazon EC2 in A, tagged erp-core: $100.25 plus the day of the month, every day;
 * - Amazon S3 in B, untagged: $40 on weekdays, $10 on weekends;
 * - AWS Lambda in B, tagged platform: $0.37 a day;
 * - Tax in A, untagged: $50 on the 1st (a monthly fee).
 */
export function bill(from: string, to: string, estimated: (day: string) => boolean = () => false): SpendData {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const ec2 = days.map((d) => 100.25 + dayOf(d));
  const s3 = days.map((d) => (weekend(d) ? 10 : 40));
  const lambda = days.map(() => 0.37);
  const tax = days.map((d) => (dayOf(d) === 1 ? 50 : 0));
  const sum = (...series: number[][]) => days.map((_, i) => series.reduce((s, x) => s + (x[i] ?? 0), 0));
  return {
    metric: 'UnblendedCost',
    days,
    estimated: days.map(estimated),
    total: sum(ec2, s3, lambda, tax),
    byService: { 'Amazon EC2': ec2, 'Amazon S3': s3, 'AWS Lambda': lambda, Tax: tax },
    byAccount: { [A]: sum(ec2, tax), [B]: sum(s3, lambda) },
    byAccountService: {},
    byRegion: {},
    byTag: { key: 'team', values: { 'erp-core': ec2, platform: lambda, '': sum(s3, tax) } },
    accountNames: { [A]: 'production', [B]: 'staging' },
  };
}
