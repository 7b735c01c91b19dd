import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { fmt, toGb } from '../storage';
import { defineRule, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

export default defineRule({
  id: 'ecr-repository-no-lifecycle',
  title: 'ECR repository with no lifecycle policy keeps images nobody pushes or pulls',
  service: SERVICES.ecr,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    idleDays: {
      default: 90,
      description: 'Images neither pushed nor pulled for more than this many days (30, 90, 180 or 365) would expire',
    },
    minGb: { default: 1, description: 'Ignore repositories whose idle images hold less than this' },
  },
  iamActions: ['ecr:DescribeRepositories', 'ecr:GetLifecyclePolicy', 'ecr:DescribeImages'],
  savingsMethod: 'price-table',
  // Image sizes count layers shared between images once per image: the bytes freed can be fewer.
  confidence: 'low',
  check(resources, params) {
    return resources.repositories.flatMap((r): Verdict[] => {
      if (r.hasLifecyclePolicy) return [ok(r, 'has a lifecycle policy')];
      if (r.hasLifecyclePolicy === undefined || !r.images)
        return [{ resource: r, status: 'skip', reason: `lifecycle policy or images of ${r.id} could not be read` }];
      // The collector sums images at fixed thresholds: the largest not above the parameter.
      const idle = [...r.images.olderThan].reverse().find((a) => a.days <= Number(params.idleDays));
      if (!idle) return [{ resource: r, status: 'skip', reason: `no image ages summed for ${params.idleDays} days` }];
      const gb = toGb(idle.bytes);
      if (gb < params.minGb)
        return [ok(r, `images idle over ${idle.days} days hold ${fmt(gb)} GB, under ${params.minGb} GB`)];
      const rate = price('ecr.storage.gb_month', r.region);
      const cost = rate && monthlyCost(rate, gb);
      const reason = `ECR repository ${r.id} has no lifecycle policy; ${idle.images} of its ${r.images.total} images were neither pushed nor pulled for over ${idle.days} days and hold ${fmt(gb)} GB${cost ? `, billed up to ${usdCents(cost.monthlyUsd)} a month (layers shared with kept images stay billed)` : ''}`;
      return [priced(r, reason, cost, 'ECR storage', { idleImages: idle.images, idleGb: gb, idleDays: idle.days })];
    });
  },
});
