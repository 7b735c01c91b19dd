import { usdCents } from '../../domain/money';
import { monthlyCost, price, saving, share } from '../../pricing';
import { bucketGb, fmt, IA_MIN_OBJECT_KB, meanObjectKb } from '../storage';
import { defineRule, gauge, noMetric, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 's3-no-lifecycle',
  title: 'S3 bucket with no lifecycle rule to tier or expire objects',
  service: SERVICES.s3,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    coldShare: {
      default: 0.5,
      description: 'Assumed share of Standard bytes not read for 30 days, which a transition moves to Standard-IA',
    },
    minStandardGb: { default: 50, description: 'Ignore buckets holding less than this in S3 Standard' },
  },
  iamActions: [
    's3:ListAllMyBuckets',
    's3:GetBucketLocation',
    's3:GetLifecycleConfiguration',
    'cloudwatch:GetMetricData',
  ],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.buckets.map((b) => {
      if (!b.lifecycle)
        return { resource: b, status: 'skip' as const, reason: `lifecycle configuration of ${b.id} could not be read` };
      if (b.lifecycle.some((r) => r.enabled && r.hasTransitionOrExpiration)) return ok(b, 'has a lifecycle rule');
      const gb = bucketGb(b, 'StandardStorage');
      if (gb === undefined) return noMetric(b, 'AWS/S3 BucketSizeBytes (StandardStorage)', days);
      if (gb < params.minStandardGb)
        return ok(b, `holds ${fmt(gb)} GB in S3 Standard, under the ${params.minStandardGb} GB worth tiering`);
      const objectKb = meanObjectKb(b, gauge(b, 'NumberOfObjects'));
      if (objectKb !== undefined && objectKb < IA_MIN_OBJECT_KB) {
        return ok(b, `its objects average ${fmt(objectKb)} KB, under Standard-IA's ${IA_MIN_OBJECT_KB} KB minimum`);
      }
      const std = price('s3.standard.gb_month', b.region);
      const ia = price('s3.standard_ia.gb_month', b.region);
      const why = 'assumed share of Standard bytes not read for 30 days, moved to Standard-IA by a lifecycle rule';
      const save = std && ia && share(saving(monthlyCost(std, gb), monthlyCost(ia, gb)), params.coldShare, why);
      const reason = `bucket ${b.id} has no enabled lifecycle rule and holds ${fmt(gb)} GB in S3 Standard (average over ${days} days)${save ? `; moving the assumed ${Math.round(params.coldShare * 100)}% not read for 30 days to Standard-IA saves ${usdCents(save.monthlyUsd)} a month before retrieval fees` : ''}`;
      return priced(b, reason, save, 'S3 Standard/Standard-IA storage', { standardGb: gb, meanObjectKb: objectKb });
    });
  },
});
