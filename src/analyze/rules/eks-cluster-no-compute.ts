import { usdCents } from '../../domain/money';
import type { Ec2Instance } from '../../domain/resources';
import type { EksCluster } from '../../domain/resources-compute';
import { monthlyCost, price } from '../../pricing';
import { daysSince, defineRule, ok, priced, SERVICES, wa } from './define-rule';

/** Whether an instance is a node of the cluster: the tags EKS, Karpenter and self-managed node groups put on nodes. */
export const isNodeOf = (i: Ec2Instance, c: EksCluster): boolean =>
  i.accountId === c.accountId &&
  i.region === c.region &&
  (i.tags[`kubernetes.io/cluster/${c.id}`] !== undefined ||
    i.tags['eks:cluster-name'] === c.id ||
    i.tags['eks:eks-cluster-name'] === c.id ||
    i.tags['aws:eks:cluster-name'] === c.id);

export default defineRule({
  id: 'eks-cluster-no-compute',
  title: 'EKS cluster billing its control plane with no nodes or Fargate profiles to run anything',
  service: SERVICES.eks,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: { minAgeDays: { default: 14, description: 'Judge clusters created at least this many days ago' } },
  iamActions: ['eks:ListClusters', 'eks:DescribeCluster', 'eks:ListNodegroups', 'eks:ListFargateProfiles'],
  savingsMethod: 'price-table',
  // Hybrid nodes (on premises) and nodes tagged otherwise are not visible here.
  confidence: 'medium',
  check(resources, params, ctx) {
    return resources.eksClusters.flatMap((c) => {
      if (c.status !== 'ACTIVE') return [];
      const age = daysSince(c.createdAt, ctx.asOf);
      if (age === undefined || age < params.minAgeDays) return [];
      if (c.nodegroups === undefined || c.fargateProfiles === undefined) {
        return [
          { resource: c, status: 'skip' as const, reason: 'its node groups or Fargate profiles could not be read' },
        ];
      }
      const nodes = resources.instances.filter((i) => i.state === 'running' && isNodeOf(i, c)).length;
      const has = `${c.nodegroups} managed node group(s), ${c.fargateProfiles} Fargate profile(s), ${nodes} running node(s)`;
      if (c.nodegroups + c.fargateProfiles + nodes > 0) return [ok(c, has)];
      const extended = c.versionStatus === 'EXTENDED_SUPPORT' && c.supportType !== 'STANDARD';
      const rate = price(
        extended ? 'eks.cluster.extended_support.hour' : 'eks.cluster.standard_support.hour',
        c.region,
      );
      const cost = rate && monthlyCost(rate);
      const reason = `EKS cluster created ${age} days ago has ${has}${cost ? `; its control plane bills ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(c, reason, cost, 'EKS cluster hours', { nodegroups: 0, fargateProfiles: 0 })];
    });
  },
});
