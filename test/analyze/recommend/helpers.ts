/** Fixtures the recommend tests share. */
import type { CommitmentData } from '../../../src/collect/commitments';
import { emptyOptimizerData } from '../../../src/collect/optimizer';
import type { Inventory } from '../../../src/collect/types';
import { emptyResources } from '../../../src/domain/resources';

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
