/**
 * The commitments the rule catalog judges against: the Savings Plans and their coverage by family and region that the
 * commitments collector read (Cost Explorer, the Savings Plans API), put beside the resources as one record, so a rule
 * sees Savings Plans and not only the Reserved Instances the inventory lists.
 */
import type { CommitmentCover } from '../domain/resources-network';
import type { CommitmentData } from './commitments';

/** The inventory's record of the organization's commitments; empty when no plan, coverage or reservation was read. */
export function commitmentCoverOf(data: CommitmentData | undefined, accountId: string): CommitmentCover[] {
  const plans = data?.savingsPlans?.value;
  const coverage = data?.spCoverage;
  const read = data?.reservationsRead ?? [];
  if (!plans && !coverage && read.length === 0) return [];
  return [
    {
      accountId,
      region: 'global',
      id: 'savings-plans',
      tags: {},
      ...(plans ? { plans: plans.map((p) => ({ ...p })) } : {}),
      ...(coverage
        ? { familyCoverage: coverage.value.map((g) => ({ ...g })), coverageReadOn: coverage.fetchedOn }
        : {}),
      ...(read.length
        ? {
            reservations: (data?.reservations ?? []).map(
              ({ service, region, instanceType, count, engine, multiAz }) => ({
                service,
                region,
                instanceType,
                count,
                ...(engine ? { engine } : {}),
                ...(multiAz !== undefined ? { multiAz } : {}),
              }),
            ),
            reservationsRead: [...read],
          }
        : {}),
    },
  ];
}
