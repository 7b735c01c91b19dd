/**
 * Resources without an owner: each resource that carries none of the owner tags (DURION_OWNER_TAGS), with who
 * probably owns it and what it costs to keep (src/pricing/run-cost.ts), grouped by that candidate and ranked by
 * dollars; and the team and owner tag keys billing does not break spend down by yet.
 *
 * Owner candidates, most certain first: the resource it belongs to (a volume's instance, an address's instance, a
 * snapshot's volume), then the owner that every tagged member of the same CloudFormation stack, Auto Scaling group
 * or EKS cluster agrees on. A candidate is a lead to confirm, not an owner: it is said where it came from.
 */
import type { AllocationTag } from '../collect/allocation-tags';
import type { ResourceBase, ResourceInventory } from '../domain/resources';
import type { Estimate } from '../pricing';
import { runCost } from '../pricing/run-cost';
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
  /** Where it came from: `attached to i-0abc`, `stack erp-api`. */
  from: string;
}

export interface Unowned {
  kind: OwnedKind;
  resource: ResourceBase;
  candidate?: OwnerCandidate;
  /** What it costs to keep a month at list price; absent for kinds or types without one. */
  runCost?: Estimate;
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

/** Owner by a group tag's value, where every tagged member of the group names the same owner. */
function groupOwners(all: { resource: ResourceBase }[], ownerTags: string[]): Map<string, string | null> {
  const owners = new Map<string, string | null>();
  for (const { resource } of all) {
    const owner = ownerOf(resource, ownerTags);
    if (!owner) continue;
    for (const tag of GROUP_TAGS) {
      const value = resource.tags[tag];
      if (!value) continue;
      const key = `${tag}=${value}`;
      const seen = owners.get(key);
      owners.set(key, seen === undefined || seen === owner ? owner : null);
    }
  }
  return owners;
}

const GROUP_WORDS: Record<(typeof GROUP_TAGS)[number], string> = {
  'aws:cloudformation:stack-name': 'stack',
  'aws:autoscaling:groupName': 'Auto Scaling group',
  'eks:cluster-name': 'EKS cluster',
};

/** The id of what a resource belongs to, when the inventory says. */
function parentId(kind: OwnedKind, r: ResourceBase): string | undefined {
  if (kind === 'volumes') return (r as ResourceInventory['volumes'][number]).attachedInstanceIds[0];
  if (kind === 'addresses') return (r as ResourceInventory['addresses'][number]).instanceId;
  if (kind === 'snapshots') return (r as ResourceInventory['snapshots'][number]).volumeId;
  return undefined;
}

/** Find the unowned resources of the listed kinds (none when no resources were read), candidates and run costs. */
export function findUnowned(
  inventory: ResourceInventory | undefined,
  ownerTags: string[],
  allocationTags: AllocationTag[] = [],
): Tagging {
  const all = inventory ? ownedResources(inventory) : [];
  const byId = new Map(all.map((e) => [e.resource.id, e.resource]));
  const groups = groupOwners(all, ownerTags);
  const candidateOf = (kind: OwnedKind, r: ResourceBase, depth = 0): OwnerCandidate | undefined => {
    const parent = parentId(kind, r);
    const owner = parent ? byId.get(parent) : undefined;
    const direct = owner && ownerOf(owner, ownerTags);
    if (parent && direct) return { owner: direct, from: `attached to ${parent}` };
    // A snapshot's volume may itself be unowned but attached to an owned instance.
    if (parent && owner && depth === 0 && kind === 'snapshots') {
      const via = candidateOf('volumes', owner, 1);
      if (via) return { owner: via.owner, from: `from ${parent}, ${via.from}` };
    }
    for (const tag of GROUP_TAGS) {
      const value = r.tags[tag];
      const agreed = value ? groups.get(`${tag}=${value}`) : undefined;
      if (agreed) return { owner: agreed, from: `${GROUP_WORDS[tag]} ${value}` };
    }
    return undefined;
  };
  const unowned: Unowned[] = [];
  for (const { kind, resource } of all) {
    if (ownerOf(resource, ownerTags)) continue;
    const candidate = candidateOf(kind, resource);
    const cost = inventory && runCost(kind, resource as never, inventory);
    unowned.push({ kind, resource, ...(candidate ? { candidate } : {}), ...(cost ? { runCost: cost } : {}) });
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
