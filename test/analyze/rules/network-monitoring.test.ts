import { expect } from 'vitest';
import cloudwatchAlarmInsufficientData from '../../../src/analyze/rules/cloudwatch-alarm-insufficient-data';
import cloudwatchAlarmOrphaned from '../../../src/analyze/rules/cloudwatch-alarm-orphaned';
import route53HealthCheckFailing from '../../../src/analyze/rules/route53-health-check-failing';
import { daysAgo, flat, instance, ruleCases } from './fixtures';
import { alarm, healthCheck } from './fixtures-network';

ruleCases(route53HealthCheckFailing, {
  flagged: {
    parts: { healthChecks: [healthCheck({ metrics: { HealthCheckStatus: flat(0) } })] },
    check: (f) => {
      // Golden: 1 health check × $0.50 a month (route53.health_check.aws_endpoint.month, infracost
      // route53_health_check golden) = $0.50, the AWS-endpoint floor (non-AWS $0.75, optional features extra).
      expect(f.monthlySavingsUsd).toBe(0.5);
      expect(f.reason).toContain(
        'HTTPS health check of erp.example.com was unhealthy every day it reported over 14 days (14 days)',
      );
    },
  },
  clean: {
    parts: {
      healthChecks: [
        healthCheck(),
        // A calculated check probes nothing: its status is its children's.
        healthCheck({ id: 'hc-2', type: 'CALCULATED', derived: true, metrics: undefined }),
      ],
    },
  },
  noData: { parts: { healthChecks: [healthCheck({ metrics: {} })] } },
});

ruleCases(cloudwatchAlarmInsufficientData, {
  flagged: {
    parts: { metricAlarms: [alarm({ state: 'INSUFFICIENT_DATA', stateSince: daysAgo(90) })] },
    check: (f) => {
      // Golden: 1 standard-resolution alarm metric × $0.10 a month (cloudwatch.alarm.standard.month, infracost
      // cloudwatch_metric_alarm golden) = $0.10.
      expect(f.monthlySavingsUsd).toBe(0.1);
      expect(f.reason).toBe(
        'alarm erp-cpu-high on AWS/EC2 CPUUtilization has had insufficient data for 90 days; its 1 alarm metric bills $0.10 a month',
      );
    },
  },
  clean: {
    parts: {
      metricAlarms: [alarm(), alarm({ id: 'new', name: 'new', state: 'INSUFFICIENT_DATA', stateSince: daysAgo(3) })],
    },
  },
  noData: { parts: { metricAlarms: [alarm({ state: 'INSUFFICIENT_DATA', stateSince: undefined })] } },
});

ruleCases(cloudwatchAlarmOrphaned, {
  flagged: {
    parts: {
      instances: [instance()],
      metricAlarms: [alarm({ dimensions: { InstanceId: 'i-gone' }, anomalyDetection: true })],
    },
    check: (f) => {
      // Golden: an anomaly-detection alarm bills 3 alarm metrics × $0.10 (cloudwatch.alarm.standard.month) = $0.30.
      expect(f.monthlySavingsUsd).toBe(0.3);
      expect(f.reason).toContain('watches InstanceId i-gone, which the inventory no longer holds');
    },
  },
  clean: { parts: { instances: [instance()], metricAlarms: [alarm()] } },
  // No instance read in the account and region: the watched instance may only be unread.
  noData: { parts: { metricAlarms: [alarm({ dimensions: { InstanceId: 'i-gone' } })] } },
});
