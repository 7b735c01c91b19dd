/**
 * `schedule`, `unschedule` and `schedules` through the router, the store on dynalite and AWS answered at the SDK
 * (sample-mode middleware with a responder that keeps every call): every bad input answered clearly with nothing
 * made, a pair made whole or not at all, and the ledger and the finding following.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { type AwsCall, awsError } from '../../src/aws/replay';
import { loadConfig } from '../../src/config';
import type { FindingDraft } from '../../src/domain/finding';
import { type SchedulableResource, type ScheduleFailure, scheduleId, scheduleNames } from '../../src/domain/schedule';
import { openStore } from '../../src/ledger/store';
import type { Store } from '../../src/ledger/types';
import { renderPlain } from '../../src/slack/blocks';
import type { Caller } from '../../src/slack/command';
import { route } from '../../src/slack/router';
import { schedulingContext } from '../../src/slack/scheduler';
import { draft, tempDir } from '../ledger/helpers';
import { AS_OF, seedStore } from './helpers';

const OWN = '111111111111';
const STAGING = '222222222222';
const GONE = '444444444444';
const NOW = new Date(`${AS_OF}T12:00:00Z`);
const ADMIN: Caller = { userId: 'U0ADMIN', channelId: 'C0COSTS', canChange: true, owners: [] };
const WINDOW = 'weekdays 07:00-19:00 Europe/Berlin';

const res = (o: Partial<SchedulableResource> & Pick<SchedulableResource, 'id'>): SchedulableResource => ({
  kind: 'ec2-instance',
  accountId: OWN,
  region: 'us-east-1',
  tags: { environment: 'development', team: 'platform' },
  hourlyUsd: 0.096,
  priceBasis: '1 × 730 h × $0.096 (ec2.m5.large, us-east-1 list price)',
  usageTypes: ['BoxUsage:m5.large'],
  ...o,
});

const RESOURCES: SchedulableResource[] = [
  res({ id: 'i-own', name: 'dev-1', tags: { environment: 'development', team: 'platform', project: 'erp' } }),
  res({
    kind: 'asg',
    id: 'staging-workers',
    accountId: STAGING,
    tags: { environment: 'staging', team: 'platform' },
    hourlyUsd: 0.288,
    sizes: { min: 3, max: 6, desired: 3 },
  }),
  res({ id: 'i-prod', tags: { environment: 'production' } }),
  res({ id: 'i-eu', region: 'eu-west-1', tags: { environment: 'development' } }),
  res({ kind: 'asg', id: 'asg-self', scheduledElsewhere: true, tags: { environment: 'qa' } }),
  res({ id: 'i-lost', accountId: GONE, tags: { environment: 'development', project: 'erp' } }),
];

const DRAFTS: FindingDraft[] = [
  draft({
    ruleId: 'ec2-nonprod-always-on',
    action: 'stop',
    title: 'Non-production EC2 instance running around the clock',
    strategy: 'scheduled-scaling',
    resourceId: 'i-own',
    monthlySavingsUsd: 45.05,
  }),
  draft({
    ruleId: 'asg-nonprod-always-on',
    action: 'stop',
    title: 'Non-production Auto Scaling group kept at capacity around the clock',
    strategy: 'scheduled-scaling',
    accountId: STAGING,
    resourceId: 'staging-workers',
    monthlySavingsUsd: 135.15,
  }),
];

describe('schedules from the slash command', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let calls: AwsCall[];
  /** Schedule names Scheduler refuses to create, and those it lists as existing. */
  let refuse: Set<string>;
  let listed: string[];
  let refuseDelete: Set<string>;
  let findingOf: (resourceId: string) => string;

  const aws = () =>
    createAws({
      mode: 'sample',
      homeRegion: 'us-east-1',
      responder: (call) => {
        calls.push(call);
        const name = String(call.input.Name ?? '');
        if (call.operation === 'GetCallerIdentity') return { Account: OWN };
        if (call.operation === 'AssumeRole') {
          if (String(call.input.RoleArn).includes(GONE)) throw awsError('AccessDenied', 'not authorized');
          return { Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 'x', SessionToken: 't' } };
        }
        if (call.operation === 'ListSchedules') {
          return {
            Schedules: listed.filter((n) => n.startsWith(String(call.input.NamePrefix))).map((n) => ({ Name: n })),
          };
        }
        if (call.operation === 'CreateSchedule') {
          if (refuse.has(name)) throw awsError('ValidationException', `cannot create ${name}`);
          return { ScheduleArn: `arn:aws:scheduler:us-east-1:${call.accountId ?? OWN}:schedule/default/${name}` };
        }
        if (call.operation === 'DeleteSchedule') {
          if (refuseDelete.has(name)) throw awsError('AccessDeniedException', `cannot delete ${name}`);
          return {};
        }
        throw awsError('UnsupportedOperation', `${call.service}:${call.operation}`);
      },
    });

  const ask = async (text: string, caller: Caller = ADMIN, scheduling = true) => {
    const config = loadConfig({});
    const result = await route(text, {
      store,
      caller,
      now: NOW,
      ...(scheduling ? { scheduling: schedulingContext(aws(), config) } : {}),
    });
    return renderPlain(result.answer);
  };
  const made = () => calls.filter((c) => c.operation === 'CreateSchedule').map((c) => String(c.input.Name));
  const deleted = () => calls.filter((c) => c.operation === 'DeleteSchedule').map((c) => String(c.input.Name));
  const pair = (r: SchedulableResource) => scheduleNames(scheduleId(r));

  beforeEach(async () => {
    tmp = tempDir();
    store = await openStore({ storeDir: tmp.dir });
    const seeded = await seedStore(store, DRAFTS);
    findingOf = (id) => seeded.byResource(id).id;
    const snap = await store.latestSnapshot();
    if (!snap) throw new Error('no snapshot');
    await store.putSnapshot({ ...snap, extra: { ...snap.extra, schedulable: RESOURCES } });
    calls = [];
    refuse = new Set();
    refuseDelete = new Set();
    listed = [];
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('schedules a finding: the pair in AWS, the record with who and why, the finding scheduled with its claim', async () => {
    const id = findingOf('i-own');
    const text = await ask(`schedule ${id} ${WINDOW} dev box idles at night`);
    const own = RESOURCES[0] as SchedulableResource;
    expect(made()).toEqual([pair(own).start, pair(own).stop]);
    expect(text).toContain('saves about $45.05/mo at list price');
    expect(text).toContain(`Finding \`${id}\` is now scheduled`);
    const [record] = await store.listSchedules();
    expect(record).toMatchObject({
      id: scheduleId(own),
      state: 'active',
      findingId: id,
      monthlyUsd: 45.05,
      since: AS_OF,
      history: [{ action: 'created', by: 'U0ADMIN', reason: 'dev box idles at night' }],
    });
    const finding = await store.getFinding(id);
    expect(finding?.state).toBe('scheduled');
    expect(finding?.claim).toEqual({
      resolvedOn: AS_OF,
      lastSeen: AS_OF,
      claimedUsd: 45.05,
      schedule: { id: scheduleId(own), basis: expect.stringContaining('108 h a week off') },
    });
    expect(finding?.history.at(-1)).toMatchObject({ state: 'scheduled', by: 'U0ADMIN' });
  });

  it('reaches a member account through its role and restores the group’s sizes on start', async () => {
    await ask(`schedule staging-workers ${WINDOW}`);
    const creates = calls.filter((c) => c.operation === 'CreateSchedule');
    expect(creates.every((c) => c.accountId === STAGING)).toBe(true);
    const target = creates[0]?.input.Target as { Input: string } | undefined;
    const start = JSON.parse(String(target?.Input));
    expect(start).toEqual({ AutoScalingGroupName: 'staging-workers', MinSize: 3, MaxSize: 6, DesiredCapacity: 3 });
    expect((await store.getFinding(findingOf('staging-workers')))?.state).toBe('scheduled');
  });

  it('lets only admins schedule, and says so when the install is read-only', async () => {
    const viewer = { ...ADMIN, userId: 'U0VIEWER', canChange: false };
    expect(await ask(`schedule i-own ${WINDOW}`, viewer)).toContain('Only admins may schedule');
    expect(await ask(`schedule i-own ${WINDOW}`, ADMIN, false)).toContain('Scheduling is off in this install');
    expect(calls).toEqual([]);
  });

  it('refuses production unless forced with a reason, and audits the force', async () => {
    expect(await ask(`schedule i-prod ${WINDOW}`)).toContain('production is not scheduled unless you add `force`');
    expect(await ask(`schedule i-prod ${WINDOW} force`)).toContain('`force` needs a reason');
    expect(made()).toEqual([]);
    const text = await ask(`schedule i-prod ${WINDOW} force reporting replica, nobody reads it at night`);
    expect(text).toContain('Forced on a production resource');
    const [record] = await store.listSchedules();
    expect(record?.history).toEqual([
      expect.objectContaining({
        action: 'created',
        forced: true,
        reason: 'reporting replica, nobody reads it at night',
      }),
    ]);
  });

  it('answers bad input clearly and makes nothing: no such resource, tag, zone, window, region, overlap', async () => {
    const answers = [
      await ask(`schedule i-nothere ${WINDOW}`),
      await ask(`schedule tag:team=nobody ${WINDOW}`),
      await ask('schedule i-own weekdays 07:00-19:00 Europe/Nowhere'),
      await ask('schedule i-own weekdays 19:00-19:00 UTC'),
      await ask('schedule i-own weekdays 22:00-06:00 UTC'),
      await ask(`schedule i-eu ${WINDOW}`),
      await ask(`schedule asg-self ${WINDOW}`),
      await ask('schedule i-own weekdays'),
    ];
    expect(answers[0]).toContain('No resource `i-nothere` in the run of 2026-11-20');
    expect(answers[1]).toContain('has the tag team=nobody');
    expect(answers[2]).toContain('is not a time zone Intl knows');
    expect(answers[3]).toContain('is empty');
    expect(answers[4]).toContain('runs past midnight');
    expect(answers[5]).toContain('schedules are made in us-east-1');
    expect(answers[6]).toContain('has scheduled actions of its own');
    expect(answers[7]).toContain('schedule needs a target, days, a window and a time zone');
    expect(calls.filter((c) => c.service === 'scheduler')).toEqual([]);
    expect(await store.listSchedules()).toEqual([]);
  });

  it('refuses an overlap with its own schedule, and with schedules of the resource already in AWS', async () => {
    await ask(`schedule i-own ${WINDOW}`);
    const again = await ask('schedule i-own daily 08:00-18:00 UTC');
    expect(again).toContain('already has a schedule');
    const group = RESOURCES[1] as SchedulableResource;
    listed = [pair(group).stop];
    const leftover = await ask(`schedule staging-workers ${WINDOW}`);
    expect(leftover).toContain(`has schedules in AWS already (${pair(group).stop})`);
    expect(made()).toHaveLength(2);
  });

  it('says an account cannot be reached, and makes nothing anywhere', async () => {
    const text = await ask(`schedule tag:project=erp ${WINDOW}`);
    expect(text).toContain(`Account ${GONE} cannot be reached`);
    expect(made()).toEqual([]);
  });

  it('makes every pair of a request or none: one refused stop deletes the others again', async () => {
    const own = RESOURCES[0] as SchedulableResource;
    const group = RESOURCES[1] as SchedulableResource;
    refuse = new Set([pair(group).stop]);
    const text = await ask(`schedule tag:team=platform ${WINDOW}`);
    expect(text).toContain(`Scheduler refused ${pair(group).stop}: ValidationException`);
    expect(text).toContain('deleted again: nothing is half made');
    expect(deleted().sort()).toEqual([pair(group).start, pair(own).stop, pair(own).start].sort());
    expect(await store.listSchedules()).toEqual([]);
    expect((await store.getFinding(findingOf('i-own')))?.state).toBe('open');
  });

  it('unschedules: the stop deleted first, the record kept as deleted, the finding reopened without its claim', async () => {
    const id = findingOf('i-own');
    await ask(`schedule ${id} ${WINDOW}`);
    const own = RESOURCES[0] as SchedulableResource;
    calls = [];
    refuseDelete = new Set([pair(own).stop]);
    expect(await ask(`unschedule ${id}`)).toContain('did not delete the stop schedule');
    expect((await store.listSchedules())[0]?.state).toBe('active');
    refuseDelete = new Set();
    calls = [];
    const text = await ask(`unschedule ${scheduleId(own)} back to 24/7 for the load test`);
    expect(deleted()).toEqual([pair(own).stop, pair(own).start]);
    expect(text).toContain(`Finding \`${id}\` is open again`);
    const [record] = await store.listSchedules();
    expect(record?.state).toBe('deleted');
    expect(record?.history.map((h) => h.action)).toEqual(['created', 'deleted']);
    expect(record?.history[1]).toMatchObject({ by: 'U0ADMIN', reason: 'back to 24/7 for the load test' });
    const finding = await store.getFinding(id);
    expect(finding?.state).toBe('open');
    expect(finding?.claim).toBeUndefined();
    expect(await ask('unschedule i-own')).toContain('No active schedule is `i-own`');
  });

  it('lists the active schedules with who made them, what they save, and the failures the run read', async () => {
    expect(await ask('schedules')).toContain('No active schedules.');
    await ask(`schedule i-own ${WINDOW} nights off`);
    const failure: ScheduleFailure = {
      id: 'm1',
      accountId: OWN,
      at: '2026-11-20T06:00:41.000Z',
      scheduleName: pair(RESOURCES[0] as SchedulableResource).start,
      errorCode: 'InsufficientInstanceCapacity',
      message: 'no m5.large capacity',
    };
    const snap = await store.latestSnapshot();
    if (snap) await store.putSnapshot({ ...snap, extra: { ...snap.extra, scheduleFailures: [failure] } });
    const text = await ask('schedules');
    expect(text).toContain('on Mon–Fri 07:00–19:00 Europe/Berlin · $45.05/mo');
    expect(text).toContain('“nights off”');
    expect(text).toContain('failed: InsufficientInstanceCapacity no m5.large capacity');
    expect(text).toContain('1 active, saving about $45.05/mo');
  });
});
