import { usdCents } from '../../domain/money';
import { ec2Price, monthlyCost, saving } from '../../pricing';
import { inFamily, instancePrice, NEWER_FAMILY, splitType } from '../../pricing/ec2-types';
import { defineRule, judgeEach, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ec2-previous-generation',
  title: 'EC2 instance on a previous-generation type',
  service: SERVICES.ec2,
  strategy: 'compute-optimization',
  wellArchitected: wa('COST10-BP02'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: true,
  action: 'modernize',
  params: {},
  iamActions: ['ec2:DescribeInstances'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, _params, ctx) {
    return judgeEach(resources.instances, (i) => {
      if (i.state !== 'running') return undefined;
      const newer = NEWER_FAMILY[splitType(i.instanceType).family];
      if (!newer) return ok(i, `${i.instanceType} is a current generation`);
      const target = inFamily(i.instanceType, newer);
      const now = instancePrice(i, ctx.ec2Prices);
      const next = ec2Price(target, i.region, ctx.ec2Prices);
      const reason = `${i.instanceType} is a previous generation; ${target} is its current equivalent`;
      if (!now || !next) return noPrice(i, reason, `${i.platform} ${i.instanceType} or ${target}`);
      const save = saving(monthlyCost(now), monthlyCost(next));
      if (save.monthlyUsd === 0) {
        return {
          resource: i,
          status: 'info' as const,
          reason: `${reason}, not cheaper at list price`,
          unpriced: 'no saving at list price',
        };
      }
      return {
        resource: i,
        status: 'alarm' as const,
        reason: `${reason}, ${usdCents(save.monthlyUsd)} a month cheaper`,
        savings: save,
        evidence: { suggestedType: target },
      };
    });
  },
});
