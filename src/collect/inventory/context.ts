/** What each service collector of one region gets, and the tag helper they share. */
import type { Aws } from '../../aws';
import type { Note } from '../../domain/note';
import type { Tags } from '../../domain/resources';
import type { MetricRequests } from './metrics';

export interface RegionContext {
  aws: Aws;
  region: string;
  /** The account the credentials belong to: resources whose API gives no owner belong to it. */
  accountId: string;
  /** The run's as-of date (YYYY-MM-DD). */
  asOf: string;
  notes: Note[];
  metrics: MetricRequests;
}

/** `[{Key, Value}]` (EC2, RDS, ELB, ElastiCache, DynamoDB) as a record. */
export const tagRecord = (tags: { Key?: string; Value?: string }[] | undefined): Tags =>
  Object.fromEntries((tags ?? []).filter((t) => t.Key).map((t) => [t.Key as string, t.Value ?? '']));

/** The account id inside an ARN (`arn:aws:svc:region:ACCOUNT:...`), or the fallback. */
export const arnAccount = (arn: string | undefined, fallback: string): string => arn?.split(':')[4] || fallback;

/** Dates as ISO strings (the SDK gives Date; epoch milliseconds from CloudWatch Logs). */
export const iso = (d: Date | number | string | undefined): string | undefined =>
  d === undefined ? undefined : new Date(d).toISOString();
