/** What a run collects: the collectors' output, which the analyzers read. */
import type { Note } from '../domain/note';
import type { ResourceInventory } from '../domain/resources';
import type { SpendData } from '../domain/spend';
import type { Account } from './accounts';
import type { OptimizationData } from './optimization';
import type { DataTransferRead } from './transfer';

/** What one run collected. Collectors fill their own section; analyzers only read. */
export interface Inventory {
  asOf: string;
  sample: boolean;
  spend?: SpendData;
  /** Resources with their metrics, for the rule catalog (src/collect/inventory). */
  resources?: ResourceInventory;
  /** Compute Optimizer, Cost Optimization Hub, Cost Explorer recommendations and commitments (src/collect/optimization). */
  optimization?: OptimizationData;
  /** The bill's data transfer over the last settled month, as read or kept (its usage is `resources.dataTransfer`). */
  dataTransfer?: DataTransferRead;
  /** The accounts read, with their Organizations names (an organization run only). */
  accounts?: Account[];
  notes: Note[];
}
