import { usdCents } from '../../domain/money';
import { type Estimate, ec2Price, monthlyCost, saving, sum } from '../../pricing';
import { spotCost, spotPriceOf } from '../../pricing/compute';
import { defineRule, noPrice, ok, SERVICES, wa } from './define-rule';
import { noSpotPrice } from './ec2-spot-candidate';
import { NONPROD_PARAMS, nonProdEnv } from './shapes';

export default defineRule({
  id: 'asg-spot-candidate',
  title: 'Non-production Auto Scaling group launching only On-Demand instances',
  service: SERVICES.ec2,
  strategy: 'spot',
  wellArchitected: wa('COST07-BP01'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'configure',
  params: { ...NONPROD_PARAMS },
  iamActions: ['autoscaling:DescribeAutoScalingGroups', 'ec2:DescribeSpotPriceHistory'],
  savingsMethod: 'price-table',
  // Spot prices move, instances can be interrupted, and the group's AMI is assumed Linux (the table's platform).
  confidence: 'medium',
  check(resources, params, ctx) {
    return resources.autoScalingGroups.flatMap((g) => {
      const env = nonProdEnv(g, params);
      if (env === undefined || g.desired === 0) return [];
      if (g.onDemandPercentAboveBase < 100) {
        return [ok(g, `${100 - g.onDemandPercentAboveBase}% of capacity above the base runs on Spot`)];
      }
      const running = g.instances.filter((i) => i.lifecycleState === 'InService');
      if (running.length === 0) return [];
      const types = [...new Set(running.map((i) => i.instanceType))].sort();
      const reason = `${env} Auto Scaling group runs ${running.length} On-Demand instance(s) of ${types.join(', ')} with no Spot share`;
      const parts: { now: Estimate; spot: Estimate }[] = [];
      for (const t of types) {
        const n = running.filter((i) => i.instanceType === t).length;
        const od = ec2Price(t, g.region, ctx.ec2Prices);
        if (!od) return [noPrice(g, reason, `Linux ${t}`)];
        const spot = spotPriceOf(t, g.region, resources.spotPrices);
        if (!spot) return [noSpotPrice(g, reason, t)];
        parts.push({ now: monthlyCost(od, n), spot: spotCost(spot, n, od.method) });
      }
      const save = saving(sum(parts.map((p) => p.now)), sum(parts.map((p) => p.spot)));
      if (save.monthlyUsd === 0) return [ok(g, `${reason}, but Spot is not cheaper now`)];
      return [
        {
          resource: g,
          status: 'alarm' as const,
          reason: `${reason}; a mixed instances policy on Spot saves ${usdCents(save.monthlyUsd)} a month at current Linux/UNIX Spot prices, if its work tolerates a two-minute interruption notice`,
          savings: save,
          evidence: { instanceTypes: types, instances: running.length },
        },
      ];
    });
  },
});
