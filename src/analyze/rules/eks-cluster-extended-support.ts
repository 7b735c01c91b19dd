import { usdCents } from '../../domain/money';
import { monthlyCost, price, saving } from '../../pricing';
import { defineRule, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'eks-cluster-extended-support',
  title: 'EKS cluster on a Kubernetes version billed for extended support',
  service: SERVICES.eks,
  strategy: 'compute-optimization',
  wellArchitected: wa('COST10-BP02'),
  severity: 'high',
  effort: 'high',
  restartNeeded: false,
  action: 'modernize',
  params: {},
  iamActions: ['eks:ListClusters', 'eks:DescribeCluster', 'eks:DescribeClusterVersions'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, _params, ctx) {
    return resources.eksClusters.flatMap((c) => {
      if (c.status !== 'ACTIVE' && c.status !== 'UPDATING') return [];
      // Which versions are in extended support is what EKS's DescribeClusterVersions says, read this run.
      if (c.versionStatus === undefined) {
        return [
          {
            resource: c,
            status: 'skip' as const,
            reason: `the support status of Kubernetes ${c.version} could not be read (DescribeClusterVersions)`,
          },
        ];
      }
      if (c.versionStatus !== 'EXTENDED_SUPPORT') {
        return [ok(c, `Kubernetes ${c.version} is in ${c.versionStatus.toLowerCase().replace('_', ' ')}`)];
      }
      // A STANDARD upgrade policy has EKS upgrade the cluster at the end of standard support instead of billing.
      if (c.supportType === 'STANDARD') return [ok(c, `upgrade policy STANDARD: no extended support is billed`)];
      const ext = price('eks.cluster.extended_support.hour', c.region);
      const std = price('eks.cluster.standard_support.hour', c.region);
      const save = ext && std ? saving(monthlyCost(ext), monthlyCost(std)) : undefined;
      const since = c.endOfStandardSupport?.slice(0, 10);
      const reason = `EKS cluster on Kubernetes ${c.version}, in extended support${since ? ` since ${since}` : ''} as of ${ctx.asOf}${save ? `; upgrading to a version in standard support saves ${usdCents(save.monthlyUsd)} a month of control plane` : ''}`;
      return [priced(c, reason, save, 'EKS cluster hours', { version: c.version, endOfStandardSupport: since })];
    });
  },
});
