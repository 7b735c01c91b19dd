/** The managed machine-learning and search collectors of one region (SageMaker, OpenSearch): one entry in SERVICES. */
import type { ResourceInventory } from '../../domain/resources';
import type { RegionContext } from './context';
import { collectSearchDomains } from './opensearch';
import { collectSageMaker } from './sagemaker';

/** SageMaker endpoints and notebook instances and OpenSearch domains of one region, read concurrently. */
export async function collectManagedServices(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const parts = await Promise.all([collectSageMaker(ctx), collectSearchDomains(ctx)]);
  return Object.assign({}, ...parts);
}
