/** An EFS file system's lifecycle policies (DescribeLifecycleConfiguration): whether files move to Infrequent Access. */
import { DescribeLifecycleConfigurationCommand, type EFSClient } from '@aws-sdk/client-efs';
import type { Note } from '../../domain/note';
import type { EfsLifecycle } from '../../domain/resources-storage';
import { guard } from '../guard';

/** The file system's transition to IA; an empty configuration is no transition, a refused read is undefined. */
export async function readEfsLifecycle(
  client: EFSClient,
  fileSystemId: string,
  where: { region: string; accountId: string },
  notes: Note[],
): Promise<EfsLifecycle | undefined> {
  return guard(notes, { source: 'elasticfilesystem:DescribeLifecycleConfiguration', ...where }, async () => {
    const answer = await client.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: fileSystemId }));
    const toIa = (answer.LifecyclePolicies ?? []).find((p) => p.TransitionToIA)?.TransitionToIA;
    return toIa ? { transitionToIa: toIa } : {};
  });
}
