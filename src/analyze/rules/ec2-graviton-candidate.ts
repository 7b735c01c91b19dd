import { usdCents } from '../../domain/money';
import { ec2Price, monthlyCost, saving } from '../../pricing';
import { GRAVITON_FAMILY, inFamily, splitType } from '../../pricing/ec2-types';
import { defineRule, judgeEach, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ec2-graviton-candidate',
  title: 'Linux EC2 instance on x86 where a cheaper Graviton type of the same size exists',
  service: SERVICES.ec2,
  strategy: 'compute-optimization',
  wellArchitected: wa('COST06-BP02'),
  severity: 'low',
  effort: 'high',
  restartNeeded: true,
  action: 'modernize',
  params: {},
  iamActions: ['ec2:DescribeInstances'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, _params, ctx) {
    return judgeEach(resources.instances, (i) => {
      if (i.state !== 'running' || i.platform !== 'linux') return undefined;
      if (i.architecture === 'arm64') return ok(i, 'already arm64');
      const graviton = GRAVITON_FAMILY[splitType(i.instanceType).family];
      // Previous generations are ec2-previous-generation's; other families have no Graviton twin.
      if (!graviton) return undefined;
      const target = inFamily(i.instanceType, graviton);
      const now = ec2Price(i.instanceType, i.region, ctx.ec2Prices);
      const next = ec2Price(target, i.region, ctx.ec2Prices);
      const reason = `${i.instanceType} (x86) has a Graviton equivalent ${target}; the software must run on arm64`;
      if (!now || !next) return noPrice(i, reason, `${i.instanceType} or ${target}`);
      const save = saving(monthlyCost(now), monthlyCost(next));
      if (save.monthlyUsd === 0) return ok(i, `${target} is not cheaper at list price`);
      return {
        resource: i,
        status: 'alarm' as const,
        reason: `${reason}; ${usdCents(save.monthlyUsd)} a month cheaper`,
        savings: save,
        evidence: { suggestedType: target },
      };
    });
  },
});
