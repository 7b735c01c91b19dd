import { usdCents } from '../../domain/money';
import { type Estimate, ec2Price, monthlyCost, share, sum } from '../../pricing';
import { daysSince, defineRule, noPrice, ok, SERVICES, wa } from './define-rule';
import { ON_HOURS_PARAM, WEEK_HOURS } from './ec2-nonprod-always-on';
import { NONPROD_PARAMS, nonProdEnv } from './shapes';

export default defineRule({
  id: 'asg-nonprod-always-on',
  title: 'Non-production Auto Scaling group kept at capacity around the clock',
  service: SERVICES.ec2,
  strategy: 'scheduled-scaling',
  wellArchitected: wa('COST09-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: true,
  action: 'stop',
  params: {
    ...NONPROD_PARAMS,
    minAgeDays: { default: 7, description: 'Judge groups created at least this many days ago' },
    onHoursPerWeek: ON_HOURS_PARAM,
  },
  iamActions: ['autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeScheduledActions'],
  savingsMethod: 'price-table',
  // The instances' platform is assumed Linux and the schedule is a proposal (ec2-nonprod-always-on's 60 h a week).
  confidence: 'medium',
  check(resources, params, ctx) {
    return resources.autoScalingGroups.flatMap((g) => {
      const env = nonProdEnv(g, params);
      if (env === undefined || g.desired === 0) return [];
      if (g.scheduled === undefined) {
        return [{ resource: g, status: 'skip' as const, reason: 'its scheduled actions could not be read' }];
      }
      if (g.scheduled) return [ok(g, 'has scheduled actions that scale it')];
      const age = daysSince(g.createdTime, ctx.asOf);
      if (age === undefined || age < params.minAgeDays) return [];
      const running = g.instances.filter((i) => i.lifecycleState === 'InService');
      if (running.length === 0) return [];
      const reason = `${env} Auto Scaling group holds ${running.length} instance(s) with no scheduled action, created ${age} days ago`;
      const types = [...new Set(running.map((i) => i.instanceType))].sort();
      const costs: Estimate[] = [];
      for (const t of types) {
        const rate = ec2Price(t, g.region, ctx.ec2Prices);
        if (!rate) return [noPrice(g, reason, `Linux ${t}`)];
        costs.push(monthlyCost(rate, running.filter((i) => i.instanceType === t).length));
      }
      const now = sum(costs);
      const off = 1 - params.onHoursPerWeek / WEEK_HOURS;
      const save = share(now, off, `scaled to 0 outside ${params.onHoursPerWeek} h a week`);
      return [
        {
          resource: g,
          status: 'alarm' as const,
          reason: `${reason}; scheduled actions keeping it up ${params.onHoursPerWeek} h a week save ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
        },
      ];
    });
  },
});
