import { usdCents } from '../../domain/money';
import { share } from '../../pricing';
import { daysSince, defineRule, noPrice, ok, SERVICES, wa } from './define-rule';
import { ON_HOURS_PARAM, WEEK_HOURS } from './ec2-nonprod-always-on';
import { isFargate, serviceCost, taskShape } from './ecs-service-idle';
import { NONPROD_PARAMS, nonProdEnv } from './shapes';

export default defineRule({
  id: 'ecs-nonprod-always-on',
  title: 'Non-production ECS service on Fargate running around the clock',
  service: SERVICES.ecs,
  strategy: 'scheduled-scaling',
  wellArchitected: wa('COST09-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: true,
  action: 'stop',
  params: {
    ...NONPROD_PARAMS,
    minAgeDays: { default: 7, description: 'Judge services created at least this many days ago' },
    onHoursPerWeek: ON_HOURS_PARAM,
  },
  iamActions: [
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'application-autoscaling:DescribeScheduledActions',
  ],
  savingsMethod: 'price-table',
  // The schedule is a proposal (ec2-nonprod-always-on's 60 h a week).
  confidence: 'medium',
  check(resources, params, ctx) {
    return resources.ecsServices.flatMap((s) => {
      if (!isFargate(s) || s.desiredCount === 0) return [];
      const env = nonProdEnv(s, params);
      if (env === undefined) return [];
      if (s.scheduled === undefined) {
        return [{ resource: s, status: 'skip' as const, reason: 'its scheduled actions could not be read' }];
      }
      if (s.scheduled) return [ok(s, 'has scheduled actions that scale it')];
      const age = daysSince(s.createdAt, ctx.asOf);
      if (age === undefined || age < params.minAgeDays) return [];
      const reason = `${env} ECS service keeps ${taskShape(s)} up with no scheduled action, created ${age} days ago`;
      const cost = serviceCost(s);
      if (!cost) return [noPrice(s, reason, `Fargate ${s.cpuArchitecture} tasks`)];
      const off = 1 - params.onHoursPerWeek / WEEK_HOURS;
      const save = share(cost, off, `scaled to 0 outside ${params.onHoursPerWeek} h a week`);
      return [
        {
          resource: s,
          status: 'alarm' as const,
          reason: `${reason}; scaling it to 0 outside ${params.onHoursPerWeek} h a week saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
        },
      ];
    });
  },
});
