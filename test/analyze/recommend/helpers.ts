/** Fixtures the recommend tests share. */
import type { IngestContext } from '../../../src/analyze/recommend/optimizer';
import type { CommitmentData } from '../../../src/collect/commitments';
import { emptyOptimizerData } from '../../../src/collect/optimizer';
import type { Inventory } from '../../../src/collect/types';
import type { FindingDraft } from '../../../src/domain/finding';
import { emptyResources, type ResourceInventory } from '../../../src/domain/resources';
import { rightsizeDraft } from '../../ledger/helpers';

/**
 * An inventory as of the commitments' day holding these commitments, with Compute Optimizer and the Cost Optimization
 * Hub enrolled but recommending nothing; `parts` adds resources or spend.
 */
export const commitmentsInventory = (commitments: CommitmentData, parts: Partial<Inventory> = {}): Inventory => ({
  asOf: commitments.asOf,
  sample: false,
  notes: [],
  resources: emptyResources({ days: 14, start: '', end: commitments.asOf }),
  optimization: {
    optimizer: emptyOptimizerData('enrolled'),
    hub: { enrollment: 'enrolled', recommendations: [] },
    commitments,
  },
  ...parts,
});

/** The commitments of the recommend tests: m5 fully and c5 a quarter on Savings Plans, half the c5.2xlarge hours on RIs. */
export const asOf = '2026-11-20';
export const ctx: IngestContext = {
  ownerTags: ['owner'],
  exists: () => undefined,
  accountId: '111111111111',
  homeRegion: 'us-east-1',
};
export const commitments = (over: Partial<CommitmentData> = {}): CommitmentData => ({
  asOf,
  window: { Start: '2026-11-06', End: asOf },
  reservations: [],
  spCoverage: {
    fetchedOn: asOf,
    value: [
      { instanceFamily: 'm5', region: 'us-east-1', coveredUsd: 1000, onDemandUsd: 0, totalUsd: 1000 },
      { instanceFamily: 'c5', region: 'us-east-1', coveredUsd: 250, onDemandUsd: 750, totalUsd: 1000 },
    ],
  },
  riCoverage: {
    fetchedOn: asOf,
    value: [
      { instanceType: 'c5.2xlarge', region: 'us-east-1', reservedHours: 360, onDemandHours: 360, totalHours: 720 },
    ],
  },
  ...over,
});
export const inventory = (over: Partial<CommitmentData> = {}, resources?: ResourceInventory): Inventory =>
  commitmentsInventory(commitments(over), resources ? { resources } : {});
export const ruleDraft = (instanceType: string, over: Partial<FindingDraft> = {}): FindingDraft =>
  rightsizeDraft({ resourceId: 'i-1', monthlySavingsUsd: 100, evidence: { instanceType }, ...over });
