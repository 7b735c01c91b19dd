/**
 * Schedules from Slack (and `durion-cost slash`): what `schedule`, `schedules` and `unschedule` do, and what the
 * Schedule form's submission does, apart from Slack plumbing. Only admins may schedule; production-tagged resources
 * are refused unless forced with a reason, which the ledger keeps; every check runs before anything is made, and a
 * request is made whole or not at all (every pair it created is deleted again when one fails). The finding a schedule
 * answers moves to "scheduled" and claims the hours the schedule stops at the resource's price.
 */
import { todayUtc } from '../domain/dates';
import { UsageError } from '../domain/errors';
import { accountLabel, type Finding } from '../domain/finding';
import { roundCents, usd } from '../domain/money';
import {
  cronOf,
  type OnHours,
  offHoursPerMonth,
  offHoursPerWeek,
  onHoursText,
  parseOnHours,
  type SchedulableResource,
  type ScheduleRecord,
  scheduleId,
  scheduleNames,
} from '../domain/schedule';
import type { Snapshot, Store } from '../ledger/types';
import { offersSchedule } from '../notify/buttons';
import { type Answer, answer, escapeText, mention } from './blocks';
import type { Caller } from './command';
import { NO_SNAPSHOT } from './command';
import { isFindingId, MAX_REASON } from './findings';
import { createPair, deletePair, existingNames, reach, type SchedulingContext } from './scheduler';

/** Resources one request may schedule: their pairs are made in parallel within Slack's 3 seconds. */
export const MAX_TARGETS = 10;

/** What a schedule request asks: which resources, their on-hours, whether production is forced, and why. */
export interface ScheduleRequest {
  target: string;
  onHours: OnHours;
  force: boolean;
  reason?: string;
}

/** What a schedule command is given: the store, who asks, the clock, AWS (absent when scheduling is off). */
export interface ScheduleDeps {
  store: Store;
  caller: Caller;
  now: Date;
  scheduling?: SchedulingContext;
  snapshot(): Promise<Snapshot | undefined>;
}

/** `TARGET DAYS HH:MM-HH:MM ZONE [force] [reason…]` as a request; a UsageError saying what is missing otherwise. */
export function parseScheduleArgs(args: string[]): ScheduleRequest {
  const [target, days, window, zone, ...rest] = args;
  if (!target || !days || !window || !zone) {
    throw new UsageError('schedule needs a target, days, a window and a time zone');
  }
  const force = rest[0]?.toLowerCase() === 'force';
  const reason = (force ? rest.slice(1) : rest).join(' ') || undefined;
  return { target, onHours: parseOnHours(days, window, zone), force, ...(reason ? { reason } : {}) };
}

const nothing = (title: string, lines: string[]): Answer => answer(title, lines);
const refused = (lines: string[]) => nothing('Nothing scheduled', lines);

export const SCHEDULING_OFF =
  'Scheduling is off in this install: it is read-only. Deploy with --param="scheduling=on" (README, "Schedules").';

/** Why this caller may not schedule at all, or undefined. */
function callerRefusal(deps: ScheduleDeps, request?: Pick<ScheduleRequest, 'force' | 'reason'>): string | undefined {
  if (!deps.caller.canChange) {
    return 'Only admins may schedule resources (SLACK_ADMIN_USERS or a group in SLACK_ADMIN_GROUPS).';
  }
  if (!deps.scheduling) return SCHEDULING_OFF;
  if ((request?.reason?.length ?? 0) > MAX_REASON) return `A reason is at most ${MAX_REASON} characters.`;
  if (request?.force && !request.reason) {
    return '`force` needs a reason after it: why may a production resource stop? It is kept in the ledger.';
  }
  return undefined;
}

const where = (r: Pick<SchedulableResource, 'accountId' | 'region'>, snap: Snapshot) =>
  `${accountLabel({ accountId: r.accountId, accountName: snap.spend.accountNames[r.accountId] })}, ${r.region}`;

const label = (r: Pick<SchedulableResource, 'id' | 'name' | 'kind'>) =>
  `\`${escapeText(r.id)}\`${r.name ? ` (${escapeText(r.name)})` : ''} [${r.kind}]`;

/** The resources a target names: a finding id, `tag:KEY=VALUE`, or a resource id, name or ARN. */
async function resolve(
  deps: ScheduleDeps,
  target: string,
  snap: Snapshot,
  resources: SchedulableResource[],
): Promise<{ found: SchedulableResource[]; finding?: Finding } | { refusal: string }> {
  const run = `the run of ${snap.asOf}`;
  const tag = /^tag:([^=]+)=(.+)$/.exec(target);
  if (tag) {
    const [, key = '', value = ''] = tag;
    const found = resources.filter((r) => r.tags[key]?.toLowerCase() === value.toLowerCase());
    if (found.length) return { found };
    return {
      refusal: `No resource a schedule can act on has the tag ${escapeText(key)}=${escapeText(value)} in ${run}.`,
    };
  }
  const finding = isFindingId(target) ? await deps.store.getFinding(target) : undefined;
  if (finding) {
    const at = (r: SchedulableResource) =>
      r.accountId === finding.accountId && r.region === finding.region && r.id === finding.resourceId;
    const found = resources.filter(at);
    if (found.length) return { found, finding };
    return {
      refusal: `Finding \`${finding.id}\` is about \`${escapeText(finding.resourceId)}\`, which ${run} did not read as a resource a schedule can stop (EC2 instances, RDS instances, Aurora clusters, Auto Scaling groups, ECS services on Fargate).`,
    };
  }
  const found = resources.filter((r) => r.id === target || r.name === target || r.arn === target);
  if (found.length === 1) return { found };
  if (found.length > 1) {
    const lines = found.map((r) => `${label(r)} in ${where(r, snap)}`).join('; ');
    return {
      refusal: `\`${escapeText(target)}\` names ${found.length} resources (${lines}): schedule one by its finding id or a tag.`,
    };
  }
  return {
    refusal: `No resource \`${escapeText(target)}\` in ${run}: it does not exist, or it is not one a schedule can stop. \`unused\` and \`savings\` list findings with their ids.`,
  };
}

/** Why one resource may not get a schedule (production unless forced, another region, an overlap), or undefined. */
function resourceRefusal(
  r: SchedulableResource,
  request: ScheduleRequest,
  ctx: SchedulingContext,
  stored: Map<string, ScheduleRecord>,
): string | undefined {
  const env = r.tags[ctx.environmentTag]?.trim().toLowerCase();
  if (env && ctx.productionValues.includes(env) && !request.force) {
    return `${label(r)} is tagged ${ctx.environmentTag}=${escapeText(env)}: production is not scheduled unless you add \`force\` and a reason.`;
  }
  if (r.region !== ctx.homeRegion) {
    return `${label(r)} is in ${r.region}: schedules are made in ${ctx.homeRegion}, where each account's schedule role has its dead-letter queue.`;
  }
  const active = stored.get(scheduleId(r));
  if (active?.state === 'active') {
    return `${label(r)} already has a schedule (\`${active.id}\`, on ${onHoursText(active.onHours)}): \`unschedule ${active.id}\` first.`;
  }
  if (r.scheduledElsewhere) {
    return `${label(r)} has scheduled actions of its own that scale it: a second schedule would overlap them.`;
  }
  return undefined;
}

/** What a schedule saves a month at list price, and how. */
function pricing(r: SchedulableResource, h: OnHours): Pick<ScheduleRecord, 'monthlyUsd' | 'basis'> {
  const off = `${offHoursPerWeek(h)} h a week off = ${offHoursPerMonth(h).toFixed(1)} h a month (730/168)`;
  if (r.hourlyUsd === undefined) return { basis: `${off}; no list price for this resource, so no dollar estimate` };
  return {
    monthlyUsd: roundCents(offHoursPerMonth(h) * r.hourlyUsd),
    basis: `${off} × $${r.hourlyUsd.toFixed(4)} an hour (${r.priceBasis ?? 'list price'}, ÷ 730 h)`,
  };
}

/** The finding a schedule of this resource answers: the one asked for, else an open one a schedule rule raised. */
const findingFor = (r: SchedulableResource, asked: Finding | undefined, all: Finding[]): Finding | undefined =>
  asked ??
  all.find(
    (f) =>
      f.accountId === r.accountId &&
      f.region === r.region &&
      f.resourceId === r.id &&
      f.state !== 'resolved' &&
      offersSchedule(f),
  );

interface Planned {
  resource: SchedulableResource;
  record: ScheduleRecord;
  /** The stored history length the record is written over (the optimistic lock). */
  previous: number;
  finding?: Finding;
}

/** The records a request would write, one per resource. */
function plan(
  deps: ScheduleDeps,
  request: ScheduleRequest,
  found: SchedulableResource[],
  findings: { asked?: Finding; all: Finding[] },
  stored: Map<string, ScheduleRecord>,
): Planned[] {
  const at = deps.now.toISOString();
  return found.map((resource) => {
    const id = scheduleId(resource);
    const before = stored.get(id);
    const finding = findingFor(resource, findings.asked, findings.all);
    const { kind, accountId, region, arn, name } = resource;
    const record: ScheduleRecord = {
      id,
      state: 'active',
      resource: { kind, accountId, region, id: resource.id, ...(arn ? { arn } : {}), ...(name ? { name } : {}) },
      onHours: request.onHours,
      ...(finding ? { findingId: finding.id } : {}),
      ...pricing(resource, request.onHours),
      since: todayUtc(deps.now),
      history: [
        ...(before?.history ?? []),
        {
          action: 'created',
          at,
          by: deps.caller.userId,
          ...(request.reason ? { reason: request.reason } : {}),
          ...(request.force ? { forced: true } : {}),
        },
      ],
    };
    return { resource, record, previous: before?.history.length ?? 0, ...(finding ? { finding } : {}) };
  });
}

type Reached = Map<string, Awaited<ReturnType<typeof reach>>>;

/** Every account reached once, and whether a pair of ours is in AWS already: refusals for what cannot go ahead. */
async function awsChecks(
  ctx: SchedulingContext,
  planned: Planned[],
  snap: Snapshot,
): Promise<{ reached: Reached; refusals: string[] }> {
  const accounts = [...new Set(planned.map((p) => p.resource.accountId))];
  const reached: Reached = new Map(await Promise.all(accounts.map(async (a) => [a, await reach(ctx, a)] as const)));
  const refusals: string[] = [];
  for (const [account, r] of reached) {
    if ('refused' in r) refusals.push(`Account ${account} cannot be reached: ${escapeText(r.refused)}`);
  }
  const listed = await Promise.all(
    planned.map(async (p) => {
      const r = reached.get(p.resource.accountId);
      if (!r || 'refused' in r) return undefined;
      try {
        const names = await existingNames(r.client, p.record.id);
        return names.length
          ? `${label(p.resource)} in ${where(p.resource, snap)} has schedules in AWS already (${names.join(', ')}), made outside this ledger or left over: delete them or \`unschedule ${p.record.id}\`.`
          : undefined;
      } catch (err) {
        return `Schedules in account ${p.resource.accountId} cannot be read (scheduler:ListSchedules): ${escapeText((err as Error).message)}. Is scheduling deployed there (deploy/member-role.yml Scheduling=on)?`;
      }
    }),
  );
  refusals.push(...listed.filter((l): l is string => l !== undefined));
  return { reached, refusals };
}

const clientOf = (reached: Reached, p: Planned) => {
  const r = reached.get(p.resource.accountId);
  if (!r || 'refused' in r) throw new Error(`account ${p.resource.accountId} was not reached`);
  return r.client;
};

/** Delete what a request made, for a request that cannot complete; what could not be deleted is said. */
async function rollBack(reached: Reached, made: Planned[]): Promise<string[]> {
  const undone = await Promise.all(made.map((p) => deletePair(clientOf(reached, p), p.record.id)));
  return undone.flatMap((u) =>
    u.ok
      ? []
      : [
          `Could not delete ${u.leftBehind.join(', ')} again (${escapeText(u.error)}): delete it by hand with \`aws scheduler delete-schedule --name NAME\`.`,
        ],
  );
}

/** Make every pair, all or none. Returns the refusal lines when one failed (after deleting what was made). */
async function createAll(
  ctx: SchedulingContext,
  reached: Reached,
  planned: Planned[],
  by: string,
): Promise<string[] | undefined> {
  const results = await Promise.all(
    planned.map((p) => createPair(ctx, clientOf(reached, p), p.record, p.resource, by)),
  );
  const failed = results.flatMap((r, i) => (r.ok ? [] : [{ r, p: planned[i] as Planned }]));
  if (failed.length === 0) return undefined;
  const made = planned.filter((_, i) => results[i]?.ok);
  const lines = failed.map(
    ({ r, p }) =>
      `${label(p.resource)}: Scheduler refused ${escapeText(r.ok ? '' : r.error)}${r.ok || r.leftBehind.length === 0 ? '' : `; left behind: ${r.leftBehind.join(', ')}`}.`,
  );
  return [
    ...lines,
    ...(await rollBack(reached, made)),
    made.length
      ? `The ${made.length} other pair(s) this request made were deleted again: nothing is half made.`
      : 'Nothing was made.',
  ];
}

/**
 * The ledger's part: each record, then each finding moved to scheduled with its claim. A record someone else changed
 * meanwhile undoes the whole request, in AWS and in the ledger; the refusal lines are returned.
 */
async function record(
  deps: ScheduleDeps,
  reached: Reached,
  planned: Planned[],
  reason?: string,
): Promise<{ refusals: string[] } | { notes: string[] }> {
  const written: Planned[] = [];
  for (const p of planned) {
    if (!(await deps.store.putSchedule(p.record, p.previous))) {
      const undone = await rollBack(reached, planned);
      const why = 'undone: another change to these schedules won';
      for (const w of written) await deps.store.putSchedule(withDeleted(w.record, deps, why), w.record.history.length);
      const line = `The schedules of ${label(p.resource)} were changed by someone else meanwhile; nothing was kept. Look at \`schedules\` and retry.`;
      return { refusals: [line, ...undone] };
    }
    written.push(p);
  }
  return { notes: await moveFindings(deps, planned, reason) };
}

/** Each planned finding moved to scheduled, claiming the schedule's saving; what could not be moved is said. */
async function moveFindings(deps: ScheduleDeps, planned: Planned[], reason?: string): Promise<string[]> {
  const notes: string[] = [];
  for (const p of planned) {
    if (!p.finding) continue;
    const { monthlyUsd, since, id, basis } = p.record;
    const claim =
      monthlyUsd === undefined
        ? undefined
        : { resolvedOn: since, lastSeen: since, claimedUsd: monthlyUsd, schedule: { id, basis } };
    const why = `schedule ${id}: on ${onHoursText(p.record.onHours)}${reason ? ` — ${reason}` : ''}`;
    const moved = await deps.store
      .setState(
        p.finding.id,
        { state: 'scheduled', by: deps.caller.userId, reason: why.slice(0, MAX_REASON), ...(claim ? { claim } : {}) },
        deps.now,
      )
      .catch(() => undefined);
    if (!moved)
      notes.push(
        `Finding \`${p.finding.id}\` could not be moved to scheduled (it changed meanwhile); the schedule stands.`,
      );
  }
  return notes;
}

/** A record marked deleted, with who, when and why. */
const withDeleted = (
  r: ScheduleRecord,
  deps: Pick<ScheduleDeps, 'caller' | 'now'>,
  reason?: string,
): ScheduleRecord => ({
  ...r,
  state: 'deleted',
  history: [
    ...r.history,
    { action: 'deleted', at: deps.now.toISOString(), by: deps.caller.userId, ...(reason ? { reason } : {}) },
  ],
});

/** The lines saying what one pair does. */
function madeLines(p: Planned, snap: Snapshot): string[] {
  const { record: r } = p;
  const names = scheduleNames(r.id);
  const cron = cronOf(r.onHours);
  const money =
    r.monthlyUsd === undefined ? 'no dollar estimate' : `saves about *${usd(r.monthlyUsd)}/mo* at list price`;
  const forced = r.history[r.history.length - 1]?.forced
    ? ' *Forced on a production resource*: recorded in the ledger.'
    : '';
  return [
    `${label(p.resource)} in ${where(p.resource, snap)}: on ${onHoursText(r.onHours)}, off the rest of the week — ${money} (${escapeText(r.basis)}).${forced}`,
    `• \`${names.stop}\` \`${cron.stop}\` and \`${names.start}\` \`${cron.start}\`, in ${r.onHours.timeZone}; schedule id \`${r.id}\`.`,
    ...(p.finding
      ? [
          `• Finding \`${p.finding.id}\` is now scheduled${r.monthlyUsd === undefined ? '' : `: it claims ${usd(r.monthlyUsd)}/mo, checked against the bill once the settling days have passed`}.`,
        ]
      : []),
  ];
}

/** `schedule`: check everything, make every pair or none, then record them and move their findings to scheduled. */
export async function scheduleResources(deps: ScheduleDeps, request: ScheduleRequest): Promise<Answer> {
  const cannot = callerRefusal(deps, request);
  if (cannot) return refused([cannot]);
  const ctx = deps.scheduling as SchedulingContext;
  const snap = await deps.snapshot();
  if (!snap) return refused([NO_SNAPSHOT]);
  const resources = snap.extra.schedulable;
  if (!resources)
    return refused([
      `The run of ${snap.asOf} kept no list of resources to schedule (it predates schedules): wait for the next daily run.`,
    ]);
  const resolved = await resolve(deps, request.target, snap, resources);
  if ('refusal' in resolved) return refused([resolved.refusal]);
  if (resolved.found.length > MAX_TARGETS) {
    return refused([
      `\`${escapeText(request.target)}\` matches ${resolved.found.length} resources; a request schedules at most ${MAX_TARGETS}. Narrow the tag or schedule them in parts.`,
    ]);
  }
  const stored = new Map((await deps.store.listSchedules()).map((r) => [r.id, r]));
  const local = resolved.found
    .map((r) => resourceRefusal(r, request, ctx, stored))
    .filter((l): l is string => l !== undefined);
  if (local.length) return refused(local);
  const all = resolved.finding ? [] : await deps.store.listFindings();
  const planned = plan(
    deps,
    request,
    resolved.found,
    { ...(resolved.finding ? { asked: resolved.finding } : {}), all },
    stored,
  );
  const { reached, refusals } = await awsChecks(ctx, planned, snap);
  if (refusals.length) return refused(refusals);
  const failed = await createAll(ctx, reached, planned, deps.caller.userId);
  if (failed) return refused(failed);
  const kept = await record(deps, reached, planned, request.reason);
  if ('refusals' in kept) return refused(kept.refusals);
  return answer(
    `Scheduled ${planned.length} resource(s)`,
    [...planned.flatMap((p) => madeLines(p, snap)), ...kept.notes],
    `By ${mention(deps.caller.userId)}${request.reason ? ` — “${escapeText(request.reason)}”` : ''}. \`schedules\` lists them; \`unschedule ID\` removes a pair.`,
  );
}

/** The active record an id names: a schedule id, the finding it answers, or its resource's id or name. */
function recordFor(records: ScheduleRecord[], id: string): ScheduleRecord | undefined {
  const active = records.filter((r) => r.state === 'active');
  return (
    active.find((r) => r.id === id) ??
    active.find((r) => r.findingId === id) ??
    active.find((r) => r.resource.id === id || r.resource.name === id)
  );
}

/**
 * `unschedule ID [reason]`: delete the pair in AWS (the stop first), then mark the record deleted and reopen its
 * finding, whose claim ends with the schedule. A stop that cannot be deleted changes nothing.
 */
export async function unscheduleResource(deps: ScheduleDeps, id: string, reason?: string): Promise<Answer> {
  const cannot = callerRefusal(deps, { force: false, ...(reason ? { reason } : {}) });
  if (cannot) return nothing('Nothing unscheduled', [cannot]);
  const ctx = deps.scheduling as SchedulingContext;
  const records = await deps.store.listSchedules();
  const r = recordFor(records, id);
  if (!r) {
    return nothing('Nothing unscheduled', [
      `No active schedule is \`${escapeText(id)}\` (a schedule id, its finding id or its resource). \`schedules\` lists them.`,
    ]);
  }
  const reached = await reach(ctx, r.resource.accountId);
  if ('refused' in reached) {
    return nothing('Nothing unscheduled', [
      `Account ${r.resource.accountId} cannot be reached: ${escapeText(reached.refused)}`,
    ]);
  }
  const deleted = await deletePair(reached.client, r.id);
  if (!deleted.ok && deleted.leftBehind.includes(scheduleNames(r.id).stop)) {
    return nothing('Nothing unscheduled', [
      `Scheduler did not delete the stop schedule: ${escapeText(deleted.error)}. Nothing changed.`,
    ]);
  }
  const lines = [`Removed the schedules of ${label(r.resource)} (\`${r.id}\`, on ${onHoursText(r.onHours)}).`];
  if (!deleted.ok) {
    lines.push(
      `The start schedule is left (${escapeText(deleted.error)}); it only starts what runs. Delete it with \`aws scheduler delete-schedule --name ${deleted.leftBehind[0]}\`.`,
    );
  }
  if (!(await deps.store.putSchedule(withDeleted(r, deps, reason), r.history.length))) {
    lines.push('The ledger changed meanwhile: look at `schedules`.');
  } else if (r.findingId) {
    const why = `unscheduled ${r.id}${reason ? ` — ${reason}` : ''}`.slice(0, MAX_REASON);
    const reopened = await deps.store
      .setState(r.findingId, { state: 'open', by: deps.caller.userId, reason: why }, deps.now)
      .catch(() => undefined);
    lines.push(
      reopened
        ? `Finding \`${r.findingId}\` is open again; its claim ended with the schedule.`
        : `Finding \`${r.findingId}\` could not be reopened.`,
    );
  }
  return answer(
    `Unscheduled ${r.id}`,
    lines,
    `By ${mention(deps.caller.userId)}${reason ? ` — “${escapeText(reason)}”` : ''}.`,
  );
}

/** `schedules`: the active schedules with who made them, what they save, and the failures the last run read. */
export async function listScheduleAnswer(
  deps: Pick<ScheduleDeps, 'store' | 'snapshot' | 'scheduling'>,
): Promise<Answer> {
  const [records, snap] = await Promise.all([deps.store.listSchedules(), deps.snapshot()]);
  const active = records.filter((r) => r.state === 'active').sort((a, b) => (b.monthlyUsd ?? 0) - (a.monthlyUsd ?? 0));
  const off = deps.scheduling ? '' : ' Scheduling is off in this install (read-only).';
  if (active.length === 0) return answer('Schedules', [`No active schedules.${off}`]);
  const total = active.reduce((s, r) => s + (r.monthlyUsd ?? 0), 0);
  const lines = active.map((r) => {
    const made = [...r.history].reverse().find((h) => h.action === 'created');
    const money = r.monthlyUsd === undefined ? 'no dollar estimate' : `${usd(r.monthlyUsd)}/mo`;
    const who = made
      ? ` · by ${mention(made.by)} ${made.at.slice(0, 10)}${made.forced ? ' (*forced*, production)' : ''}${made.reason ? ` — “${escapeText(made.reason)}”` : ''}`
      : '';
    return `\`${r.id}\` ${label(r.resource)} ${r.resource.accountId} ${r.resource.region} · on ${onHoursText(r.onHours)} · ${money}${r.findingId ? ` · finding \`${r.findingId}\`` : ''}${who}`;
  });
  const failures = (snap?.extra.scheduleFailures ?? []).map(
    (f) =>
      `⚠ ${f.at.slice(0, 16).replace('T', ' ')} UTC \`${escapeText(f.scheduleName)}\` failed: ${escapeText(f.errorCode)} ${escapeText(f.message)}`,
  );
  return answer(
    'Schedules',
    [...lines, ...(failures.length ? [`*Failed invocations read by the run of ${snap?.asOf}:*`, ...failures] : [])],
    `${active.length} active, saving about ${usd(total)}/mo at list price (off hours × hourly price × 730/168).${off}`,
  );
}
