import { usdCents } from '../../domain/money';
import { monthlyCost } from '../../pricing';
import { redshiftNodePrice } from '../../pricing/streaming';
import { defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'redshift-cluster-underutilized',
  title: 'Redshift cluster with more nodes than its CPU needs',
  service: SERVICES.redshift,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: true,
  action: 'rightsize',
  params: {
    maxCpuPercent: { default: 20, description: 'Underutilized when the highest daily average CPU stays under this' },
    targetCpuPercent: { default: 60, description: 'Size the cluster so its busiest day runs at about this CPU' },
    minDays: { default: 7, description: 'Judge only with at least this many days of CPU data' },
  },
  iamActions: ['redshift:DescribeClusters', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // CPU scales with nodes only roughly: storage per node and concurrency also bound the size.
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.redshiftClusters.flatMap((c) => {
      if (c.status !== 'available' || c.nodes < 2) return [];
      // No connections at all: redshift-cluster-idle prices the whole cluster.
      if (gauge(c, 'DatabaseConnections')?.maximum === 0) return [];
      const cpu = gauge(c, 'CPUUtilization');
      if (!cpu || cpu.datapoints < params.minDays) return [noMetric(c, 'CPUUtilization', days)];
      const quoted = `${c.nodes}-node ${c.nodeType} cluster: CPU max of daily averages ${cpu.maxDailyAverage.toFixed(1)}% over ${cpu.datapoints} days`;
      if (cpu.maxDailyAverage >= params.maxCpuPercent) return [ok(c, quoted)];
      const needed = Math.max(1, Math.ceil((c.nodes * cpu.maxDailyAverage) / params.targetCpuPercent));
      const spare = c.nodes - needed;
      if (spare <= 0) return [ok(c, `${quoted}: no node to spare`)];
      const rate = redshiftNodePrice(c.nodeType, c.region);
      const reason = `${quoted}; ${needed} node${needed > 1 ? 's' : ''} would run it at about ${params.targetCpuPercent}%`;
      if (!rate) return [noPrice(c, reason, `Redshift ${c.nodeType} nodes`)];
      const save = monthlyCost(rate, spare);
      return [
        {
          resource: c,
          status: 'alarm' as const,
          reason: `${reason}: a resize to ${needed} saves ${usdCents(save.monthlyUsd)} a month (check the data still fits the storage of ${needed} node${needed > 1 ? 's' : ''})`,
          savings: save,
          evidence: { nodes: c.nodes, neededNodes: needed },
        },
      ];
    });
  },
});
