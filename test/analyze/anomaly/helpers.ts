/** Fixtures the anomaly tests share. */
import type { SpendAnomaly } from '../../../src/domain/anomaly';

/** Our detector's anomaly: a CloudWatch spike in the production account, two days, still estimated. */
export const spendAnomaly = (over: Partial<SpendAnomaly> = {}): SpendAnomaly => ({
  id: 'account-service|111111111111|AmazonCloudWatch|2026-11-15',
  dimension: 'account-service',
  series: '111111111111|AmazonCloudWatch',
  label: 'AmazonCloudWatch in durion-production (111111111111)',
  accountId: '111111111111',
  service: 'AmazonCloudWatch',
  kind: 'spike',
  severity: 'medium',
  start: '2026-11-15',
  end: '2026-11-16',
  detectedOn: '2026-11-15',
  expected: 110,
  actual: 590,
  impactUsd: 480,
  relativeChange: 4.4,
  score: 96,
  open: false,
  settled: false,
  estimated: true,
  sources: ['durion-cost'],
  ...over,
});
