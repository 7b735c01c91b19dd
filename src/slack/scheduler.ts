/**
 * EventBridge Scheduler, as `/durion-cost schedule` and `unschedule` use it: a pair of schedules per resource (stop at
 * the end of its on-hours, start at their beginning) in the resource's own account and region, each calling the
 * resource's own API through a universal target (arn:aws:scheduler:::aws-sdk:<service>:<action>) with the account's
 * schedule role, failed invocations going to its dead-letter queue. Universal targets need no function of ours and
 * no runbook: the schedule is the whole mechanism. A member account is reached through the member role
 * (collect/organization.ts), as the daily run reads it.
 */
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Aws } from '../aws';
import { type MemberRole, memberAws, reachOf } from '../collect/organization';
import type { Config } from '../config';
import type { Note } from '../domain/note';
import type { SchedulableKind, SchedulableResource, ScheduleRecord } from '../domain/schedule';
import { cronOf, onHoursText, SCHEDULE_PREFIX, scheduleNames } from '../domain/schedule';

/** What the schedule commands need to reach AWS: the bot's clients and the names every account's setup uses. */
export interface SchedulingContext {
  aws: Aws;
  /** The region schedules are made in: where each account's schedule role has its dead-letter queue. */
  homeRegion: string;
  memberRole: MemberRole;
  /** The schedule role in each account (deploy: serverless.yml ScheduleTargetRole, member-role.yml). */
  roleName: string;
  /** The dead-letter queue in each account's home region. */
  queueName: string;
  environmentTag: string;
  /** Environment tag values that mean production: refused unless forced. */
  productionValues: string[];
}

/** The context of the configured settings, on these clients. */
export const schedulingContext = (aws: Aws, config: Config): SchedulingContext => ({
  aws,
  homeRegion: config.homeRegion,
  memberRole: config.accounts.memberRole,
  roleName: config.scheduling.roleName,
  queueName: config.scheduling.queueName,
  environmentTag: config.scheduling.environmentTag,
  productionValues: config.scheduling.productionValues,
});

type Phase = 'stop' | 'start';
type Input = Record<string, unknown>;

/** Each kind's API and the input of each phase, as universal targets take them (the SDK's member names). */
const TARGETS: Record<
  SchedulableKind,
  { service: string; action: Record<Phase, string>; input: (r: SchedulableResource, p: Phase) => Input }
> = {
  'ec2-instance': {
    service: 'ec2',
    action: { stop: 'stopInstances', start: 'startInstances' },
    input: (r) => ({ InstanceIds: [r.id] }),
  },
  'rds-instance': {
    service: 'rds',
    action: { stop: 'stopDBInstance', start: 'startDBInstance' },
    input: (r) => ({ DbInstanceIdentifier: r.id }),
  },
  'aurora-cluster': {
    service: 'rds',
    action: { stop: 'stopDBCluster', start: 'startDBCluster' },
    input: (r) => ({ DbClusterIdentifier: r.id }),
  },
  asg: {
    service: 'autoscaling',
    action: { stop: 'updateAutoScalingGroup', start: 'updateAutoScalingGroup' },
    input: (r, p) => {
      const sizes = r.sizes ?? { min: 0, max: 0, desired: 0 };
      return p === 'stop'
        ? { AutoScalingGroupName: r.id, MinSize: 0, DesiredCapacity: 0 }
        : { AutoScalingGroupName: r.id, MinSize: sizes.min, MaxSize: sizes.max, DesiredCapacity: sizes.desired };
    },
  },
  'ecs-service': {
    service: 'ecs',
    action: { stop: 'updateService', start: 'updateService' },
    input: (r, p) => ({
      Cluster: r.service?.cluster,
      Service: r.service?.name,
      DesiredCount: p === 'stop' ? 0 : (r.service?.desired ?? 1),
    }),
  },
};

/** The IAM actions the schedule role needs: each target's API as IAM names it, sorted. */
export const SCHEDULE_ROLE_ACTIONS: readonly string[] = [
  ...new Set(
    Object.values(TARGETS).flatMap((t) =>
      Object.values(t.action).map((a) => `${t.service}:${a.charAt(0).toUpperCase()}${a.slice(1)}`),
    ),
  ),
].sort();

/** The universal target of one phase: its ARN and its input. */
export function targetOf(r: SchedulableResource, phase: Phase): { arn: string; input: Input } {
  const t = TARGETS[r.kind];
  return { arn: `arn:aws:scheduler:::aws-sdk:${t.service}:${t.action[phase]}`, input: t.input(r, phase) };
}

/** Retries of a failed invocation before it goes to the dead-letter queue: a start refused for capacity may pass. */
const RETRY = { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 };

/** The bot's own account, asked once per context. */
const selves = new WeakMap<Aws, Promise<string>>();
function selfOf(aws: Aws): Promise<string> {
  let self = selves.get(aws);
  if (!self) {
    self = aws
      .client(STSClient)
      .send(new GetCallerIdentityCommand({}))
      .then((id) => id.Account ?? 'unknown');
    self.catch(() => selves.delete(aws));
    selves.set(aws, self);
  }
  return self;
}

/** One account's Scheduler in the home region, or why it cannot be reached. */
export async function reach(
  ctx: SchedulingContext,
  accountId: string,
): Promise<{ client: SchedulerClient } | { refused: string }> {
  const notes: Note[] = [];
  let self: string;
  try {
    self = await selfOf(ctx.aws);
  } catch (err) {
    return { refused: `durion-cost could not tell its own account (sts:GetCallerIdentity): ${(err as Error).message}` };
  }
  const aws = await memberAws(ctx.aws, reachOf(self, ctx.memberRole), accountId, notes);
  if (!aws) return { refused: notes[0]?.message ?? `account ${accountId} could not be reached` };
  return { client: aws.client(SchedulerClient, ctx.homeRegion) };
}

/** The names of durion-cost's schedules for one record that exist in AWS (left over, or made meanwhile). */
export async function existingNames(client: SchedulerClient, id: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListSchedulesCommand({ NamePrefix: `${SCHEDULE_PREFIX}${id}-`, GroupName: 'default', NextToken: token }),
    );
    names.push(...(page.Schedules ?? []).map((s) => s.Name ?? ''));
    token = page.NextToken;
  } while (token);
  return names.filter(Boolean).sort();
}

/** What making or removing one pair did: done, or the error and whatever it left behind. */
export type PairResult = { ok: true } | { ok: false; error: string; leftBehind: string[] };

const errorText = (err: unknown) => `${(err as Error).name}: ${(err as Error).message}`;

/**
 * Create the pair for one resource: the start first (harmless alone: it starts what runs), then the stop. When the
 * stop fails the start is deleted again, so a pair is made whole or not at all.
 */
export async function createPair(
  ctx: SchedulingContext,
  client: SchedulerClient,
  record: ScheduleRecord,
  resource: SchedulableResource,
  by: string,
): Promise<PairResult> {
  const names = scheduleNames(record.id);
  const cron = cronOf(record.onHours);
  const account = resource.accountId;
  const role = `arn:aws:iam::${account}:role/${ctx.roleName}`;
  const queue = `arn:aws:sqs:${ctx.homeRegion}:${account}:${ctx.queueName}`;
  const make = (phase: Phase) => {
    const target = targetOf(resource, phase);
    return client.send(
      new CreateScheduleCommand({
        Name: names[phase],
        GroupName: 'default',
        Description: `durion-cost: ${phase} ${resource.id} outside ${onHoursText(record.onHours)}, by ${by}`.slice(
          0,
          512,
        ),
        ScheduleExpression: cron[phase],
        ScheduleExpressionTimezone: record.onHours.timeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        ActionAfterCompletion: 'NONE',
        Target: {
          Arn: target.arn,
          RoleArn: role,
          Input: JSON.stringify(target.input),
          RetryPolicy: RETRY,
          DeadLetterConfig: { Arn: queue },
        },
      }),
    );
  };
  try {
    await make('start');
  } catch (err) {
    return { ok: false, error: `${names.start}: ${errorText(err)}`, leftBehind: [] };
  }
  try {
    await make('stop');
    return { ok: true };
  } catch (err) {
    const undo = await deleteOne(client, names.start);
    return {
      ok: false,
      error: `${names.stop}: ${errorText(err)}`,
      leftBehind: undo ? [`${names.start} (${undo})`] : [],
    };
  }
}

/** Delete one schedule; a schedule already gone counts as deleted. Returns the error, or undefined when it is gone. */
async function deleteOne(client: SchedulerClient, name: string): Promise<string | undefined> {
  try {
    await client.send(new DeleteScheduleCommand({ Name: name, GroupName: 'default' }));
    return undefined;
  } catch (err) {
    return err instanceof ResourceNotFoundException ? undefined : errorText(err);
  }
}

/**
 * Delete the pair of one record: the stop first, so the resource is not stopped again whatever happens next, then the
 * start. A stop that cannot be deleted leaves everything as it was.
 */
export async function deletePair(client: SchedulerClient, id: string): Promise<PairResult> {
  const names = scheduleNames(id);
  const stop = await deleteOne(client, names.stop);
  if (stop) return { ok: false, error: `${names.stop}: ${stop}`, leftBehind: [names.stop, names.start] };
  const start = await deleteOne(client, names.start);
  return start ? { ok: false, error: `${names.start}: ${start}`, leftBehind: [names.start] } : { ok: true };
}
