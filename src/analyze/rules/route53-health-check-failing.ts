import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { defineRule, gauge, noMetric, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'route53-health-check-failing',
  title: 'Route 53 health check unhealthy for the whole window: its endpoint is likely gone',
  service: SERVICES.route53,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {},
  iamActions: ['route53:ListHealthChecks', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources) {
    const days = resources.metricWindow.days;
    return resources.healthChecks.flatMap((h) => {
      if (h.derived) return [];
      const status = gauge(h, 'HealthCheckStatus');
      if (!status) return [noMetric(h, 'HealthCheckStatus', days)];
      const target = h.domainName ?? h.ipAddress ?? 'its endpoint';
      if (status.maximum > 0) return [ok(h, `${target} was healthy on some day of the last ${days} days`)];
      const rate = price('route53.health_check.aws_endpoint.month', h.region);
      const cost = rate && monthlyCost(rate);
      // The AWS-endpoint rate is the lowest: a non-AWS endpoint ($0.75) and optional features (HTTPS, string
      // matching, fast interval) bill more, so the figure is a floor.
      const reason = `${h.type} health check of ${target} was unhealthy every day it reported over ${days} days (${status.datapoints} days)${cost ? `; it bills at least ${usdCents(cost.monthlyUsd)} a month (AWS-endpoint rate, before optional features)` : ''}`;
      return [priced(h, reason, cost, 'Route 53 health checks', { target })];
    });
  },
});
