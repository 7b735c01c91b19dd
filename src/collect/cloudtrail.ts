/**
 * Who created a resource, from CloudTrail's event history: LookupEvents reads the last 90 days of an account and
 * region's management events, free, one lookup attribute a call, 2 calls a second per account and region.
 *
 * A resource is looked up by its name (the ResourceName attribute: its id, an ALB/NLB's ARN) over the hours around its
 * creation where its API says when that was (else the whole 90 days), and the first of its kind's create events among
 * the answer is kept. Where the creation time is known but no create event names the resource, the kind's main create
 * event (EventName) in those hours is read and the record that holds the id kept. A resource created before the 90
 * days is not looked up at all. The calls are bounded by a budget for the run; an account and region that throttles
 * or refuses is not asked again in the run, with a note; what was not looked up is returned, for the next run.
 */
import {
  CloudTrailClient,
  type Event,
  LookupEventsCommand,
  type LookupEventsRequest,
} from '@aws-sdk/client-cloudtrail';
import type { Aws } from '../aws';
import { type Creator, type CreatorLookup, creatorKey } from '../domain/creator';
import { addDays } from '../domain/dates';
import type { Note } from '../domain/note';
import type { ResourceBase, ResourceInventory } from '../domain/resources';
import { guard } from './guard';

/** The IAM action this collector sends, in the running account and through the member role. */
export const CLOUDTRAIL_IAM_ACTIONS = ['cloudtrail:LookupEvents'] as const;

const SOURCE = 'cloudtrail:LookupEvents';

/**
 * The events that create a resource of each kind, as CloudTrail names them, the main one first (Lambda's carry an
 * API version, CreateFunction20150331, which is dropped before comparing).
 */
export const CREATE_EVENTS: Partial<Record<keyof ResourceInventory, readonly string[]>> = {
  instances: ['RunInstances'],
  volumes: ['CreateVolume'],
  snapshots: ['CreateSnapshot', 'CreateSnapshots', 'CopySnapshot'],
  images: ['CreateImage', 'RegisterImage', 'CopyImage'],
  addresses: ['AllocateAddress'],
  natGateways: ['CreateNatGateway'],
  loadBalancers: ['CreateLoadBalancer'],
  dbInstances: [
    'CreateDBInstance',
    'CreateDBInstanceReadReplica',
    'RestoreDBInstanceFromDBSnapshot',
    'RestoreDBInstanceToPointInTime',
  ],
  dbSnapshots: ['CreateDBSnapshot', 'CopyDBSnapshot'],
  dbClusters: ['CreateDBCluster', 'RestoreDBClusterFromSnapshot', 'RestoreDBClusterToPointInTime'],
  buckets: ['CreateBucket'],
  functions: ['CreateFunction'],
  tables: ['CreateTable'],
  cacheClusters: ['CreateCacheCluster', 'CreateReplicationGroup'],
  redshiftClusters: ['CreateCluster', 'RestoreFromClusterSnapshot'],
  fileSystems: ['CreateFileSystem'],
  streams: ['CreateStream'],
  eksClusters: ['CreateCluster'],
  ecsServices: ['CreateService'],
  autoScalingGroups: ['CreateAutoScalingGroup'],
  vpcEndpoints: ['CreateVpcEndpoint'],
  transitGatewayAttachments: ['CreateTransitGatewayVpcAttachment', 'CreateTransitGatewayPeeringAttachment'],
  healthChecks: ['CreateHealthCheck'],
  restApis: ['CreateRestApi', 'ImportRestApi'],
};

/** CloudTrail keeps 90 days; a day less, so a lookup never starts before what it holds. */
const HISTORY_DAYS = 89;
/** The hours either side of a known creation time that a lookup reads. */
const AROUND_MS = 3_600_000;
/** Pages (50 events each) one lookup reads at most before it gives up on reaching the create event. */
const MAX_PAGES = 4;
const PAGE_SIZE = 50;

/** One resource to look up. */
export interface CreatorTarget {
  key: string;
  accountId: string;
  region: string;
  id: string;
  /** What CloudTrail names it by in an event's resources. */
  name: string;
  events: readonly string[];
  /** When it was created, where its API says (ISO-8601). */
  created?: string;
  /** Created at or before this (an instance's launch time, which moves with every start). */
  notAfter?: string;
}

/** The creation-time fields the inventory keeps, by the names the kinds' APIs give them. */
const CREATED_FIELDS = ['createTime', 'startTime', 'creationDate', 'createdTime', 'creationTime'] as const;

/** The lookup of one resource of a kind, or undefined for kinds CloudTrail is not asked about. */
export function creatorTarget(kind: keyof ResourceInventory, r: ResourceBase): CreatorTarget | undefined {
  const events = CREATE_EVENTS[kind];
  if (!events) return undefined;
  const fields = r as unknown as Record<string, unknown>;
  const created = CREATED_FIELDS.map((f) => fields[f]).find((v): v is string => typeof v === 'string');
  const launched = kind === 'instances' ? fields.launchTime : undefined;
  // An ALB's or NLB's id is `app/name/hash`; CloudTrail names it by its ARN. A classic one goes by its name.
  const byArn = kind === 'loadBalancers' && r.id.includes('/') && r.arn;
  return {
    key: creatorKey(r),
    accountId: r.accountId,
    // Route 53's health checks are read, and their events recorded, in us-east-1.
    region: r.region,
    id: r.id,
    name: byArn || r.id,
    events,
    ...(created ? { created } : {}),
    ...(typeof launched === 'string' ? { notAfter: launched } : {}),
  };
}

interface UserIdentity {
  type?: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  userName?: string;
  invokedBy?: string;
  sessionContext?: { sessionIssuer?: { arn?: string; userName?: string } };
}

const parsed = (json: string | undefined): { userIdentity?: UserIdentity } => {
  try {
    return json ? (JSON.parse(json) as { userIdentity?: UserIdentity }) : {};
  } catch {
    return {};
  }
};

/** The identity of an event in words and names. An IAM Identity Center role reads `AWSReservedSSO_<set>_<hex>`. */
export function creatorOf(e: Event): Creator {
  const id = parsed(e.CloudTrailEvent).userIdentity ?? {};
  const issuer = id.sessionContext?.sessionIssuer;
  const assumed = id.arn?.match(/:assumed-role\/([^/]+)\/(.+)$/);
  const role = assumed?.[1] ?? issuer?.userName;
  const session = assumed?.[2];
  const user = id.type === 'IAMUser' ? (id.userName ?? id.arn?.split('/').pop()) : undefined;
  const sso = role?.match(/^AWSReservedSSO_(.+)_[0-9a-f]{16}$/)?.[1];
  const who =
    id.type === 'Root'
      ? `root of ${id.accountId ?? 'the account'}`
      : session
        ? sso
          ? `${session} (SSO ${sso})`
          : `role ${role} (session ${session})`
        : user
          ? `IAM user ${user}`
          : (id.invokedBy ?? e.Username ?? id.principalId ?? 'an unnamed identity');
  const via = id.invokedBy && id.type !== 'AWSService' ? ` via ${id.invokedBy}` : '';
  const names = [id.arn, id.principalId, user, role, session, issuer?.arn, e.Username, id.invokedBy];
  const person = user ?? session;
  return {
    name: `${who}${via}`,
    names: [...new Set(names.filter((n): n is string => Boolean(n)))],
    ...(person ? { person } : {}),
    event: e.EventName ?? '',
    at: e.EventTime?.toISOString() ?? '',
  };
}

/** An event's name without an API version suffix (Lambda's CreateFunction20150331). */
const baseName = (name: string | undefined) => (name ?? '').replace(/\d{8}(v\d+)?$/, '');

/** How a run looks up: its day, budget, pace, and how it reaches each account. */
export interface LookupRun {
  asOf: string;
  /** LookupEvents calls the run may make. */
  budget: number;
  /** Milliseconds between two calls in one account and region (CloudTrail allows 2 a second); 0 where replayed. */
  gapMs: number;
  /** An account's clients: its own, or a member's through its role; undefined (with a note) when refused. */
  awsOf: (accountId: string) => Promise<Aws | undefined>;
  notes: Note[];
}

export interface LookupResult {
  /** The resources looked up, by key: the creator found, or why none. */
  found: Record<string, CreatorLookup>;
  /** Not looked up this run: the budget was spent, or their account and region throttled or refused. */
  left: CreatorTarget[];
  calls: number;
}

type Send = (input: LookupEventsRequest) => Promise<Event[] & { next?: string }>;

/** The first event of a lookup's pages that `isCreate` accepts; 'spent' when the budget ran out first. */
async function firstCreate(
  send: Send,
  allow: () => boolean,
  input: LookupEventsRequest,
  isCreate: (e: Event) => boolean,
): Promise<Event | 'spent' | 'not reached' | undefined> {
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    if (!allow()) return 'spent';
    const events = await send({ ...input, MaxResults: PAGE_SIZE, ...(token ? { NextToken: token } : {}) });
    const hit = events.find(isCreate);
    if (hit) return hit;
    token = events.next;
    if (!token) return undefined;
  }
  return 'not reached';
}

const iso = (ms: number) => new Date(ms);

/** One resource: by name, then by its main create event around a known creation time. */
async function lookUp(t: CreatorTarget, send: Send, allow: () => boolean, asOf: string) {
  const horizon = Date.parse(`${addDays(asOf, -HISTORY_DAYS)}T00:00:00Z`);
  const created = t.created ? Date.parse(t.created) : undefined;
  const end = created ?? (t.notAfter ? Date.parse(t.notAfter) : undefined);
  const window = {
    StartTime: iso(Math.max(horizon, created !== undefined ? created - AROUND_MS : horizon)),
    ...(end !== undefined ? { EndTime: iso(end + AROUND_MS) } : {}),
  };
  const wanted = new Set(t.events);
  const named = await firstCreate(
    send,
    allow,
    { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: t.name }], ...window },
    (e) => wanted.has(baseName(e.EventName)),
  );
  const byEvent =
    named === undefined && created !== undefined
      ? await firstCreate(
          send,
          allow,
          { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: t.events[0] }], ...window },
          (e) => Boolean(e.CloudTrailEvent?.includes(`"${t.id}"`)),
        )
      : named;
  if (byEvent === 'spent') return 'spent';
  if (byEvent === 'not reached')
    return { missing: `its create event is not among the ${MAX_PAGES * PAGE_SIZE} latest events that name it` };
  return byEvent ? { creator: creatorOf(byEvent) } : { missing: "no create event in CloudTrail's 90 days names it" };
}

/** Why a target is not looked up at all: created before the history CloudTrail keeps. */
function beforeHistory(t: CreatorTarget, asOf: string): string | undefined {
  const horizon = `${addDays(asOf, -HISTORY_DAYS)}T00:00:00Z`;
  const created = t.created ?? t.notAfter;
  if (!created || Date.parse(created) >= Date.parse(horizon)) return undefined;
  return `${t.created ? 'created' : 'launched'} ${created.slice(0, 10)}, before CloudTrail's 90 days of event history`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Look the targets up in order (the caller puts the most expensive first) until the budget is spent. A throttled or
 * denied call is a note, and its account and region is not asked again this run; what was found stands.
 */
export async function lookupCreators(targets: CreatorTarget[], run: LookupRun): Promise<LookupResult> {
  const found: Record<string, CreatorLookup> = {};
  const left: CreatorTarget[] = [];
  const stopped = new Set<string>();
  const lastCall = new Map<string, number>();
  let calls = 0;
  const allow = () => calls < run.budget;
  for (const t of targets) {
    const before = beforeHistory(t, run.asOf);
    if (before) {
      found[t.key] = { asOf: run.asOf, missing: before };
      continue;
    }
    const where = `${t.accountId}|${t.region}`;
    const aws = stopped.has(where) || !allow() ? undefined : await run.awsOf(t.accountId);
    if (!aws) {
      stopped.add(where);
      left.push(t);
      continue;
    }
    const client = aws.client(CloudTrailClient, t.region);
    const send: Send = async (input) => {
      const wait = (lastCall.get(where) ?? 0) + run.gapMs - Date.now();
      if (wait > 0) await sleep(wait);
      calls++;
      lastCall.set(where, Date.now());
      const out = await client.send(new LookupEventsCommand(input));
      return Object.assign([...(out.Events ?? [])], { next: out.NextToken || undefined });
    };
    const scope = { source: SOURCE, accountId: t.accountId, region: t.region };
    const result = await guard(run.notes, scope, () => lookUp(t, send, allow, run.asOf));
    if (result === undefined || result === 'spent') {
      if (result === undefined) stopped.add(where);
      left.push(t);
    } else found[t.key] = { asOf: run.asOf, ...result };
  }
  return { found, left, calls };
}
