/**
 * Schedules in Slack: signed requests through the real AwsLambdaReceiver (the Schedule button, its form, the slash
 * command), the store on dynalite, Slack's Web API a local fake, EventBridge Scheduler answered at the SDK.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { type AwsCall, awsError } from '../../src/aws/replay';
import { loadConfig } from '../../src/config';
import type { Finding } from '../../src/domain/finding';
import type { SchedulableResource } from '../../src/domain/schedule';
import { openStore } from '../../src/ledger/store';
import type { Store } from '../../src/ledger/types';
import { ACTION, SCHEDULE_VIEW } from '../../src/notify/buttons';
import { clearGroupCache } from '../../src/slack/access';
import { createSlackApp } from '../../src/slack/app';
import { schedulingContext } from '../../src/slack/scheduler';
import { draft, tempDir } from '../ledger/helpers';
import {
  ADMIN,
  AS_OF,
  buttonBody,
  CHANNEL,
  fakeSlack,
  formSubmission,
  httpEvent,
  seedStore,
  slackConfig,
  slashBody,
  VIEWER,
} from './helpers';

const OWN = '111111111111';
const INSTANCE: SchedulableResource = {
  kind: 'ec2-instance',
  accountId: OWN,
  region: 'us-east-1',
  id: 'i-0dev',
  name: 'dev-1',
  tags: { environment: 'development' },
  hourlyUsd: 0.096,
  priceBasis: '1 × 730 h × $0.096 (ec2.m5.large, us-east-1 list price)',
  usageTypes: ['BoxUsage:m5.large'],
};

type Reply = { text: string; blocks: { text?: { text: string }; elements?: { action_id?: string }[] }[] };

describe('schedules in Slack (signed requests, real receiver, Scheduler at the SDK)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let slack: Awaited<ReturnType<typeof fakeSlack>>;
  let calls: AwsCall[];
  let handler: ReturnType<typeof createSlackApp>['handler'];
  let id: string;

  beforeEach(async () => {
    tmp = tempDir();
    store = await openStore({ storeDir: tmp.dir });
    const nonprod = draft({
      ruleId: 'ec2-nonprod-always-on',
      action: 'stop',
      title: 'Non-production EC2 instance running around the clock',
      strategy: 'scheduled-scaling',
      resourceId: INSTANCE.id,
      monthlySavingsUsd: 45.05,
    });
    id = (await seedStore(store, [nonprod, draft({ resourceId: 'vol-0aaa' })])).byResource(INSTANCE.id).id;
    const snap = await store.latestSnapshot();
    if (snap) await store.putSnapshot({ ...snap, extra: { ...snap.extra, schedulable: [INSTANCE] } });
    slack = await fakeSlack();
    clearGroupCache();
    calls = [];
    const aws = createAws({
      mode: 'sample',
      homeRegion: 'us-east-1',
      responder: (call) => {
        calls.push(call);
        if (call.operation === 'GetCallerIdentity') return { Account: OWN };
        if (call.operation === 'ListSchedules') return { Schedules: [] };
        if (call.operation === 'CreateSchedule') return { ScheduleArn: `arn:${String(call.input.Name)}` };
        throw awsError('AccessDeniedException', `unexpected ${call.operation}`);
      },
    });
    ({ handler } = createSlackApp({
      config: slackConfig(slack.apiUrl),
      signingSecret: 'test-signing-secret',
      botToken: 'xoxb-test',
      store,
      sendFeedback: async () => {},
      scheduling: schedulingContext(aws, loadConfig({})),
      now: () => new Date(`${AS_OF}T12:00:00Z`),
    }));
  });
  afterEach(async () => {
    await slack.close();
    await store.close();
    tmp.cleanup();
  });

  const post = (body: string, headers: Record<string, string> = {}) => handler(httpEvent(body, headers), {});
  const finding = async () => (await store.getFinding(id)) as Finding;
  const creates = () => calls.filter((c) => c.operation === 'CreateSchedule');
  const form = (fields: Record<string, string>, viewId?: string) =>
    formSubmission(SCHEDULE_VIEW, JSON.stringify({ findingId: id, channelId: CHANNEL }), fields, ADMIN, viewId);

  it('offers Schedule on a non-production finding only, and opens the form with the usual hours filled in', async () => {
    const res = await post(slashBody({ text: `explain ${id}` }));
    const buttons = (JSON.parse(res.body) as Reply).blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(buttons).toContain(ACTION.schedule);
    const vol = (await store.listFindings()).find((f) => f.resourceId === 'vol-0aaa') as Finding;
    const other = await post(slashBody({ text: `explain ${vol.id}` }));
    expect(other.body).toContain(ACTION.keep);
    expect(other.body).not.toContain(ACTION.schedule);

    await post(buttonBody({ actionId: ACTION.schedule, value: id, responseUrl: slack.responseUrl() }));
    const [open] = slack.to('/api/views.open');
    const view = JSON.parse(String(open?.body.view)) as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string; element?: { initial_value?: string } }[];
    };
    expect(view.callback_id).toBe(SCHEDULE_VIEW);
    expect(JSON.parse(view.private_metadata)).toEqual({ findingId: id, channelId: CHANNEL });
    const initial = Object.fromEntries(view.blocks.map((b) => [b.block_id, b.element?.initial_value]));
    expect(initial).toMatchObject({ days: 'weekdays', window: '07:00-19:00', zone: 'Europe/Berlin' });
  });

  it('does not open the form for someone who may not schedule', async () => {
    await post(buttonBody({ actionId: ACTION.schedule, value: id, user: VIEWER, responseUrl: slack.responseUrl() }));
    expect(slack.to('/api/views.open')).toEqual([]);
    expect(JSON.stringify(slack.to('/hooks/')[0]?.body)).toContain('not allowed to change findings');
  });

  it('marks the wrong field of the form and makes nothing', async () => {
    const res = await post(form({ days: 'weekdays', window: '07:00-19:00', zone: 'Berlin/Mitte' }));
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'errors',
      errors: { zone: expect.stringContaining('is not a time zone Intl knows') },
    });
    const empty = await post(form({ days: 'weekdays', window: '09:00-09:00', zone: 'UTC' }));
    expect(JSON.parse(empty.body).errors.window).toContain('is empty');
    expect(calls).toEqual([]);
  });

  it('schedules from the form once, however often Slack delivers it, and tells the submitter', async () => {
    const body = form(
      { days: 'mon-thu', window: '08:00-18:00', zone: 'europe/berlin', reason: 'QA works Mon–Thu' },
      'V0SCHED',
    );
    expect((await post(body)).statusCode).toBe(200);
    await post(body, { 'x-slack-retry-num': '1' });
    expect(creates()).toHaveLength(2);
    expect(creates()[1]?.input).toMatchObject({
      ScheduleExpression: 'cron(0 18 ? * MON,TUE,WED,THU *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
    });
    const f = await finding();
    expect(f.state).toBe('scheduled');
    expect(f.history.at(-1)?.reason).toContain('QA works Mon–Thu');
    const [told] = slack.to('/api/chat.postEphemeral');
    expect(told?.body).toMatchObject({ channel: CHANNEL, user: ADMIN, text: 'Scheduled 1 resource(s)' });
  });

  it('schedules from the slash command for an admin, refuses a viewer, and does not act twice on a retry', async () => {
    const refused = JSON.parse(
      (await post(slashBody({ text: `schedule ${id} weekdays 07:00-19:00 UTC`, user: VIEWER }))).body,
    );
    expect(JSON.stringify(refused)).toContain('Only admins may schedule');
    const body = slashBody({ text: `schedule ${id} weekdays 07:00-19:00 UTC`, trigger: 'T-SCHED-1' });
    const reply = JSON.parse((await post(body)).body) as Reply;
    expect(reply.text).toBe('Scheduled 1 resource(s)');
    expect(JSON.parse((await post(body, { 'x-slack-retry-num': '1' })).body).text).toBe('Already done');
    expect(creates()).toHaveLength(2);
    const list = JSON.parse((await post(slashBody({ text: 'schedules' }))).body) as Reply;
    expect(JSON.stringify(list)).toContain('i-0dev');
  });
});
