import { monthName } from '../../domain/dates';
import { usdCents } from '../../domain/money';
import { saving } from '../../pricing';
import { cloudFrontCost, INTERNET_EGRESS_TIERS, tieredCost } from '../../pricing/transfer';
import { gbOf } from './data-transfer-cross-az';
import { defineRule, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

const KB_PER_GB = 1024 * 1024;

/** What both sides of the figure leave out, said in its basis. */
const NOT_COUNTED =
  "free allowances not counted (100 GB a month of direct egress, CloudFront's 1 TB and 10 million requests: the payer's, once a month for all accounts); viewers assumed in the US, Mexico, Canada or Europe (one CloudFront price)";

export default defineRule({
  id: 'data-transfer-internet-without-cloudfront',
  title: 'Heavy internet egress leaves a region directly where CloudFront would bill less',
  service: SERVICES.ec2Other,
  strategy: 'data-transfer',
  wellArchitected: wa('COST08-BP03'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: false,
  action: 'configure',
  params: {
    meanResponseKb: {
      default: 1024,
      description: "Assumed mean size of a response, which sets CloudFront's request charge (a guess)",
    },
    minSavingsUsd: {
      default: 10,
      description: 'Report only when CloudFront would bill at least this much less a month',
    },
  },
  iamActions: ['ce:GetCostAndUsage'],
  savingsMethod: 'price-table',
  // How cacheable the traffic is, where its viewers are and how many requests carry it are not on the bill.
  confidence: 'low',
  check(resources, params) {
    return resources.dataTransfer.flatMap((u): Verdict[] => {
      if (u.kind !== 'internet') return [];
      const gb = Math.round(u.gb);
      const billed = `${gbOf(u.gb)} went to the internet straight from ${u.region} (${u.id}) in ${monthName(u.month)}, billed ${usdCents(u.usd)}`;
      const direct = tieredCost(INTERNET_EGRESS_TIERS, gb, u.region);
      const viaCloudFront = cloudFrontCost(gb, (gb * KB_PER_GB) / params.meanResponseKb);
      const cost = direct && viaCloudFront && saving(direct, viaCloudFront);
      const evidence = { month: u.month, gb: u.gb, billedUsd: u.usd, meanResponseKb: params.meanResponseKb };
      if (cost && cost.monthlyUsd < params.minSavingsUsd) {
        return [ok(u, `${billed}; CloudFront would bill under ${usdCents(params.minSavingsUsd)} a month less`)];
      }
      const reason = `${billed}${cost ? `; served through CloudFront (origin fetches free, an assumed ${params.meanResponseKb} KB a response) it would bill ${usdCents(cost.monthlyUsd)} a month less` : ''}`;
      const savings = cost && { ...cost, basis: `${cost.basis}; ${NOT_COUNTED}` };
      return [priced(u, reason, savings, 'internet egress or CloudFront', evidence)];
    });
  },
});
