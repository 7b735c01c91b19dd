import { usdCents } from '../../domain/money';
import { monthlyCost, price, share } from '../../pricing';
import { daysSince, defineRule, noPrice, ok, SERVICES, wa } from './define-rule';

const GB = 1024 ** 3;

export default defineRule({
  id: 'logs-no-retention',
  title: 'CloudWatch log group keeps its logs forever',
  service: SERVICES.logs,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    retentionDays: { default: 90, description: 'The retention to propose' },
    minStoredGb: { default: 1, description: 'Ignore groups storing less than this' },
  },
  iamActions: ['logs:DescribeLogGroups'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params, ctx) {
    return resources.logGroups.flatMap((g) => {
      if (g.retentionDays !== undefined) return [ok(g, `retention ${g.retentionDays} days`)];
      const gb = g.storedBytes / GB;
      if (gb < params.minStoredGb) return [];
      const age = daysSince(g.creationTime, ctx.asOf);
      const reason = `log group ${g.id} never expires its logs and stores ${gb.toFixed(1)} GB`;
      const rate = price('logs.storage', g.region);
      if (!rate || age === undefined) return [noPrice(g, reason, rate ? 'its age (no creation time)' : 'log storage')];
      if (age <= params.retentionDays) return [ok(g, `${age} days old, within ${params.retentionDays}`)];
      // Assumes logs arrived evenly since creation: the share older than the retention would go.
      const save = share(
        monthlyCost(rate, gb),
        1 - params.retentionDays / age,
        `older than ${params.retentionDays} of ${age} days, assuming even ingestion`,
      );
      return [
        {
          resource: g,
          status: 'alarm' as const,
          reason: `${reason}; ${params.retentionDays}-day retention saves about ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
        },
      ];
    });
  },
});
