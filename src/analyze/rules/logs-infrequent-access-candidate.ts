import { HOURS_PER_MONTH, usdCents } from '../../domain/money';
import { monthlyCost, price, saving } from '../../pricing';
import { fmt, toGb } from '../storage';
import { count, defineRule, noMetric, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

export default defineRule({
  id: 'logs-infrequent-access-candidate',
  title: 'CloudWatch log group ingests a lot in the Standard class with no feature that needs it',
  service: SERVICES.logs,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: false,
  action: 'configure',
  params: {
    minMonthlyGb: { default: 10, description: 'Only groups ingesting at least this many GB a month' },
  },
  iamActions: ['logs:DescribeLogGroups', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // The Infrequent Access ingestion price is of low-medium confidence in the table.
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.logGroups.flatMap((g): Verdict[] => {
      if (g.logGroupClass !== 'STANDARD') return [];
      // Metric filters do not work in Infrequent Access: such a group needs Standard.
      if ((g.metricFilterCount ?? 0) > 0)
        return [ok(g, `has ${g.metricFilterCount} metric filters, which need Standard`)];
      const incoming = count(g, 'IncomingBytes');
      if (!incoming) return [noMetric(g, 'AWS/Logs IncomingBytes', days)];
      const gb = toGb((incoming.sum / days) * DAYS_PER_MONTH);
      if (gb < params.minMonthlyGb) return [ok(g, `ingests ${fmt(gb)} GB a month, under ${params.minMonthlyGb} GB`)];
      const std = price('cloudwatch.logs.ingest.standard.gb', g.region);
      const ia = price('cloudwatch.logs.ingest.infrequent_access.gb', g.region);
      const save = std && ia && saving(monthlyCost(std, gb), monthlyCost(ia, gb));
      const reason = `log group ${g.id} ingests ${fmt(gb)} GB a month (at the rate of the last ${days} days) in the Standard class and has no metric filter${save ? `; sending it to a new Infrequent Access group saves about ${usdCents(save.monthlyUsd)} a month (a group's class is fixed when it is created, and IA has no Live Tail nor metric filters)` : ''}`;
      return [priced(g, reason, save, 'CloudWatch Logs ingestion', { monthlyIngestGb: gb })];
    });
  },
});
