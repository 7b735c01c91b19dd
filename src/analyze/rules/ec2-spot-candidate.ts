import { usdCents } from '../../domain/money';
import type { ResourceBase } from '../../domain/resources';
import { monthlyCost, saving } from '../../pricing';
import { spotCost, spotPriceOf } from '../../pricing/compute';
import { instancePrice } from '../../pricing/ec2-types';
import { defineRule, judgeEach, noPrice, ok, SERVICES, type Verdict, wa } from './define-rule';
import { ASG_TAG } from './ec2-nonprod-always-on';
import { NONPROD_PARAMS, nonProdEnv } from './shapes';

/** The info verdict when DescribeSpotPriceHistory gave no price for the type (not offered, denied, capped). */
export const noSpotPrice = (r: ResourceBase, reason: string, instanceType: string): Verdict => ({
  resource: r,
  status: 'info',
  reason: `${reason}; no Spot price was read for ${instanceType} in ${r.region}, so the saving is not estimated`,
  unpriced: `no Spot price read for ${instanceType} in ${r.region}`,
});

export default defineRule({
  id: 'ec2-spot-candidate',
  title: 'Non-production EC2 instance on On-Demand that could run on Spot',
  service: SERVICES.ec2,
  strategy: 'spot',
  wellArchitected: wa('COST07-BP01'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: true,
  action: 'configure',
  params: {
    ...NONPROD_PARAMS,
    minSavingPercent: { default: 30, description: 'Flag when Spot is at least this much cheaper than On-Demand' },
  },
  iamActions: ['ec2:DescribeInstances', 'ec2:DescribeSpotPriceHistory'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    return judgeEach(resources.instances, (i) => {
      if (i.state !== 'running' || i.lifecycle !== 'on-demand' || i.platform !== 'linux') return undefined;
      // Instances of an Auto Scaling group are asg-spot-candidate's: the group's purchase options decide.
      if (i.tags[ASG_TAG] !== undefined) return undefined;
      const env = nonProdEnv(i, params);
      if (env === undefined) return undefined;
      const reason = `${env} instance ${i.instanceType} runs On-Demand`;
      const spot = spotPriceOf(i.instanceType, i.region, resources.spotPrices);
      const od = instancePrice(i, ctx.ec2Prices);
      if (!od) return noPrice(i, reason, `${i.platform} ${i.instanceType}`);
      if (!spot) return noSpotPrice(i, reason, i.instanceType);
      const now = monthlyCost(od);
      const save = saving(now, spotCost(spot, 1, od.method));
      const percent = now.monthlyUsd > 0 ? (save.monthlyUsd / now.monthlyUsd) * 100 : 0;
      const quoted = `Spot $${spot.usdPerHour}/h against On-Demand $${od.usd}/h (${percent.toFixed(0)}% less)`;
      if (percent < params.minSavingPercent) return ok(i, `${quoted}: not enough to take the interruption risk`);
      return {
        resource: i,
        status: 'alarm' as const,
        reason: `${reason}: ${quoted} saves ${usdCents(save.monthlyUsd)} a month, if the workload tolerates a two-minute Spot interruption notice`,
        savings: save,
        evidence: { spotUsdPerHour: spot.usdPerHour, spotZone: spot.availabilityZone, spotAt: spot.timestamp },
      };
    });
  },
});
