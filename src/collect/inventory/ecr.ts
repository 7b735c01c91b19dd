/**
 * ECR repositories of one region: whether a lifecycle policy is set, and their images' sizes summed by how long ago
 * each was last pushed or pulled (DescribeImages' imagePushedAt and lastRecordedPullTime), so the inventory holds a few
 * numbers per repository rather than every image.
 */

import {
  ECRClient,
  GetLifecyclePolicyCommand,
  paginateDescribeImages,
  paginateDescribeRepositories,
} from '@aws-sdk/client-ecr';
import { DAY_MS } from '../../domain/dates';
import type { EcrRepository, ResourceInventory } from '../../domain/resources';
import { ECR_AGE_THRESHOLDS, type EcrImageAge } from '../../domain/resources-storage';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext } from './context';

/** Whether the repository has a lifecycle policy: ECR answers LifecyclePolicyNotFoundException when it has none. */
async function hasPolicy(client: ECRClient, repositoryName: string): Promise<boolean> {
  try {
    await client.send(new GetLifecyclePolicyCommand({ repositoryName }));
    return true;
  } catch (err) {
    if (err instanceof Error && err.name === 'LifecyclePolicyNotFoundException') return false;
    throw err;
  }
}

/** A repository's images: count, bytes, and by days since last push or pull (cumulative per threshold). */
async function readImages(client: ECRClient, repositoryName: string, asOf: string): Promise<EcrRepository['images']> {
  const now = Date.parse(`${asOf}T00:00:00Z`);
  const olderThan: EcrImageAge[] = ECR_AGE_THRESHOLDS.map((days) => ({ days, images: 0, bytes: 0 }));
  let total = 0;
  let bytes = 0;
  for await (const page of paginateDescribeImages({ client }, { repositoryName })) {
    for (const image of page.imageDetails ?? []) {
      const size = image.imageSizeInBytes ?? 0;
      const last = Math.max(image.imagePushedAt?.getTime() ?? 0, image.lastRecordedPullTime?.getTime() ?? 0);
      const idleDays = (now - last) / DAY_MS;
      total++;
      bytes += size;
      for (const a of olderThan) {
        if (idleDays > a.days) {
          a.images++;
          a.bytes += size;
        }
      }
    }
  }
  return { total, bytes, olderThan };
}

async function readRepository(
  ctx: RegionContext,
  client: ECRClient,
  r: { name: string; arn?: string; created?: Date },
) {
  const { region, accountId, notes } = ctx;
  const where = (op: string) => ({ source: `ecr:${op}`, region, accountId });
  const repository: EcrRepository = {
    accountId: arnAccount(r.arn, accountId),
    region,
    id: r.name,
    arn: r.arn,
    tags: {},
    createdAt: iso(r.created),
    hasLifecyclePolicy: await guard(notes, where('GetLifecyclePolicy'), () => hasPolicy(client, r.name)),
  };
  // Image ages matter only where no policy expires them.
  if (repository.hasLifecyclePolicy !== false) return repository;
  const images = await guard(notes, where('DescribeImages'), () => readImages(client, r.name, ctx.asOf));
  if (images) repository.images = images;
  return repository;
}

/** Read the ECR repositories of one region (tags are not read: one call per repository). */
export async function collectRepositories(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(ECRClient, region);
  const listed = await guard(notes, { source: 'ecr:DescribeRepositories', region, accountId }, async () => {
    const all: { name: string; arn?: string; created?: Date }[] = [];
    for await (const page of paginateDescribeRepositories({ client }, {})) {
      for (const r of page.repositories ?? []) {
        if (r.repositoryName) all.push({ name: r.repositoryName, arn: r.repositoryArn, created: r.createdAt });
      }
    }
    return all;
  });
  if (!listed) return {};
  const repositories: EcrRepository[] = [];
  for (const r of listed) repositories.push(await readRepository(ctx, client, r));
  return { repositories };
}
