import { usdCents } from '../../domain/money';
import { hasEc2Price, monthlyCost, price, saving, sum } from '../../pricing';
import { inFamily, instancePrice, splitType } from '../../pricing/ec2-types';
import { count, defineRule, judgeEach, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

/** Burstable families and the fixed-performance family of the same vCPUs and memory at each size from large. */
const FIXED_FAMILY: Record<string, string> = { t2: 'm5', t3: 'm5', t3a: 'm5a', t4g: 'm6g' };
/** Sizes below large have no M twin: the next burstable size up (a higher baseline) is proposed instead. */
const NEXT_SIZE: Record<string, string> = { nano: 'micro', micro: 'small', small: 'medium', medium: 'large' };

/** The type that stops the surplus charges: the M type of the same size, else the next burstable size. */
export function steadierType(instanceType: string): string | undefined {
  const { family, size } = splitType(instanceType);
  const fixed = FIXED_FAMILY[family];
  if (!fixed) return undefined;
  const m = inFamily(instanceType, fixed);
  if (hasEc2Price(m)) return m;
  const next = NEXT_SIZE[size];
  return next && hasEc2Price(`${family}.${next}`) ? `${family}.${next}` : undefined;
}

export default defineRule({
  id: 'ec2-burstable-credits-charged',
  title: 'Burstable EC2 instance in unlimited mode paying for surplus CPU credits',
  service: SERVICES.ec2,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP02'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: true,
  action: 'rightsize',
  params: {
    minCredits: {
      default: 60,
      description: 'Judge only when more surplus credits than this were charged over the window',
    },
  },
  iamActions: ['ec2:DescribeInstances', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // The M type (or next size) is assumed to serve the load without surplus credits.
  confidence: 'medium',
  check(resources, params, ctx) {
    const days = resources.metricWindow.days;
    return judgeEach(resources.instances, (i) => {
      const family = splitType(i.instanceType).family;
      if (i.state !== 'running' || !FIXED_FAMILY[family]) return undefined;
      const charged = count(i, 'CPUSurplusCreditsCharged');
      if (!charged) return noMetric(i, 'CPUSurplusCreditsCharged', days);
      // Only unlimited mode charges surplus credits, so a charge means unlimited mode.
      if (charged.sum <= params.minCredits) return ok(i, `${charged.sum} surplus credits charged over ${days} days`);
      // A credit is one vCPU-minute; the price is per vCPU-hour, so the monthly quantity is the average vCPUs above
      // baseline over the window (vCPU-hours ÷ the window's hours) × 730 h.
      const vcpuHours = charged.sum / 60;
      const reason = `${i.instanceType} was charged ${Math.round(charged.sum)} surplus CPU credits (${vcpuHours.toFixed(1)} vCPU-hours) over ${days} days`;
      const target = steadierType(i.instanceType);
      const credit = price('ec2.cpu_credits_unlimited', i.region);
      const now = instancePrice(i, ctx.ec2Prices);
      const next = target && instancePrice({ ...i, instanceType: target }, ctx.ec2Prices);
      // ec2.cpu_credits_unlimited is the T2/T3/T3a Linux rate; T4g's surplus credits are billed at their own rate,
      // which the table does not hold, so a T4g is flagged without a figure.
      if (family === 't4g') return noPrice(i, reason, 'T4g surplus CPU credits');
      if (!target || !credit || !now || !next) {
        return noPrice(i, reason, `${i.platform} ${i.instanceType} or its M type`);
      }
      const credits = monthlyCost(credit, vcpuHours / (days * 24));
      const save = saving(sum([monthlyCost(now), credits]), monthlyCost(next));
      if (save.monthlyUsd === 0) {
        return ok(i, `${reason}; they cost ${usdCents(credits.monthlyUsd)} a month, less than moving to ${target}`);
      }
      return {
        resource: i,
        status: 'alarm' as const,
        reason: `${reason}, ${usdCents(credits.monthlyUsd)} a month; ${target} runs it without surplus charges for ${usdCents(save.monthlyUsd)} a month less`,
        savings: save,
        evidence: { surplusCredits: charged.sum, suggestedType: target },
      };
    });
  },
});
