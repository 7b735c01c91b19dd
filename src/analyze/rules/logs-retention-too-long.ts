import { usdCents } from '../../domain/money';
import { monthlyCost, price, share } from '../../pricing';
import { fmt, toGb } from '../storage';
import { daysSince, defineRule, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

export default defineRule({
  id: 'logs-retention-too-long',
  title: 'CloudWatch log group keeps large logs for longer than they are needed',
  service: SERVICES.logs,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    maxRetentionDays: { default: 365, description: 'Retention beyond this is flagged, and proposed instead' },
    minStoredGb: { default: 10, description: 'Ignore groups storing less than this' },
  },
  iamActions: ['logs:DescribeLogGroups'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    return resources.logGroups.flatMap((g): Verdict[] => {
      // No retention at all is logs-no-retention's finding.
      if (g.retentionDays === undefined) return [];
      if (g.retentionDays <= params.maxRetentionDays)
        return [ok(g, `retention ${g.retentionDays} days, within ${params.maxRetentionDays}`)];
      const gb = toGb(g.storedBytes);
      if (gb < params.minStoredGb) return [ok(g, `stores ${fmt(gb)} GB, under ${params.minStoredGb} GB`)];
      const age = daysSince(g.creationTime, ctx.asOf);
      if (age === undefined)
        return [
          {
            resource: g,
            status: 'skip',
            reason: `log group ${g.id} reports no creation time, so its logs' ages are unknown`,
          },
        ];
      // What it holds spans its retention or its life, whichever is shorter; logs are assumed to arrive evenly.
      const span = Math.min(age, g.retentionDays);
      if (span <= params.maxRetentionDays)
        return [ok(g, `${age} days old: nothing older than ${params.maxRetentionDays} days yet`)];
      const rate = price('logs.storage', g.region);
      const why = `stored logs older than ${params.maxRetentionDays} of the ${span} days held, assuming even ingestion`;
      const save = rate && share(monthlyCost(rate, gb), 1 - params.maxRetentionDays / span, why);
      const reason = `log group ${g.id} keeps logs ${g.retentionDays} days and stores ${fmt(gb)} GB${save ? `; ${params.maxRetentionDays}-day retention saves about ${usdCents(save.monthlyUsd)} a month` : ''}`;
      return [priced(g, reason, save, 'log storage', { storedGb: gb, retentionDays: g.retentionDays })];
    });
  },
});
