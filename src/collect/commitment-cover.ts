/**
 * The commitments the rule catalog judges against: the Savings Plans and their coverage by family and region that the
 * commitments collector read (Cost Explorer, the Savings Plans API), put beside the resources as one record, so a rule
 * sees Savings Plans and not only the Reserved Instances the inventory lists.
 */
import type { CommitmentCover } from '../domain/resources-network';
import type { CommitmentData } from './commitments';

/** The inventory's record of the organization's Savings Plans; empty when neither plans nor coverage were read. */
export function commitmentCoverOf(data: CommitmentData | undefined, accountId: string): CommitmentCover[] {
  const plans = data?.savingsPlans?.value;
  const coverage = data?.spCoverage;
  if (!plans && !coverage) return [];
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
    },
  ];
}
