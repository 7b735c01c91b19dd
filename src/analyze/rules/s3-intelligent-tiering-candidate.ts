import { usdCents } from '../../domain/money';
import { monthlyCost, price, saving, share } from '../../pricing';
import { bucketGb, fmt, IA_MIN_OBJECT_KB, less, meanObjectKb } from '../storage';
import { defineRule, gauge, noMetric, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 's3-intelligent-tiering-candidate',
  title: 'Large S3 bucket keeps its objects in Standard though its lifecycle rules never tier them',
  service: SERVICES.s3,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    minStandardGb: { default: 1024, description: 'Only buckets holding at least this many GB in S3 Standard' },
    coldShare: {
      default: 0.5,
      description: "Assumed share of Standard bytes not accessed for 30 days (Intelligent-Tiering's IA tier)",
    },
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
    return resources.buckets.flatMap((b) => {
      if (!b.lifecycle || b.tiersObjects === undefined)
        return [
          { resource: b, status: 'skip' as const, reason: `lifecycle configuration of ${b.id} could not be read` },
        ];
      // A bucket with no lifecycle rule at all is s3-no-lifecycle's finding, priced there.
      if (!b.lifecycle.some((r) => r.enabled && r.hasTransitionOrExpiration)) return [];
      if (b.tiersObjects) return [ok(b, 'an enabled lifecycle rule already moves objects to another storage class')];
      const gb = bucketGb(b, 'StandardStorage');
      if (gb === undefined) return [noMetric(b, 'AWS/S3 BucketSizeBytes (StandardStorage)', days)];
      if (gb < params.minStandardGb)
        return [ok(b, `holds ${fmt(gb)} GB in S3 Standard, under the ${fmt(params.minStandardGb)} GB threshold`)];
      const objects = gauge(b, 'NumberOfObjects');
      if (!objects) return [noMetric(b, 'AWS/S3 NumberOfObjects', days)];
      const objectKb = meanObjectKb(b, objects);
      // Objects under 128 KB are never monitored nor tiered by Intelligent-Tiering.
      if (objectKb !== undefined && objectKb < IA_MIN_OBJECT_KB)
        return [ok(b, `its objects average ${fmt(objectKb)} KB, too small for Intelligent-Tiering to move`)];
      const std = price('s3.standard.gb_month', b.region);
      const ia = price('s3.standard_ia.gb_month', b.region);
      const fee = price('s3.intelligent_tiering.monitoring.per_1000_objects', b.region);
      const why =
        "assumed share not accessed for 30 days; Intelligent-Tiering's Infrequent Access tier bills the Standard-IA rate";
      const thousands = Math.round(objects.average / 10) / 100;
      const net =
        std &&
        ia &&
        fee &&
        less(
          share(saving(monthlyCost(std, gb), monthlyCost(ia, gb)), params.coldShare, why),
          monthlyCost(fee, thousands),
        );
      if (net && net.monthlyUsd === 0)
        return [ok(b, `the monitoring fee of ${fmt(thousands * 1000)} objects exceeds what tiering would save`)];
      const reason = `bucket ${b.id} holds ${fmt(gb)} GB in S3 Standard in ${fmt(Math.round(objects.average))} objects (average over ${days} days) and no lifecycle rule tiers them${net ? `; Intelligent-Tiering saves ${usdCents(net.monthlyUsd)} a month if ${Math.round(params.coldShare * 100)}% of it goes unread for 30 days, after its monitoring fee` : ''}`;
      return [priced(b, reason, net, 'S3 Intelligent-Tiering', { standardGb: gb, objects: objects.average })];
    });
  },
});
