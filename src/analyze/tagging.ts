/**
 * Resources without an owner: each resource that carries none of the owner tags (DURION_OWNER_TAGS), with who
 * probably owns it and what it costs to keep (src/pricing/run-cost.ts), grouped by that candidate and ranked by
 * dollars; and the team and owner tag keys billing does not break spend down by yet.
 *
 * Owner candidates, most certain first: the resource it belongs to (a volume's instance, an address's instance, a
 * snapshot's volume, or that one's own candidate), then the owner that every tagged member of the same CloudFormation
 * stack, Auto Scaling group or EKS cluster agrees on, then the team of the identity CloudTrail says created it
 * (src/analyze/creators.ts). A candidate is a lead to confirm, not an owner: it is said where it came from. Findings
 * on an unowned resource take its candidate as their owner, with its source (withOwners).
 */
import type { AllocationTag } from '../collect/allocation-tags';
import type { CreatorTeam } from '../config';
import { type CreatorLookup, creatorKey } from '../domain/creator';
import type { FindingDraft, OwnerSource } from '../domain/finding';
import type { ResourceBase, ResourceInventory } from '../domain/resources';
import type { Estimate } from '../pricing';
import { runCost } from '../pricing/run-cost';
import { teamOf } from './creators';
import { ownerOf } from './rules/define-rule';

/**
 * The kinds listed: those whose collectors read tags. Log groups, ECR repositories and alarms are read without tags
 * (one call each), and commitments, Spot prices and list reads are not resources anyone owns.
 */
export const OWNED_KINDS = [
  'instances',
  'volumes',
  'snapshots',
  'images',
  'addresses',
  'natGateways',
  'loadBalancers',
  'dbInstances',
  'dbSnapshots',
  'dbClusters',
  'buckets',
  'functions',
  'tables',
  'cacheClusters',
  'redshiftClusters',
  'fileSystems',
  'streams',
  'eksClusters',
  'ecsServices',
  'autoScalingGroups',
  'vpcEndpoints',
  'transitGatewayAttachments',
  'healthChecks',
  'restApis',
  'endpoints',
  'notebooks',
  'searchDomains',
] as const satisfies readonly (keyof ResourceInventory)[];

export type OwnedKind = (typeof OWNED_KINDS)[number];

/** Tags AWS sets on the members of a stack, group or cluster: members that agree on an owner name it for the rest. */
const GROUP_TAGS = ['aws:cloudformation:stack-name', 'aws:autoscaling:groupName', 'eks:cluster-name'] as const;

export interface OwnerCandidate {
  owner: string;
  source: Exclude<OwnerSource, 'tag'>;
  /** Where it came from: `attached to i-0abc`, `stack erp-api`, `from CloudTrail: created by alice@example.com`. */
  from: string;
}

export interface Unowned {
  kind: OwnedKind;
  resource: ResourceBase;
  candidate?: OwnerCandidate;
  /** What it costs to keep a month at list price; absent for kinds or types without one. */
  runCost?: Estimate;
  /** What CloudTrail said of its creator, once looked up (kept in the snapshot: a resource is looked up once). */
  creator?: CreatorLookup;
  /** The resource it belongs to, when that one was read too: it takes that one's candidate and is not looked up. */
  follows?: string;
}

/** CloudTrail's creators so far, by creatorKey, and DURION_TEAM_MAP's creator patterns. */
export interface Creators {
  lookups: Record<string, CreatorLookup>;
  teams: readonly CreatorTeam[];
}

/** The unowned resources of one candidate owner (`undefined`: no candidate), dollars first. */
export interface CandidateGroup {
  owner: string | undefined;
  resources: number;
  monthlyUsd: number;
  /** Resources with no run cost, counted but not in monthlyUsd. */
  unpriced: number;
}

export interface Tagging {
  ownerTags: string[];
  /** Resources of the listed kinds, tagged or not. */
  resources: number;
  /** The unowned, the most expensive first. */
  unowned: Unowned[];
  byCandidate: CandidateGroup[];
  /** Owner and team keys billing does not use: inactive, or never seen on a resource. */
  notActive: AllocationTag[];
}

const ownedResources = (inventory: ResourceInventory) =>
  OWNED_KINDS.flatMap((kind) => (inventory[kind] as ResourceBase[]).map((resource) => ({ kind, resource })));

/**
 * Owner by a group tag's value, where every tagged member of the group names the same owner; and every owner value
 * on a resource, by its lower case (a creator whose name is one is that owner).
 */
function groupOwners(all: { resource: ResourceBase }[], ownerTags: string[]) {
  const owners = new Map<string, string | null>();
  const known = new Map<string, string>();
  for (const { resource } of all) {
    const owner = ownerOf(resource, ownerTags);
    if (!owner) continue;
    known.set(owner.toLowerCase(), owner);
    for (const tag of GROUP_TAGS) {
      const value = resource.tags[tag];
      if (!value) continue;
      const key = `${tag}=${value}`;
      const seen = owners.get(key);
      owners.set(key, seen === undefined || seen === owner ? owner : null);
    }
  }
  return { owners, known };
}

const GROUP_WORDS: Record<(typeof GROUP_TAGS)[number], string> = {
  'aws:cloudformation:stack-name': 'stack',
  'aws:autoscaling:groupName': 'Auto Scaling group',
  'eks:cluster-name': 'EKS cluster',
};

/** What a resource belongs to, when the inventory says: the id, and the kind of that one. */
function parentOf(kind: OwnedKind, r: ResourceBase): { id: string; kind: OwnedKind } | undefined {
  const id =
    kind === 'volumes'
      ? (r as ResourceInventory['volumes'][number]).attachedInstanceIds[0]
      : kind === 'addresses'
        ? (r as ResourceInventory['addresses'][number]).instanceId
        : kind === 'snapshots'
          ? (r as ResourceInventory['snapshots'][number]).volumeId
          : undefined;
  return id ? { id, kind: kind === 'snapshots' ? 'volumes' : 'instances' } : undefined;
}

/**
 * Find the unowned resources of the listed kinds (none when no resources were read), candidates and run costs; with
 * `creators`, CloudTrail's creators mapped to teams are candidates too.
 */
export function findUnowned(
  inventory: ResourceInventory | undefined,
  ownerTags: string[],
  allocationTags: AllocationTag[] = [],
  creators: Creators = { lookups: {}, teams: [] },
): Tagging {
  const all = inventory ? ownedResources(inventory) : [];
  const byId = new Map(all.map((e) => [e.resource.id, e.resource]));
  const { owners: groups, known } = groupOwners(all, ownerTags);
  const candidateOf = (kind: OwnedKind, r: ResourceBase, depth = 0): OwnerCandidate | undefined => {
    const parent = parentOf(kind, r);
    const read = parent && byId.get(parent.id);
    const direct = read && ownerOf(read, ownerTags);
    if (parent && direct) return { owner: direct, source: 'attachment', from: `attached to ${parent.id}` };
    // What it belongs to may be unowned itself and have a candidate: a snapshot's volume attached to an owned instance.
    const via = parent && read && depth < 2 ? candidateOf(parent.kind, read, depth + 1) : undefined;
    if (parent && via) return { ...via, from: `from ${parent.id}, ${via.from}` };
    for (const tag of GROUP_TAGS) {
      const value = r.tags[tag];
      const agreed = value ? groups.get(`${tag}=${value}`) : undefined;
      if (agreed) return { owner: agreed, source: 'group', from: `${GROUP_WORDS[tag]} ${value}` };
    }
    const creator = creators.lookups[creatorKey(r)]?.creator;
    const team = creator && teamOf(creator, creators.teams, known);
    return team
      ? { owner: team, source: 'cloudtrail', from: `from CloudTrail: created by ${creator.name}` }
      : undefined;
  };
  const unowned: Unowned[] = [];
  for (const { kind, resource } of all) {
    if (ownerOf(resource, ownerTags)) continue;
    const candidate = candidateOf(kind, resource);
    const cost = inventory && runCost(kind, resource as never, inventory);
    const creator = creators.lookups[creatorKey(resource)];
    const parent = parentOf(kind, resource)?.id;
    unowned.push({
      kind,
      resource,
      ...(candidate ? { candidate } : {}),
      ...(cost ? { runCost: cost } : {}),
      ...(creator ? { creator } : {}),
      ...(parent && byId.has(parent) ? { follows: parent } : {}),
    });
  }
  unowned.sort((a, b) => (b.runCost?.monthlyUsd ?? 0) - (a.runCost?.monthlyUsd ?? 0));
  return {
    ownerTags,
    resources: all.length,
    unowned,
    byCandidate: candidateGroups(unowned),
    notActive: allocationTags.filter((t) => t.status !== 'Active'),
  };
}

function candidateGroups(unowned: Unowned[]): CandidateGroup[] {
  const groups = new Map<string | undefined, CandidateGroup>();
  for (const u of unowned) {
    const owner = u.candidate?.owner;
    const g = groups.get(owner) ?? { owner, resources: 0, monthlyUsd: 0, unpriced: 0 };
    g.resources += 1;
    if (u.runCost) g.monthlyUsd = Math.round((g.monthlyUsd + u.runCost.monthlyUsd) * 100) / 100;
    else g.unpriced += 1;
    groups.set(owner, g);
  }
  return [...groups.values()].sort((a, b) => b.monthlyUsd - a.monthlyUsd || b.resources - a.resources);
}

/** The unowned resources' run cost a month, summed to the cent. */
export const unownedMonthlyUsd = (t: Tagging): number =>
  Math.round(t.byCandidate.reduce((s, g) => s + g.monthlyUsd * 100, 0)) / 100;

/**
 * The unowned resources to ask CloudTrail about, most expensive first: those with no candidate yet, not looked up
 * before, and not belonging to another resource read (a root volume follows its instance).
 */
export const creatorsWanted = (t: Tagging): Unowned[] =>
  t.unowned.filter((u) => !u.candidate && !u.creator && !u.follows);

/**
 * The one owner of every finding: a tag's (as the rules and AWS's recommendations read it, source `tag`), else the
 * candidate of the unowned resource it is about, with where that came from. The digest, Slack, the CSV files and
 * routing all read the finding's owner.
 */
export function withOwners(drafts: FindingDraft[], t: Tagging): FindingDraft[] {
  const candidates = new Map<string, OwnerCandidate>();
  for (const u of t.unowned) {
    if (!u.candidate) continue;
    candidates.set(creatorKey(u.resource), u.candidate);
    if (u.resource.arn) candidates.set(u.resource.arn, u.candidate);
  }
  return drafts.map((d) => {
    if (d.owner) return { ...d, ownerSource: 'tag' };
    const c =
      (d.resourceArn && candidates.get(d.resourceArn)) ||
      candidates.get(creatorKey({ accountId: d.accountId, region: d.region, id: d.resourceId }));
    return c ? { ...d, owner: c.owner, ownerSource: c.source, ownerFrom: c.from } : d;
  });
}

/** Kinds tagged through EC2 by id; the others through the Resource Groups Tagging API by ARN. */
const EC2_TAGGED: readonly OwnedKind[] = [
  'instances',
  'volumes',
  'snapshots',
  'images',
  'addresses',
  'natGateways',
  'vpcEndpoints',
  'transitGatewayAttachments',
];

/** A word for the shell: as it is when plain, else in single quotes. */
const shellWord = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/**
 * The AWS CLI command that tags a resource with its candidate under the first owner tag key, to run with credentials
 * of the resource's account; undefined without a candidate, or for a kind tagged by ARN when none was read.
 */
export function tagCommand(u: Unowned, ownerTags: readonly string[]): string | undefined {
  const key = ownerTags[0];
  if (!u.candidate || !key) return undefined;
  const { id, arn, region } = u.resource;
  if (EC2_TAGGED.includes(u.kind)) {
    const tag = shellWord(`Key=${key},Value=${u.candidate.owner}`);
    return `aws ec2 create-tags --region ${region} --resources ${shellWord(id)} --tags ${tag}`;
  }
  if (!arn) return undefined;
  const tag = shellWord(`${key}=${u.candidate.owner}`);
  return `aws resourcegroupstaggingapi tag-resources --region ${region} --resource-arn-list ${shellWord(arn)} --tags ${tag}`;
}
