import { monthName } from '../../domain/dates';
import { groupThousands, percentOf, usdCents } from '../../domain/money';
import type { ResourceInventory } from '../../domain/resources';
import type { DataTransferUsage, TransferKind } from '../../domain/resources-network';
import { monthlyCost, price, type Rate, share } from '../../pricing';
import { defineRule, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

/** How a rule on a share of the bill's transfer reads one kind of it. */
export interface AvoidableTransfer {
  kind: TransferKind;
  /** What the transfer is, in a reason: "Cross-AZ transfer". */
  label: string;
  /** What would avoid part of it, in a reason and the figure's basis. */
  remedy: string;
  minMonthlyGb: number;
  avoidableShare: number;
  rate: (u: DataTransferUsage) => Rate | undefined;
}

/** GB as a reason quotes them: whole, with thousands separators. */
export const gbOf = (gb: number): string => `${groupThousands(String(Math.round(gb)))} GB`;

/** The usage type without its region billing code, as the ledger checks a claim against the bill. */
const usageTypeName = (u: DataTransferUsage): string => u.id.replace(/^[A-Z]{2,4}\d{0,2}-/, '');

/**
 * Transfer of one kind billed heavily enough to judge: an assumed share of it (a guess, said in the figure) priced at
 * the list rate, since what part of the traffic could stay within a zone or a region is not on the bill.
 */
export function avoidableTransfer(r: ResourceInventory, c: AvoidableTransfer): Verdict[] {
  return r.dataTransfer.flatMap((u): Verdict[] => {
    if (u.kind !== c.kind) return [];
    const route = u.toRegion ? `from ${u.region} to ${u.toRegion}` : `in ${u.region}`;
    const billed = `${c.label} ${u.id} ${route}: ${gbOf(u.gb)} billed ${usdCents(u.usd)} in ${monthName(u.month)}`;
    if (u.gb < c.minMonthlyGb) return [ok(u, `${billed}, under the ${gbOf(c.minMonthlyGb)} judged`)];
    const rate = c.rate(u);
    const cost =
      rate && share(monthlyCost(rate, Math.round(u.gb)), c.avoidableShare, `assumed share ${c.remedy} avoids, a guess`);
    const reason = `${billed}${cost ? `; ${c.remedy} would avoid an assumed ${percentOf(c.avoidableShare)} of it, ${usdCents(cost.monthlyUsd)} a month` : ''}`;
    const evidence = { month: u.month, gb: u.gb, billedUsd: u.usd, ...(u.toRegion ? { toRegion: u.toRegion } : {}) };
    return [
      priced(u, reason, cost && { ...cost, usageTypes: [usageTypeName(u)] }, `${c.label} data transfer`, evidence),
    ];
  });
}

export default defineRule({
  id: 'data-transfer-cross-az',
  title: 'Account pays for heavy data transfer between Availability Zones',
  service: SERVICES.ec2Other,
  strategy: 'data-transfer',
  wellArchitected: wa('COST08-BP02'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'configure',
  params: {
    minMonthlyGb: {
      default: 1000,
      description: 'Judge only usage types that billed at least this many GB in the month',
    },
    avoidableShare: {
      default: 0.5,
      description:
        'Assumed share of the cross-AZ GB that zone-aware routing or co-locating chatty services avoids (a guess)',
    },
  },
  iamActions: ['ce:GetCostAndUsage'],
  savingsMethod: 'price-table',
  // Which flows cross zones (and which must, for availability) is not on the bill.
  confidence: 'low',
  check(resources, params) {
    return avoidableTransfer(resources, {
      kind: 'cross-az',
      label: 'Cross-AZ transfer',
      remedy: 'zone-aware routing or co-locating chatty services',
      minMonthlyGb: params.minMonthlyGb,
      avoidableShare: params.avoidableShare,
      rate: (u) => price('data_transfer.inter_az.gb_each_direction', u.region),
    });
  },
});
