import { usdCents } from '../../domain/money';
import type { Ec2Instance } from '../../domain/resources';
import type { CommitmentCover } from '../../domain/resources-network';
import { type Estimate, monthlyCost, share } from '../../pricing';
import { instancePrice, splitType } from '../../pricing/ec2-types';
import { daysSince, defineRule, judgeEach, noPrice, ok, SERVICES, tagValue, type Verdict, wa } from './define-rule';

/**
 * The discount assumed for the uncovered hours: a 1-year No Upfront Compute Savings Plan, the most flexible plan and
 * the one most teams start with. AWS's "up to 66%" (Compute) and "up to 72%" (EC2 Instance) are 3-year All Upfront
 * ceilings. Lower, 1-year figures: the illustrative rates of the Savings Plans User Guide ("Understanding how Savings
 * Plans apply to your usage", docs.aws.amazon.com/savingsplans/latest/userguide/sp-applying.html) put Compute plan
 * EC2 rates 20-50% under On-Demand; the worked example discussed on AWS re:Post ("AWS saving plans calculation
 * example by amazon") uses 18% and 30%; third-party guides put 1-year Compute plans at about 30-45%. 20% sits at the
 * bottom of all of them, so the figure is conservative, and the rule's confidence is low.
 */
const DEFAULT_DISCOUNT = 0.2;

/** How much of an instance's On-Demand hours no commitment covers, and how that was read. */
interface Gap {
  uncovered: number;
  why: string;
}

/** The share of the instance's family and region no Savings Plan covers; undefined when it cannot be told. */
function savingsPlanGap(i: Ec2Instance, cover: CommitmentCover | undefined): Gap | undefined {
  const { family } = splitType(i.instanceType);
  const plans = cover?.plans;
  const applies = plans?.filter(
    (p) => p.type === 'Compute' || (p.type === 'EC2Instance' && p.family === family && p.region === i.region),
  );
  if (applies && applies.length === 0) {
    return { uncovered: 1, why: `no Savings Plan applies (${plans?.length ?? 0} active, none Compute or ${family})` };
  }
  const group = cover?.familyCoverage?.find((g) => g.instanceFamily === family && g.region === i.region);
  if (!group || group.totalUsd <= 0) return undefined;
  const uncovered = Math.max(0, Math.min(1, group.onDemandUsd / group.totalUsd));
  return {
    uncovered,
    why: `Savings Plans cover ${Math.round((1 - uncovered) * 100)}% of ${family} spend in ${i.region} (Cost Explorer coverage read ${cover?.coverageReadOn ?? 'recently'})`,
  };
}

export default defineRule({
  id: 'ec2-no-commitment-cover',
  title: 'Long-running On-Demand EC2 instance covered by neither a Reserved Instance nor a Savings Plan',
  service: SERVICES.ec2,
  strategy: 'savings-plans',
  wellArchitected: wa('COST07-BP01'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: false,
  action: 'purchase',
  params: {
    minRunningDays: { default: 30, description: 'Running without a stop for at least this many days' },
    environmentTag: { default: 'environment', description: 'Tag key naming the environment' },
    nonProdValues: {
      default: 'dev,development,staging,stage,test,qa,sandbox',
      description: 'Non-production values (scheduled instead)',
    },
    assumedDiscount: {
      default: DEFAULT_DISCOUNT,
      description: 'Savings Plan discount assumed on uncovered hours (1-year No Upfront Compute plan, conservative)',
    },
    maxUncoveredShare: {
      default: 0.1,
      description: 'Covered enough when Savings Plans leave at most this share of its family and region On-Demand',
    },
  },
  // Savings Plans and their coverage come from the commitments collector (savingsplans:DescribeSavingsPlans,
  // ce:GetSavingsPlansCoverage, granted with OPTIMIZATION_IAM_ACTIONS), carried to the rules as commitmentCover.
  iamActions: ['ec2:DescribeInstances', 'ec2:DescribeReservedInstances'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params, ctx) {
    const nonProd = new Set(params.nonProdValues.split(',').map((v) => v.trim().toLowerCase()));
    const cover = resources.commitmentCover[0];
    // Active RIs by account, region and type; each covers `count` instances.
    const riLeft = new Map<string, number>();
    for (const ri of resources.reservedInstances) {
      if (ri.state !== 'active') continue;
      const key = `${ri.accountId}/${ri.region}/${ri.instanceType}`;
      riLeft.set(key, (riLeft.get(key) ?? 0) + ri.count);
    }
    return judgeEach(resources.instances, (i): Verdict | undefined => {
      if (i.state !== 'running' || i.lifecycle !== 'on-demand') return undefined;
      const env = tagValue(i, params.environmentTag);
      if (env !== undefined && nonProd.has(env)) return undefined;
      const days = daysSince(i.launchTime, ctx.asOf);
      if (days === undefined) return { resource: i, status: 'skip', reason: 'instance has no launch time' };
      if (days < params.minRunningDays) return undefined;
      const key = `${i.accountId}/${i.region}/${i.instanceType}`;
      const left = riLeft.get(key) ?? 0;
      if (left > 0) {
        riLeft.set(key, left - 1);
        return ok(i, `covered by an active Reserved Instance for ${i.instanceType}`);
      }
      const ran = `${i.instanceType} has run On-Demand for ${days} days with no Reserved Instance of its type in ${i.region}`;
      const gap = savingsPlanGap(i, cover);
      if (!gap) {
        return {
          resource: i,
          status: 'info',
          reason: `${ran}; Savings Plans coverage of its family was not read, so the gap is not priced`,
          unpriced: 'Savings Plans coverage by family and region not read (Cost Explorer)',
        };
      }
      if (gap.uncovered <= params.maxUncoveredShare) return ok(i, `${ran}, but ${gap.why}`);
      const rate = instancePrice(i, ctx.ec2Prices);
      if (!rate) return noPrice(i, `${ran}; ${gap.why}`, `${i.platform} ${i.instanceType}`);
      const hours = monthlyCost(rate);
      const open = share(hours, gap.uncovered, gap.why);
      const priced: Estimate = {
        ...share(
          open,
          params.assumedDiscount,
          'assumed 1-year No Upfront Compute Savings Plan discount, the low end of AWS example rates',
        ),
        // The saving is what a commitment earns: none of it is left for another commitment to cover.
        committableUsd: 0,
      };
      const reason = `${ran}; ${gap.why}: a Savings Plan for its uncovered hours saves about ${usdCents(priced.monthlyUsd)} a month at an assumed ${Math.round(params.assumedDiscount * 100)}% discount`;
      return { resource: i, status: 'alarm', reason, savings: priced, evidence: { uncoveredShare: gap.uncovered } };
    });
  },
});
