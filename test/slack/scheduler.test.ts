/** EventBridge Scheduler as the schedule commands call it, mocked at the SDK client (aws-sdk-client-mock). */
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { loadConfig } from '../../src/config';
import {
  parseOnHours,
  type SchedulableResource,
  type ScheduleRecord,
  scheduleId,
  scheduleNames,
} from '../../src/domain/schedule';
import {
  createPair,
  deletePair,
  existingNames,
  reach,
  SCHEDULE_ROLE_ACTIONS,
  schedulingContext,
  targetOf,
} from '../../src/slack/scheduler';

const ONE = '111111111111';
const DEV = '333333333333';
const HOURS = parseOnHours('weekdays', '07:00-19:00', 'Europe/Berlin');

const resource = (o: Partial<SchedulableResource> = {}): SchedulableResource => ({
  kind: 'ec2-instance',
  accountId: DEV,
  region: 'us-east-1',
  id: 'i-0de5',
  tags: {},
  usageTypes: [],
  ...o,
});

const recordOf = (r: SchedulableResource): ScheduleRecord => ({
  id: scheduleId(r),
  state: 'active',
  resource: r,
  onHours: HOURS,
  basis: 'test',
  since: '2026-11-20',
  history: [],
});

describe('EventBridge Scheduler for the schedule commands', () => {
  const scheduler = mockClient(SchedulerClient);
  const sts = mockClient(STSClient);
  let ctx: ReturnType<typeof schedulingContext>;
  let client: SchedulerClient;

  beforeEach(() => {
    scheduler.reset();
    sts.reset();
    sts.on(GetCallerIdentityCommand).resolves({ Account: ONE });
    ctx = schedulingContext(createAws({ mode: 'live', homeRegion: 'us-east-1' }), loadConfig({}));
    client = new SchedulerClient({ region: 'us-east-1' });
  });
  afterEach(() => {
    scheduler.reset();
    sts.reset();
  });

  it('makes the start, then the stop: cron in the time zone, universal target, the account’s role and queue', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .resolves({ ScheduleArn: 'arn:aws:scheduler:us-east-1:333333333333:schedule/x' });
    const r = resource();
    const names = scheduleNames(scheduleId(r));
    expect(await createPair(ctx, client, recordOf(r), r, 'U0ADMIN')).toEqual({ ok: true });
    const sent = scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);
    expect(sent.map((i) => i.Name)).toEqual([names.start, names.stop]);
    expect(sent[1]).toMatchObject({
      GroupName: 'default',
      ScheduleExpression: 'cron(0 19 ? * MON,TUE,WED,THU,FRI *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:ec2:stopInstances',
        RoleArn: 'arn:aws:iam::333333333333:role/durion-cost-schedule',
        Input: '{"InstanceIds":["i-0de5"]}',
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:333333333333:durion-cost-schedule-failures' },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
      },
    });
    expect(sent[0]?.ScheduleExpression).toBe('cron(0 7 ? * MON,TUE,WED,THU,FRI *)');
    expect(sent[0]?.Description).toContain('by U0ADMIN');
  });

  it('deletes the start again when the stop is refused, so no half pair is left', async () => {
    const r = resource();
    const names = scheduleNames(scheduleId(r));
    scheduler
      .on(CreateScheduleCommand, { Name: names.stop })
      .rejects(awsError('ValidationException', 'The role cannot be assumed by Scheduler'));
    scheduler.on(CreateScheduleCommand, { Name: names.start }).resolves({ ScheduleArn: 'arn' });
    scheduler.on(DeleteScheduleCommand).resolves({});
    const result = await createPair(ctx, client, recordOf(r), r, 'U0ADMIN');
    expect(result).toEqual({
      ok: false,
      error: `${names.stop}: ValidationException: The role cannot be assumed by Scheduler`,
      leftBehind: [],
    });
    expect(scheduler).toHaveReceivedCommandWith(DeleteScheduleCommand, { Name: names.start, GroupName: 'default' });
  });

  it('says what it left behind when the undo is refused too', async () => {
    const r = resource();
    const names = scheduleNames(scheduleId(r));
    scheduler
      .on(CreateScheduleCommand, { Name: names.stop })
      .rejects(awsError('ServiceQuotaExceededException', 'quota'));
    scheduler.on(CreateScheduleCommand, { Name: names.start }).resolves({ ScheduleArn: 'arn' });
    scheduler.on(DeleteScheduleCommand).rejects(awsError('ThrottlingException', 'slow down'));
    const result = await createPair(ctx, client, recordOf(r), r, 'U0ADMIN');
    expect(result).toMatchObject({ ok: false, leftBehind: [`${names.start} (ThrottlingException: slow down)`] });
  });

  it('stops and restores each kind through its own API, as universal targets name it', () => {
    const asg = resource({ kind: 'asg', id: 'workers', sizes: { min: 1, max: 4, desired: 2 } });
    expect(targetOf(asg, 'stop')).toEqual({
      arn: 'arn:aws:scheduler:::aws-sdk:autoscaling:updateAutoScalingGroup',
      input: { AutoScalingGroupName: 'workers', MinSize: 0, DesiredCapacity: 0 },
    });
    expect(targetOf(asg, 'start').input).toEqual({
      AutoScalingGroupName: 'workers',
      MinSize: 1,
      MaxSize: 4,
      DesiredCapacity: 2,
    });
    const ecs = resource({ kind: 'ecs-service', id: 'stg/web', service: { cluster: 'stg', name: 'web', desired: 3 } });
    expect(targetOf(ecs, 'stop').input).toEqual({ Cluster: 'stg', Service: 'web', DesiredCount: 0 });
    expect(targetOf(ecs, 'start').input).toEqual({ Cluster: 'stg', Service: 'web', DesiredCount: 3 });
    expect(targetOf(resource({ kind: 'rds-instance', id: 'db1' }), 'stop')).toEqual({
      arn: 'arn:aws:scheduler:::aws-sdk:rds:stopDBInstance',
      input: { DbInstanceIdentifier: 'db1' },
    });
    expect(targetOf(resource({ kind: 'aurora-cluster', id: 'aur' }), 'start')).toEqual({
      arn: 'arn:aws:scheduler:::aws-sdk:rds:startDBCluster',
      input: { DbClusterIdentifier: 'aur' },
    });
    expect(SCHEDULE_ROLE_ACTIONS).toEqual([
      'autoscaling:UpdateAutoScalingGroup',
      'ec2:StartInstances',
      'ec2:StopInstances',
      'ecs:UpdateService',
      'rds:StartDBCluster',
      'rds:StartDBInstance',
      'rds:StopDBCluster',
      'rds:StopDBInstance',
    ]);
  });

  it('deletes the stop first; one already gone counts as deleted; a stop it cannot delete leaves both', async () => {
    const id = 'abcdefghij';
    const names = scheduleNames(id);
    scheduler
      .on(DeleteScheduleCommand, { Name: names.stop })
      .rejects(new ResourceNotFoundException({ Message: 'gone', message: 'gone', $metadata: {} }));
    scheduler.on(DeleteScheduleCommand, { Name: names.start }).resolves({});
    expect(await deletePair(client, id)).toEqual({ ok: true });
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input.Name)).toEqual([
      names.stop,
      names.start,
    ]);
    scheduler.reset();
    scheduler.on(DeleteScheduleCommand).rejects(awsError('AccessDeniedException', 'no'));
    expect(await deletePair(client, id)).toMatchObject({ ok: false, leftBehind: [names.stop, names.start] });
    expect(scheduler).toHaveReceivedCommandTimes(DeleteScheduleCommand, 1);
  });

  it('lists the pair’s schedules in AWS by name prefix, every page', async () => {
    scheduler
      .on(ListSchedulesCommand, { NextToken: undefined })
      .resolves({ Schedules: [{ Name: 'durion-cost-abc-stop' }], NextToken: 'p2' })
      .on(ListSchedulesCommand, { NextToken: 'p2' })
      .resolves({ Schedules: [{ Name: 'durion-cost-abc-start' }] });
    expect(await existingNames(client, 'abc')).toEqual(['durion-cost-abc-start', 'durion-cost-abc-stop']);
    expect(scheduler).toHaveReceivedCommandWith(ListSchedulesCommand, { NamePrefix: 'durion-cost-abc-' });
  });

  it('reaches its own account directly and a member through the member role; a refusal says which role', async () => {
    expect(await reach(ctx, ONE)).toHaveProperty('client');
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 0);
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIATEST',
        SecretAccessKey: 'test-only',
        SessionToken: 'token',
        Expiration: new Date(Date.now() + 3_600_000),
      },
    });
    expect(await reach(ctx, DEV)).toHaveProperty('client');
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: 'arn:aws:iam::333333333333:role/durion-cost-member',
    });
    sts.on(AssumeRoleCommand).rejects(awsError('AccessDenied', 'not authorized to perform: sts:AssumeRole'));
    const refused = await reach(ctx, '444444444444');
    expect(refused).toEqual({ refused: expect.stringContaining('role durion-cost-member could not be assumed') });
  });
});
