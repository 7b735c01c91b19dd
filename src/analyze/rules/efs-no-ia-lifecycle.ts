import { usdCents } from '../../domain/money';
import { monthlyCost, price, saving, share } from '../../pricing';
import { fmt, toGb } from '../storage';
import { count, defineRule, noMetric, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

export default defineRule({
  id: 'efs-no-ia-lifecycle',
  title: 'EFS file system keeps every file in Standard: no lifecycle policy moves cold files to Infrequent Access',
  service: SERVICES.efs,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    coldShare: { default: 0.5, description: 'Assumed share of Standard bytes not read for 30 days, moved to IA' },
    minStandardGb: { default: 10, description: 'Ignore file systems holding less than this in Standard' },
  },
  iamActions: [
    'elasticfilesystem:DescribeFileSystems',
    'elasticfilesystem:DescribeLifecycleConfiguration',
    'cloudwatch:GetMetricData',
  ],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.fileSystems.flatMap((f): Verdict[] => {
      if (f.lifeCycleState !== 'available') return [];
      const connections = count(f, 'ClientConnections');
      if (!connections) return [noMetric(f, 'AWS/EFS ClientConnections', days)];
      // A file system nobody mounts is efs-idle's finding, priced there as a deletion.
      if (connections.sum === 0) return [];
      if (!f.lifecycle)
        return [{ resource: f, status: 'skip', reason: `lifecycle configuration of ${f.id} could not be read` }];
      if (f.lifecycle.transitionToIa) return [ok(f, `moves files to IA ${f.lifecycle.transitionToIa.toLowerCase()}`)];
      const gb = toGb(f.standardBytes ?? f.sizeBytes);
      if (gb < params.minStandardGb)
        return [ok(f, `holds ${fmt(gb)} GB in Standard, under ${params.minStandardGb} GB`)];
      const std = price('efs.standard.storage', f.region);
      const ia = price('efs.ia.gb_month', f.region);
      const why = 'assumed share of Standard bytes not read for 30 days, moved to IA by a lifecycle policy';
      const save = std && ia && share(saving(monthlyCost(std, gb), monthlyCost(ia, gb)), params.coldShare, why);
      const reason = `EFS file system ${f.name ?? f.id} holds ${fmt(gb)} GB in Standard and no lifecycle policy moves files to Infrequent Access${save ? `; moving the assumed ${Math.round(params.coldShare * 100)}% not read for 30 days saves ${usdCents(save.monthlyUsd)} a month before IA access fees` : ''}`;
      return [priced(f, reason, save, 'EFS Standard/IA storage', { standardGb: gb })];
    });
  },
});
