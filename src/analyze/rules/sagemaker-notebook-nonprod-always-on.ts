import { usdCents } from '../../domain/money';
import { monthlyCost, share } from '../../pricing';
import { notebookInstancePrice } from '../../pricing/managed';
import { daysSince, defineRule, noPrice, ok, SERVICES, wa } from './define-rule';
import { ON_HOURS_PARAM, WEEK_HOURS } from './ec2-nonprod-always-on';
import { NONPROD_PARAMS, nonProdEnv } from './shapes';

export default defineRule({
  id: 'sagemaker-notebook-nonprod-always-on',
  title: 'Non-production SageMaker notebook instance running around the clock',
  service: SERVICES.sagemaker,
  strategy: 'scheduled-scaling',
  wellArchitected: wa('COST09-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: true,
  action: 'stop',
  params: {
    ...NONPROD_PARAMS,
    minRunningDays: { default: 7, description: 'In service without a stop or change for at least this many days' },
    onHoursPerWeek: ON_HOURS_PARAM,
  },
  iamActions: ['sagemaker:ListNotebookInstances'],
  savingsMethod: 'price-table',
  // The bundled SageMaker prices are low confidence (data/PROVENANCE.md).
  confidence: 'low',
  check(resources, params, ctx) {
    return resources.notebooks.flatMap((n) => {
      if (n.status !== 'InService') return [];
      const env = nonProdEnv(n, params);
      if (env === undefined) return [];
      // LastModifiedTime moves when the instance starts, stops or is updated: in service at least since then.
      const days = daysSince(n.lastModifiedTime, ctx.asOf);
      if (days === undefined)
        return [{ resource: n, status: 'skip' as const, reason: 'notebook has no last-modified time' }];
      if (days < params.minRunningDays) return [ok(n, `started or changed ${days} days ago`)];
      const reason = `${env} notebook instance ${n.instanceType} has been in service for ${days} days without a stop`;
      const rate = notebookInstancePrice(n.instanceType, n.region);
      if (!rate) return [noPrice(n, reason, `SageMaker notebook ${n.instanceType}`)];
      const off = 1 - params.onHoursPerWeek / WEEK_HOURS;
      const save = share(monthlyCost(rate), off, `stopped outside ${params.onHoursPerWeek} h a week`);
      return [
        {
          resource: n,
          status: 'alarm' as const,
          reason: `${reason}; stopping it outside ${params.onHoursPerWeek} h a week saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
        },
      ];
    });
  },
});
