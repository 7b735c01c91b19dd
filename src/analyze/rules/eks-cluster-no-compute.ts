import { usdCents } from '../../domain/money';
import type { Ec2Instance } from '../../domain/resources';
import { monthlyCost, price } from '../../pricing';
import { daysSince, defineRule, ok, priced, SERVICES, wa } from './define-rule';

const CLUSTER_TAG = 'kubernetes.io/cluster/';
const NAME_TAGS = ['eks:cluster-name', 'eks:eks-cluster-name', 'aws:eks:cluster-name'];

/**
 * Running nodes by account, region and cluster name, from the tags EKS, Karpenter and self-managed node groups put on
 * them (`kubernetes.io/cluster/<name>`, `eks:cluster-name` and its variants): one pass over the instances.
 */
function nodeCounts(instances: readonly Ec2Instance[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of instances) {
    if (i.state !== 'running') continue;
    const names = new Set<string>();
    for (const [key, value] of Object.entries(i.tags)) {
      if (key.startsWith(CLUSTER_TAG)) names.add(key.slice(CLUSTER_TAG.length));
      else if (NAME_TAGS.includes(key) && value) names.add(value);
    }
    for (const name of names) {
      const k = `${i.accountId}|${i.region}|${name}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return counts;
}

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
    if (resources.eksClusters.length === 0) return [];
    const nodesOf = nodeCounts(resources.instances);
    return resources.eksClusters.flatMap((c) => {
      if (c.status !== 'ACTIVE') return [];
      const age = daysSince(c.createdAt, ctx.asOf);
      if (age === undefined || age < params.minAgeDays) return [];
      if (c.nodegroups === undefined || c.fargateProfiles === undefined) {
        return [
          { resource: c, status: 'skip' as const, reason: 'its node groups or Fargate profiles could not be read' },
        ];
      }
      const nodes = nodesOf.get(`${c.accountId}|${c.region}|${c.id}`) ?? 0;
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
