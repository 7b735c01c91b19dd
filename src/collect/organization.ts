/**
 * An AWS Organization read in slices: one slice is one member account x one region, read through the member role
 * (deploy/member-role.yml) with the inventory collectors and Compute Optimizer (read instead from the management
 * account, one member a request, where the organization is enrolled in it). The same three steps run in the state
 * machine (deploy/organization.asl.json: list the work items, a Map of slices, one aggregate) and in-process on the
 * local runner (src/jobs/organization.ts). What a slice cannot read is a note naming its account and region; the
 * other slices go on. Cost Explorer, Cost Optimization Hub and commitments are read once, in the running account.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Aws } from '../aws';
import { awsError } from '../aws/replay';
import type { AccountsSettings, Config } from '../config';
import type { Note } from '../domain/note';
import { emptyResources, type ResourceInventory } from '../domain/resources';
import { type Account, collectAccounts, membersEnrolled } from './accounts';
import { guard } from './guard';
import {
  collectRegionResources,
  mapBounded,
  mergeRegionReads,
  metricWindow,
  type RegionRead,
  regionsOf,
} from './inventory';
import { collectBuckets } from './inventory/s3';
import { collectComputeOptimizer, emptyOptimizerData, OPTIMIZER_KINDS, type OptimizerData } from './optimizer';

/**
 * One slice of the fan-out: an account and one of its regions. One slice per account (its home region, else its first)
 * also reads the account's S3 buckets, those in `bucketRegions` (the regions read in that account).
 */
export interface WorkItem {
  accountId: string;
  region: string;
  bucketRegions?: string[];
  /** 'management': Compute Optimizer is read for this member from the management account (its organization view). */
  optimizer?: 'management';
}

/** What a slice read: its region's resources (none when the region could not be read), Compute Optimizer, notes. */
export interface Slice {
  item: WorkItem;
  read: RegionRead;
  buckets?: ResourceInventory['buckets'];
  optimizer: OptimizerData;
}

/** The role durion-cost assumes in each member account (deploy/member-role.yml creates it). */
export interface MemberRole {
  name: string;
  /** For accounts outside the organization, where the role's trust asks for one. */
  externalId?: string;
}

/** How the run gets into member accounts: who it is, the role it assumes elsewhere, the members' clients so far. */
export interface Reach {
  /** The credentials' own account, read directly. */
  self: string;
  role: MemberRole;
  /** One AssumeRole per account and run: the member's clients, kept. A refusal is not kept. */
  members: Map<string, Promise<Aws>>;
}

/** The IAM action the fan-out sends in the running account, on the member roles only. */
export const ORGANIZATION_IAM_ACTIONS = ['sts:AssumeRole'] as const;

/** How long assumed credentials last: longer than any slice of a run, within the role's MaxSessionDuration. */
const SESSION_SECONDS = 3600;

/** The member's clients, on credentials from its role. Throws what STS refuses. */
async function assume(aws: Aws, accountId: string, role: MemberRole): Promise<Aws> {
  const out = await aws.client(STSClient).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${role.name}`,
      RoleSessionName: 'durion-cost',
      DurationSeconds: SESSION_SECONDS,
      ...(role.externalId ? { ExternalId: role.externalId } : {}),
    }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) {
    throw awsError('InvalidCredentials', `sts:AssumeRole into ${accountId} gave no credentials`);
  }
  return aws.inAccount(accountId, {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: new Date(c.Expiration) } : {}),
  });
}

/** A new reach for one run. */
export const reachOf = (self: string, role: MemberRole): Reach => ({ self, role, members: new Map() });

/** The account's clients: its own directly, a member's through its role; undefined (and a note) when refused. */
export async function memberAws(aws: Aws, reach: Reach, accountId: string, notes: Note[]): Promise<Aws | undefined> {
  if (accountId === reach.self) return aws;
  let assumed = reach.members.get(accountId);
  if (!assumed) {
    assumed = assume(aws, accountId, reach.role);
    assumed.catch(() => reach.members.delete(accountId));
    reach.members.set(accountId, assumed);
  }
  const refused: Note[] = [];
  const member = await guard(refused, { source: 'sts:AssumeRole', accountId }, () => assumed);
  for (const n of refused) {
    n.message = `account ${accountId} not read: role ${reach.role.name} could not be assumed (is the durion-cost-member StackSet deployed there?): ${n.message}`;
  }
  notes.push(...refused);
  return member;
}

/** Step 1: the accounts to read and their work items (each account's configured or enabled regions). */
export async function listWorkItems(
  aws: Aws,
  config: Pick<Config, 'regions'> & { accounts: AccountsSettings },
  reach: Reach,
  scope: 'self' | 'organization' | string[],
  notes: Note[],
): Promise<{ accounts: Account[]; items: WorkItem[] }> {
  const accounts = await collectAccounts(aws, { ...config.accounts, scope }, reach.self, notes);
  const fromManagement = accounts.some((a) => a.id !== reach.self) && (await membersEnrolled(aws, notes));
  const perAccount = await mapBounded(accounts, config.accounts.concurrency, async (account) => {
    const member = await memberAws(aws, reach, account.id, notes);
    if (!member) return [];
    const regions = await regionsOf(member, config, notes);
    const home = regions.includes(aws.homeRegion) ? aws.homeRegion : regions[0];
    return regions.map((region) => ({
      accountId: account.id,
      region,
      ...(region === home ? { bucketRegions: regions } : {}),
      ...(fromManagement && account.id !== reach.self ? { optimizer: 'management' as const } : {}),
    }));
  });
  return { accounts, items: perAccount.flat() };
}

/** Step 2: read one slice. Its notes name its account (a failed read there hides nothing elsewhere). */
export async function collectSlice(aws: Aws, reach: Reach, item: WorkItem, asOf: string): Promise<Slice> {
  const notes: Note[] = [];
  const member = await memberAws(aws, reach, item.accountId, notes);
  const read: RegionRead = member
    ? await collectRegionResources(member, { accountId: item.accountId, region: item.region }, asOf)
    : { accountId: item.accountId, region: item.region, notes: [] };
  const optimizer =
    !member || !read.parts
      ? emptyOptimizerData('unknown')
      : item.optimizer === 'management'
        ? await collectComputeOptimizer(aws, [item.region], read.notes, item.accountId)
        : await collectComputeOptimizer(member, [item.region], read.notes);
  const buckets =
    member && item.bucketRegions
      ? await collectBuckets(member, item.region, item.accountId, item.bucketRegions, read.notes, metricWindow(asOf))
      : undefined;
  read.notes.unshift(...notes);
  for (const n of read.notes) n.accountId ??= item.accountId;
  return { item, read, ...(buckets ? { buckets } : {}), optimizer };
}

/** Compute Optimizer over all slices: enrolled where any slice was, not enrolled where any said so. */
function mergeOptimizer(slices: Slice[]): OptimizerData {
  const states = slices.map((s) => s.optimizer.enrollment);
  const enrollment = states.includes('enrolled')
    ? 'enrolled'
    : states.includes('not-enrolled')
      ? 'not-enrolled'
      : 'unknown';
  const merged = emptyOptimizerData(enrollment, [...new Set(slices.flatMap((s) => s.optimizer.regions))].sort());
  for (const s of slices) for (const kind of OPTIMIZER_KINDS) (merged[kind] as unknown[]).push(...s.optimizer[kind]);
  return merged;
}

/** Step 3, the collecting half: every slice merged in work-item order into one inventory and one Compute Optimizer. */
export function mergeSlices(
  slices: Slice[],
  asOf: string,
  notes: Note[],
): { resources: ResourceInventory; optimizer: OptimizerData } {
  const ordered = [...slices].sort(
    (a, b) => a.item.accountId.localeCompare(b.item.accountId) || a.item.region.localeCompare(b.item.region),
  );
  const resources = emptyResources(metricWindow(asOf));
  mergeRegionReads(
    resources,
    ordered.map((s) => s.read),
    notes,
  );
  resources.regions.sort();
  for (const s of ordered) resources.buckets.push(...(s.buckets ?? []));
  return { resources, optimizer: mergeOptimizer(ordered) };
}
