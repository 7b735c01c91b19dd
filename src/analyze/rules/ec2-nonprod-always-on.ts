import { usdCents } from '../../domain/money';
import { monthlyCost, share } from '../../pricing';
import { instancePrice } from '../../pricing/ec2-types';
import { daysSince, defineRule, judgeEach, noPrice, ok, SERVICES, wa } from './define-rule';
import { NONPROD_PARAMS, nonProdEnv } from './shapes';

/** Hours in a week. */
export const WEEK_HOURS = 168;

export const ON_HOURS_PARAM = {
  default: 60,
  description: 'Hours a week a schedule would keep it on (12 h × 5 working days)',
};

/** The tag Auto Scaling puts on its instances: stopping one makes the group replace it, so the group is judged. */
export const ASG_TAG = 'aws:autoscaling:groupName';

export default defineRule({
  id: 'ec2-nonprod-always-on',
  title: 'Non-production EC2 instance running around the clock',
  service: SERVICES.ec2,
  strategy: 'scheduled-scaling',
  wellArchitected: wa('COST09-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: true,
  action: 'stop',
  params: {
    ...NONPROD_PARAMS,
    minRunningDays: { default: 7, description: 'Running without a stop for at least this many days' },
    onHoursPerWeek: ON_HOURS_PARAM,
  },
  iamActions: ['ec2:DescribeInstances'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    return judgeEach(resources.instances, (i) => {
      if (i.state !== 'running' || i.lifecycle === 'spot' || i.tags[ASG_TAG] !== undefined) return undefined;
      const env = nonProdEnv(i, params);
      if (env === undefined) return undefined;
      // EC2 resets LaunchTime at every start, so it tells how long the instance has run without a stop.
      const days = daysSince(i.launchTime, ctx.asOf);
      if (days === undefined) return { resource: i, status: 'skip' as const, reason: 'instance has no launch time' };
      if (days < params.minRunningDays) return ok(i, `started ${days} days ago, so it is being stopped`);
      const reason = `${env} instance ${i.instanceType} has run without a stop for ${days} days`;
      const rate = instancePrice(i, ctx.ec2Prices);
      if (!rate) return noPrice(i, reason, `${i.platform} ${i.instanceType}`);
      const off = 1 - params.onHoursPerWeek / WEEK_HOURS;
      const save = share(monthlyCost(rate), off, `off outside ${params.onHoursPerWeek} h a week`);
      return {
        resource: i,
        status: 'alarm' as const,
        reason: `${reason}; a schedule of ${params.onHoursPerWeek} h a week saves ${usdCents(save.monthlyUsd)} a month`,
        savings: save,
      };
    });
  },
});
