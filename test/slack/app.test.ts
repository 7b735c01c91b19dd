import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyzeOptimization } from '../../src/analyze/recommend';
import { createAws } from '../../src/aws';
import type { AwsCall } from '../../src/aws/replay';
import { awsError } from '../../src/aws/replay';
import { collectOptimization } from '../../src/collect/optimization';
import { loadConfig } from '../../src/config';
import { ChangedMeanwhileError, StoreError } from '../../src/domain/errors';
import type { Finding } from '../../src/domain/finding';
import type { Note } from '../../src/domain/note';
import { reconcile } from '../../src/ledger/ledger';
import { openStore } from '../../src/ledger/store';
import type { Store } from '../../src/ledger/types';
import { ACTION } from '../../src/notify/buttons';
import { clearGroupCache } from '../../src/slack/access';
import { createSlackApp } from '../../src/slack/app';
import { sampleAws } from '../helpers/sample-aws';
import { storedFinding, tempDir } from '../ledger/helpers';
import {
  ADMIN,
  AS_OF,
  buttonBody,
  CHANNEL,
  DRAFTS,
  fakeSlack,
  GROUP,
  httpEvent,
  keepSubmission,
  seedStore,
  sign,
  slackConfig,
  slashBody,
  VIEWER,
} from './helpers';

type Reply = {
  response_type: string;
  text: string;
  blocks: {
    type: string;
    text?: { text: string };
    fields?: { text: string }[];
    elements?: { text?: string; action_id?: string }[];
  }[];
};

describe('Slack endpoint (signed requests through the real AwsLambdaReceiver, store on dynalite)', () => {
  let store: Store;
  let tmp: ReturnType<typeof tempDir>;
  let slack: Awaited<ReturnType<typeof fakeSlack>>;
  let awsCalls: AwsCall[];
  let clock: Date;
  let seeded: Awaited<ReturnType<typeof seedStore>>;
  let handler: ReturnType<typeof createSlackApp>['handler'];

  beforeEach(async () => {
    tmp = tempDir();
    store = await openStore({ storeDir: tmp.dir });
    seeded = await seedStore(store);
    slack = await fakeSlack({ [GROUP]: ['U0GROUPIE'] });
    clearGroupCache();
    awsCalls = [];
    const aws = createAws({
      mode: 'sample',
      homeRegion: 'us-east-1',
      responder: (call) => {
        awsCalls.push(call);
        const input = call.input as { AnomalyId?: string };
        if (call.operation === 'ProvideAnomalyFeedback' && input.AnomalyId !== 'ad-denied')
          return { AnomalyId: input.AnomalyId };
        throw awsError('AccessDeniedException', `unexpected ${call.operation}`);
      },
    });
    clock = new Date(`${AS_OF}T12:00:00Z`);
    const { anomalyFeedback } = await import('../../src/slack/feedback');
    ({ handler } = createSlackApp({
      config: slackConfig(slack.apiUrl),
      signingSecret: 'test-signing-secret',
      botToken: 'xoxb-test',
      store,
      sendFeedback: anomalyFeedback(aws),
      now: () => clock,
    }));
  });
  afterEach(async () => {
    await slack.close();
    await store.close();
    tmp.cleanup();
  });

  const post = (body: string, headers: Record<string, string> = {}, contentType?: string) =>
    handler(httpEvent(body, headers, contentType), {});
  const slash = async (text: string, fields: Partial<Parameters<typeof slashBody>[0]> = {}) => {
    const res = await post(slashBody({ text, ...fields }));
    expect(res.statusCode).toBe(200);
    return JSON.parse(res.body) as Reply;
  };
  /** Everything the reply says, as one string. */
  const said = (r: Reply) =>
    r.blocks
      .map((b) =>
        [
          b.text?.text ?? '',
          ...(b.fields ?? []).map((f) => f.text),
          ...(b.elements ?? []).map((e) => e.text ?? ''),
        ].join(' '),
      )
      .join('\n');
  const finding = async (resourceId: string) => (await store.getFinding(seeded.byResource(resourceId).id)) as Finding;
  const press = async (actionId: string, value: string, fields: Partial<Parameters<typeof buttonBody>[0]> = {}) => {
    const res = await post(buttonBody({ actionId, value, responseUrl: slack.responseUrl(), ...fields }));
    expect(res.statusCode).toBe(200);
    return slack.to('/hooks/').map((r) => r.body as unknown as Reply);
  };

  describe('commands', () => {
    it('answers an empty command with the summary of the stored snapshot, ephemeral, in Block Kit', async () => {
      const reply = await slash('');
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.blocks[0]).toMatchObject({ type: 'header' });
      // Month to date Nov 1-19 (the as-of day is not over): 150 a day plus the weekly ripple of 1.5 × (0..6).
      expect(said(reply)).toContain('*Month-to-date (Nov 1–19)*\n*$2,943*');
      expect(said(reply)).toContain('Amazon Elastic Compute Cloud - Compute');
      expect(said(reply)).toContain('Sample account');
    });

    it('posts in the channel with --share', async () => {
      expect((await slash('summary --share')).response_type).toBe('in_channel');
    });

    it('lists every command in help', async () => {
      const text = said(await slash('help'));
      for (const name of [
        'summary',
        'top',
        'anomalies',
        'savings',
        'unused',
        'rightsizing',
        'commitments',
        'checklist',
        'explain',
        'mine',
        'ack',
        'snooze',
        'keep',
        'reopen',
        'status',
      ]) {
        expect(text).toContain(`/durion-cost ${name}`);
      }
    });

    it('suggests the nearest command for a typo', async () => {
      const text = said(await slash('unsued'));
      expect(text).toContain('Did you mean `/durion-cost unused`?');
    });

    it('ranks services, accounts, regions and tag values over the days asked', async () => {
      const services = said(await slash('top services 2 7'));
      // The weekly ripple repeats, so the last 7 days cost what the 7 before did.
      expect(services).toMatch(/1\. Amazon Elastic Compute Cloud - Compute: \*\$7\d\d\.\d\d\* \(0\.0%\)/);
      expect(services).toMatch(/2\. Amazon Relational Database Service/);
      expect(services).not.toContain('3.');
      expect(said(await slash('top accounts'))).toContain('production (111111111111)');
      expect(said(await slash('top regions 1 30'))).toContain('us-east-1');
      expect(said(await slash('top tag:team'))).toContain('(untagged)');
      expect(said(await slash('top tag:costcenter'))).toContain('only the tag "team" is collected');
      expect(said(await slash('top services 3 400'))).toContain('top covers 1 to 92 days');
    });

    it('lists unused resources with their buttons, biggest savings first, escaping text from AWS', async () => {
      const reply = await slash('unused');
      const text = said(reply);
      expect(text.indexOf('vol-0bbb')).toBeLessThan(text.indexOf('vol-0aaa'));
      expect(text).toContain('$40.00/mo');
      expect(
        reply.blocks.some((b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === ACTION.ack)),
      ).toBe(true);
      expect(said(await slash(`explain ${seeded.byResource('vol-0bbb').id}`))).not.toContain('<!channel>');
    });

    it('lists rightsizing, anomalies and savings from the findings', async () => {
      expect(said(await slash('rightsizing'))).toContain('i-0ccc');
      const anomalies = await slash('anomalies');
      expect(said(anomalies)).toContain('Spend anomaly in Amazon EC2');
      expect(anomalies.blocks.some((b) => b.elements?.some((e) => e.action_id === ACTION.falsePositive))).toBe(true);
      const savings = said(await slash('savings service 5'));
      expect(savings).toContain('Amazon Elastic Compute Cloud - Compute: *$61.32/mo*');
      expect(savings).toContain('EC2 - Other: *$48.00/mo* in 2 finding(s)');
    });

    it('shows commitments and the checklist from the data the run kept, with those findings', async () => {
      const aws = sampleAws(AS_OF);
      const notes: Note[] = [];
      const optimization = await collectOptimization(aws, loadConfig({}), notes, {
        asOf: AS_OF,
        regions: ['us-east-1'],
      });
      const { checklist } = analyzeOptimization({ asOf: AS_OF, sample: true, notes, optimization }, [], {
        accountId: '111111111111',
        homeRegion: 'us-east-1',
      });
      const snap = await store.latestSnapshot();
      await store.putSnapshot({ ...snap!, extra: { commitments: optimization.commitments, checklist } });
      const commitments = said(await slash('commitments'));
      expect(commitments).toMatch(/Savings Plans: coverage \d+\.\d%, utilization \d+\.\d%/);
      expect(commitments).toContain('Reserved Instance expires in 45 days');
      expect(said(await slash('checklist'))).toMatch(/\*(PASS|WARN|FAIL)\* · /);
    });

    it('says plainly when checklist data is not there yet', async () => {
      expect(said(await slash('checklist'))).toContain('Not available yet');
    });

    it('explains a finding: sources, figure and basis, window, history', async () => {
      const id = seeded.byResource('i-0ccc').id;
      await slash(`ack ${id}`);
      const text = said(await slash(`explain ${id}`));
      expect(text).toContain('compute-optimizer');
      expect(text).toContain('m5.xlarge to m5.large, 730 h on demand');
      expect(text).toContain(`${AS_OF} to ${AS_OF}`);
      expect(text).toMatch(/acknowledged by <@U0ADMIN>/);
    });

    it('shows "mine" from the team map, by user and by user group', async () => {
      const admin = said(await slash('mine'));
      expect(admin).toContain('vol-0aaa');
      expect(admin).not.toContain('vol-0bbb');
      const groupie = said(await slash('mine', { user: 'U0GROUPIE' }));
      expect(groupie).toContain('vol-0bbb');
      // The team's spend this month against its budget: payments has spend and no budget in the seeded run.
      expect(groupie).toMatch(/payments\*?: \$[\d,.]+ this month \(Cost Explorer\) and no monthly budget/);
      expect(admin).not.toContain('monthly budget');
      expect(said(await slash('mine', { user: VIEWER }))).toContain('not mapped to a team');
    });

    it('reports status: last run, freshness, Cost Explorer requests and cost, what could not be read', async () => {
      const text = said(await slash('status'));
      expect(text).toContain('42 request(s) this month ($0.42 at $0.01 each), 3 in the last run');
      expect(text).toContain(`spend through ${AS_OF}, 1 day(s) still estimated`);
      expect(text).toContain('compute-optimizer:GetEC2InstanceRecommendations: AccessDenied');
      expect(text).toContain('*Realized savings:* claimed $0.00/mo in 0 resolved or scheduled findings');
    });

    it('reports realized savings as the digest does: claimed, verified against the bill, and how', async () => {
      const claim = { resolvedOn: '2026-11-10', lastSeen: '2026-11-09', claimedUsd: 32.85 };
      await store.putFindings([
        storedFinding({
          state: 'resolved',
          claim: { ...claim, verified: { on: AS_OF, monthlyUsd: 30.1, method: 'm' } },
        }),
        storedFinding({ state: 'resolved', claim: { ...claim, resolvedOn: '2026-11-19', claimedUsd: 4 } }),
      ]);
      const text = said(await slash('status'));
      expect(text).toContain(
        '*Realized savings:* claimed $36.85/mo in 2 resolved or scheduled findings, verified $30.10/mo against the bill (1 checked, 1 settling, 0 not checkable); verified: the drop',
      );
    });

    it('acknowledges, snoozes, keeps and reopens, recording who, when and why', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      expect(said(await slash(`ack ${id}`))).toContain('Acknowledged');
      expect(said(await slash(`snooze ${id} 2w waiting for the migration`))).toContain('until 2026-12-04');
      expect(said(await slash(`keep ${id} <!channel> golden image`))).toContain('&lt;!channel&gt; golden image');
      await slash(`reopen ${id}`);
      const f = await finding('vol-0aaa');
      expect(f.state).toBe('open');
      expect(f.history.map((h) => [h.state, h.by, h.reason ?? '', h.until ?? ''])).toEqual([
        ['acknowledged', ADMIN, '', ''],
        ['snoozed', ADMIN, 'waiting for the migration', '2026-12-04'],
        ['kept', ADMIN, '<!channel> golden image', ''],
        ['open', ADMIN, '', ''],
      ]);
      expect(f.history[0]?.at).toBe(clock.toISOString());
    });

    it('lets a member of an admin user group change states', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      expect(said(await slash(`ack ${id}`, { user: 'U0GROUPIE' }))).toContain('Acknowledged');
      expect((await finding('vol-0aaa')).history.at(-1)?.by).toBe('U0GROUPIE');
    });
  });

  describe('refusals', () => {
    it('refuses a forged signature with 401', async () => {
      const body = slashBody({ text: 'summary' });
      const res = await post(body, sign(body, 'not-the-secret'));
      expect(res.statusCode).toBe(401);
    });

    it('refuses a stale timestamp with 401, even correctly signed', async () => {
      const body = slashBody({ text: 'summary' });
      const res = await post(body, sign(body, 'test-signing-secret', Math.floor(Date.now() / 1000) - 6 * 60));
      expect(res.statusCode).toBe(401);
    });

    it('refuses a timestamp from the future (10 minutes, a year) with 401, even correctly signed', async () => {
      const body = slashBody({ text: 'summary' });
      const now = Math.floor(Date.now() / 1000);
      for (const ahead of [10 * 60, 365 * 86_400]) {
        expect((await post(body, sign(body, 'test-signing-secret', now + ahead))).statusCode).toBe(401);
      }
      expect((await post(body, sign(body, 'test-signing-secret', now + 60))).statusCode).toBe(200);
    });

    it('answers 400 to an event with no headers at all', async () => {
      const event = { ...httpEvent(slashBody({ text: 'summary' })), headers: undefined } as unknown as Parameters<
        typeof handler
      >[0];
      expect((await handler(event, {})).statusCode).toBe(400);
    });

    it('accepts a form body whose content type names its charset', async () => {
      const body = slashBody({ text: 'summary' });
      const res = await post(body, {}, 'application/x-www-form-urlencoded; charset=utf-8');
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body).blocks.length).toBeGreaterThan(0);
    });

    it('refuses a signed body that is not a Slack payload with 400', async () => {
      expect((await post('{"hello":"world"}', {}, 'application/json')).statusCode).toBe(400);
      expect((await post('not json at all', {}, 'text/plain')).statusCode).toBe(400);
      expect((await post('payload=%7Bbroken', {})).statusCode).toBe(400);
    });

    it('refuses an unknown workspace or app politely and changes nothing', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      expect(said(await slash(`ack ${id}`, { team: 'T0OTHER' }))).toContain('does not serve this workspace');
      expect(said(await slash(`ack ${id}`, { app: 'A0OTHER' }))).toContain('does not serve this workspace');
      expect((await finding('vol-0aaa')).history).toEqual([]);
    });

    it('refuses a channel not allowed and direct messages unless allowed', async () => {
      const reply = await slash('summary', { channel: 'C0RANDOM' });
      expect(reply.response_type).toBe('ephemeral');
      expect(said(reply)).toContain('does not answer in this channel');
      expect(said(reply)).not.toContain('$');
      expect(said(await slash('summary', { channel: 'D0DIRECT' }))).toContain('direct messages');
      // Owner channels are allowed by default.
      expect(said(await slash('summary', { channel: 'C0PAYMENTS' }))).toContain('Month-to-date');
    });

    it('refuses a state change by someone not allowed', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      expect(said(await slash(`ack ${id}`, { user: VIEWER }))).toContain('not allowed to change findings');
      expect((await finding('vol-0aaa')).history).toEqual([]);
    });

    it('answers an unknown id, an unreadable duration and over-long text without changing anything', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      expect(said(await slash('ack NoSuchId99'))).toContain('No finding has the id `NoSuchId99`');
      expect(said(await slash('explain <@U123>'))).toContain('&lt;@U123&gt;');
      const bad = said(await slash(`snooze ${id} soon`));
      expect(bad).toContain('cannot read the duration "soon"');
      expect(bad).toContain('Usage: `/durion-cost snooze ID DURATION [reason]`');
      expect(said(await slash(`keep ${id} ${'x'.repeat(600)}`))).toContain('at most 500 characters');
      expect((await finding('vol-0aaa')).history).toEqual([]);
    });
  });

  it('answers politely and changes nothing when the store fails, and a retry can still act', async () => {
    const id = seeded.byResource('vol-0aaa').id;
    let failing = true;
    // The real store, except that changing a state fails until `failing` is cleared.
    const flaky: Store = Object.create(store);
    flaky.setState = (...args) =>
      failing ? Promise.reject(new StoreError('store: could not change a finding state')) : store.setState(...args);
    const { handler: withFlakyStore } = createSlackApp({
      config: slackConfig(slack.apiUrl),
      signingSecret: 'test-signing-secret',
      botToken: 'xoxb-test',
      store: flaky,
      sendFeedback: async () => {},
      now: () => clock,
    });
    const body = slashBody({ text: `ack ${id}`, trigger: 'T-FLAKY-1' });
    const first = await withFlakyStore(httpEvent(body), {});
    expect(JSON.parse(first.body).blocks[1].text.text).toContain('could not reach its store');
    expect((await finding('vol-0aaa')).history).toEqual([]);
    failing = false;
    await withFlakyStore(httpEvent(body, { 'x-slack-retry-num': '1' }), {});
    expect((await finding('vol-0aaa')).state).toBe('acknowledged');
  });

  it('says a finding changed meanwhile, logging no error, when the change keeps conflicting', async () => {
    const id = seeded.byResource('vol-0aaa').id;
    const busy: Store = Object.create(store);
    busy.setState = () => Promise.reject(new ChangedMeanwhileError('store: finding kept changing'));
    const errors = vi.spyOn(console, 'error');
    const { handler: withBusyStore } = createSlackApp({
      config: slackConfig(slack.apiUrl),
      signingSecret: 'test-signing-secret',
      botToken: 'xoxb-test',
      store: busy,
      sendFeedback: async () => {},
      now: () => clock,
    });
    const res = await withBusyStore(httpEvent(slashBody({ text: `ack ${id}`, trigger: 'T-BUSY-1' })), {});
    expect(JSON.stringify(JSON.parse(res.body))).toContain(
      'was changed by someone else meanwhile; nothing was changed',
    );
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  describe('retries', () => {
    it('does not act twice when Slack retries a state change', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      const body = slashBody({ text: `snooze ${id} 7d`, trigger: 'T-RETRY-1' });
      expect((await post(body)).statusCode).toBe(200);
      const retried = await post(body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
      expect(retried.statusCode).toBe(200);
      expect(JSON.parse(retried.body).text).toBe('Already done');
      expect((await finding('vol-0aaa')).history).toHaveLength(1);
    });

    it('does not act twice when a Keep form submission is delivered again', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      const body = keepSubmission(JSON.stringify({ findingId: id, channelId: CHANNEL }), 'DR image', ADMIN, 'V0ONCE');
      await post(body);
      await post(body, { 'x-slack-retry-num': '1' });
      expect((await finding('vol-0aaa')).history).toHaveLength(1);
    });

    it('does not act twice when a button press is delivered again', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      await press(ACTION.ack, id, { trigger: 'T-BUTTON-1' });
      await press(ACTION.ack, id, { trigger: 'T-BUTTON-1' });
      expect((await finding('vol-0aaa')).history).toHaveLength(1);
    });
  });

  describe('buttons', () => {
    it('acknowledges from the button and answers the presser through response_url', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      const [reply] = await press(ACTION.ack, id);
      expect(reply?.response_type).toBe('ephemeral');
      expect(said(reply as Reply)).toContain(`Acknowledged \`${id}\``);
      expect((await finding('vol-0aaa')).state).toBe('acknowledged');
    });

    it('snoozes for 7 days; the finding counts as open again once the day has come', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      await press(ACTION.snooze, id);
      expect(await finding('vol-0aaa')).toMatchObject({ state: 'snoozed', snoozedUntil: '2026-11-27' });
      expect(said(await slash('unused'))).not.toContain('vol-0aaa');
      clock = new Date('2026-11-27T09:00:00Z');
      const text = said(await slash('unused'));
      expect(text).toContain('vol-0aaa');
      expect(text).toMatch(new RegExp(`\`${id}\` · open`));
    });

    it('opens a modal for Keep and records the reason given', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      await press(ACTION.keep, id);
      const [open] = slack.to('/api/views.open');
      expect(open?.authorization).toBe('Bearer xoxb-test');
      const view = JSON.parse(String(open?.body.view)) as { private_metadata: string; callback_id: string };
      expect(view.callback_id).toBe('durion:keep-reason');
      expect((await finding('vol-0aaa')).history).toEqual([]);

      const res = await post(keepSubmission(view.private_metadata, 'AMI source for the DR runbook'));
      expect(res.statusCode).toBe(200);
      const f = await finding('vol-0aaa');
      expect(f.state).toBe('kept');
      expect(f.history[0]).toMatchObject({ state: 'kept', by: ADMIN, reason: 'AMI source for the DR runbook' });
      const [confirm] = slack.to('/api/chat.postEphemeral');
      expect(confirm?.body).toMatchObject({ channel: CHANNEL, user: ADMIN });
    });

    it('refuses an empty reason in the Keep modal', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      const meta = JSON.stringify({ findingId: id, channelId: CHANNEL });
      const res = await post(keepSubmission(meta, '   '));
      expect(JSON.parse(res.body)).toMatchObject({ response_action: 'errors' });
      expect((await finding('vol-0aaa')).history).toEqual([]);
    });

    it('acks the console link button and changes nothing', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      expect(await press(ACTION.console, id)).toEqual([]);
      expect((await finding('vol-0aaa')).history).toEqual([]);
    });

    it.each([
      [ACTION.accurate, 'acknowledged', 'accurate anomaly', 'YES'],
      [ACTION.falsePositive, 'kept', 'false positive', 'NO'],
      [ACTION.planned, 'kept', 'planned spend', 'PLANNED_ACTIVITY'],
    ])('records an anomaly verdict (%s) and sends it back to AWS', async (action, state, reason, feedback) => {
      const id = seeded.byResource('anomaly-1').id;
      const [reply] = await press(action, id);
      expect(await finding('anomaly-1')).toMatchObject({ state, history: [{ state, by: ADMIN, reason }] });
      expect(awsCalls).toEqual([
        expect.objectContaining({
          service: 'ce',
          operation: 'ProvideAnomalyFeedback',
          input: { AnomalyId: 'ad-0001', Feedback: feedback },
        }),
      ]);
      expect(said(reply as Reply)).toContain('Sent');
    });

    it('keeps the verdict when AWS refuses the feedback, and says so', async () => {
      const [anomaly] = reconcile(
        [{ ...DRAFTS[3]!, resourceId: 'anomaly-2', evidence: { awsAnomalyId: 'ad-denied' } }],
        [],
        AS_OF,
        clock,
      ).findings;
      await store.putFindings([anomaly!]);
      const [reply] = await press(ACTION.falsePositive, anomaly!.id);
      expect((await store.getFinding(anomaly!.id))?.state).toBe('kept');
      expect(said(reply as Reply)).toContain('AWS did not take the feedback');
    });

    it('refuses a button from a channel not allowed and one pressed by someone not allowed', async () => {
      const id = seeded.byResource('vol-0aaa').id;
      const [fromChannel] = await press(ACTION.ack, id, { channel: 'C0RANDOM' });
      expect(said(fromChannel as Reply)).toContain('does not answer in this channel');
      const [byViewer] = (await press(ACTION.ack, id, { user: VIEWER })).slice(1);
      expect(said(byViewer as Reply)).toContain('not allowed');
      const [unknown] = (await press(ACTION.ack, 'NoSuchId99')).slice(2);
      expect(said(unknown as Reply)).toContain('No finding has the id');
      expect((await finding('vol-0aaa')).history).toEqual([]);
    });
  });
});
