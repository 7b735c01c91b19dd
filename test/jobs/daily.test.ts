import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plantedAnomalies } from '../../fixtures/sample/estate';
import { createAws } from '../../src/aws';
import { Recorder } from '../../src/aws/cassette';
import { loadConfig } from '../../src/config';
import { usd } from '../../src/domain/money';
import { runDaily } from '../../src/jobs/daily';
import { openStore } from '../../src/ledger/store';
import { slashCommand } from '../../src/slack/router';
import { csvRows } from '../helpers/csv';
import { fakeSlack } from '../helpers/fake-slack';
import { recordingSample, sampleAws } from '../helpers/sample-aws';
import { tempDir } from '../ledger/helpers';

const OUTPUTS = [
  'digest.blocks.json',
  'digest.txt',
  'alerts.json',
  'findings.json',
  'findings.csv',
  'untagged.csv',
  'run.json',
];

describe('the daily run on the sample account', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  const run = (asOf: string, env: Record<string, string> = {}, slackBotToken?: string) =>
    runDaily({
      aws: sampleAws(asOf),
      asOf,
      outDir: join(tmp.dir, 'out', asOf),
      storeDir: join(tmp.dir, 'store'),
      config: loadConfig(env),
      slackBotToken,
    });

  it('writes every output, reports Cost Explorer requests, and re-reads little the next day', async () => {
    const first = await run('2026-11-20');
    for (const file of OUTPUTS) expect(existsSync(join(tmp.dir, 'out', '2026-11-20', file))).toBe(true);
    const report = JSON.parse(readFileSync(join(tmp.dir, 'out', '2026-11-20', 'run.json'), 'utf8'));
    expect(report.costExplorerRequests).toBe(first.report.costExplorerRequests);
    // A first run: spend (3 pages of 13 months), forecast, commitments (purchases from the Hub), cost-allocation
    // tags, anomalies, root causes, and October's data transfer (read once a month, then kept).
    expect(report.costExplorerRequests).toBeLessThanOrEqual(14);
    expect(report.calls['ce:GetCostAndUsage']).toBeGreaterThan(0);
    const untagged = readFileSync(join(tmp.dir, 'out', '2026-11-20', 'untagged.csv'), 'utf8').split('\n');
    expect(untagged[1]).toBe(
      'natGateways,nat-0c1ea0c1ea0c10001,111111111111,us-east-1,grace,group,stack prod-network,,,,,32.85,price-table,' +
        '"1 × 730 h × $0.045 (vpc.nat_gateway.hour, us-east-1 list price)",' +
        '"aws ec2 create-tags --region us-east-1 --resources nat-0c1ea0c1ea0c10001 --tags Key=owner,Value=grace"',
    );
    // The unattached 200 GB volume's owner comes from CloudTrail: two pages of one lookup, and the Elastic IP's one.
    expect(untagged[2]).toMatch(
      /^volumes,vol-0ffffffffffff0003,111111111111,us-east-1,alice,cloudtrail,from CloudTrail: created by alice@example\.com \(SSO PowerUserAccess\),alice@example\.com \(SSO PowerUserAccess\),CreateVolume,2026-09-21T09:30:00\.000Z,,16\.00,/,
    );
    expect(report.calls['cloudtrail:LookupEvents']).toBe(3);
    // ... and its findings carry that owner, saying where it came from (the digest, Slack, CSV and routing read it).
    const findings = JSON.parse(readFileSync(join(tmp.dir, 'out', '2026-11-20', 'findings.json'), 'utf8')) as {
      resourceId: string;
      owner?: string;
      ownerSource?: string;
      ownerFrom?: string;
    }[];
    const scratch = findings.filter((f) => f.resourceId === 'vol-0ffffffffffff0003');
    expect(scratch.length).toBeGreaterThan(0);
    for (const f of scratch) {
      expect(f).toMatchObject({
        owner: 'alice',
        ownerSource: 'cloudtrail',
        ownerFrom: expect.stringMatching(/^from CloudTrail/),
      });
    }
    const text = readFileSync(join(tmp.dir, 'out', '2026-11-20', 'digest.txt'), 'utf8');
    expect(text).toMatch(/sample/i);
    expect(text).toMatch(/month/i);
    expect(text).toMatch(/forecast/i);

    const next = await run('2026-11-21');
    expect(next.report.costExplorerRequests).toBeLessThan(first.report.costExplorerRequests);
    expect(next.report.costExplorerRequests).toBeLessThanOrEqual(6);
    // Each resource is looked up in CloudTrail once: the next day reads the snapshot's lookups.
    expect(next.report.calls['cloudtrail:LookupEvents']).toBeUndefined();
  });

  it('puts the anomalies, each with its verdict buttons, before the savings lists, which the 50-block cap cuts', async () => {
    await run('2026-11-20');
    const { blocks } = JSON.parse(readFileSync(join(tmp.dir, 'out', '2026-11-20', 'digest.blocks.json'), 'utf8')) as {
      blocks: { type: string; text?: { text: string }; elements?: { action_id?: string; text?: unknown }[] }[];
    };
    expect(blocks.length).toBeLessThanOrEqual(50);
    const titled = (title: string) => blocks.findIndex((b) => b.text?.text === `*${title}*`);
    expect(titled('Spend anomalies')).toBeGreaterThan(0);
    expect(titled('Spend anomalies')).toBeLessThan(titled('Savings waiting'));
    const planted = plantedAnomalies('2026-11-20');
    const shown = blocks.flatMap((b, i) => (b.type === 'section' && /^\*[+-]\$/.test(b.text?.text ?? '') ? [i] : []));
    expect(shown).toHaveLength(planted.length);
    for (const at of shown) {
      expect(blocks[at + 1]?.elements?.map((e) => e.action_id)).toEqual([
        'durion:anomaly-accurate',
        'durion:anomaly-false-positive',
        'durion:anomaly-planned',
        'durion:console',
      ]);
    }
    const cuts = blocks
      .flatMap((b) => (b.type === 'context' ? (b.elements ?? []).map((e) => String(e.text)) : []))
      .filter((t) => t.includes('more not shown'));
    expect(cuts.length).toBeGreaterThan(0);
    for (const t of cuts)
      expect(t).toMatch(/^… \d+ more not shown \(Slack's 50-block limit\); all are in findings\.csv$/);
  });

  it('gives one savings figure everywhere: digest, Slack savings (any grouping), status and the counted CSV rows', async () => {
    await run('2026-11-20');
    const store = join(tmp.dir, 'store');
    const out = join(tmp.dir, 'out', '2026-11-20');
    const digest = readFileSync(join(out, 'digest.txt'), 'utf8');
    const figure = /\n {2}(\$[\d,.]+) a month across (\d+) open findings/.exec(digest);
    expect(figure).not.toBeNull();
    const [, total, count] = figure as unknown as [string, string, string];
    for (const text of ['savings', 'savings strategy', 'savings service', 'savings account']) {
      expect(await slashCommand(text, { store })).toContain(`${total}/mo in ${count} open findings`);
    }
    expect(await slashCommand('status', { store })).toContain(`Savings waiting: ${total}/mo in ${count} open findings`);
    const rows = csvRows(readFileSync(join(out, 'findings.csv'), 'utf8'));
    const [head = []] = rows;
    const counted = rows.slice(1).filter((r) => r[head.indexOf('countedInSavings')] === 'true');
    const csvCents = counted.reduce((s, r) => s + Math.round(Number(r[head.indexOf('monthlySavingsUsd')]) * 100), 0);
    expect(usd(csvCents / 100)).toBe(total);
    // Anomalies are impacts in their own column, never counted.
    const anomalies = rows.slice(1).filter((r) => r[head.indexOf('source')] === 'anomaly');
    expect(anomalies.length).toBeGreaterThan(0);
    expect(anomalies.every((r) => r[head.indexOf('countedInSavings')] === 'false')).toBe(true);
    expect(anomalies.some((r) => Number(r[head.indexOf('monthlyImpactUsd')]) > 0)).toBe(true);
  });

  it('posts one digest and publishes no second alert when the same date runs twice', async () => {
    const slack = await fakeSlack();
    try {
      const env = { SLACK_CHANNEL: 'C0DIGEST', SLACK_API_URL: slack.url };
      const first = await run('2026-11-20', env, 'xoxb-test-token');
      const second = await run('2026-11-20', env, 'xoxb-test-token');
      const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
      expect(posts).toHaveLength(1);
      expect(posts[0]?.headers.authorization).toBe('Bearer xoxb-test-token');
      expect(posts[0]?.body.channel).toBe('C0DIGEST');
      expect(first.report.digests).toEqual([{ channel: 'C0DIGEST', posted: true, reason: 'posted' }]);
      expect(second.report.digests).toEqual([
        { channel: 'C0DIGEST', posted: false, reason: 'already posted for 2026-11-20' },
      ]);
      // Then its charts, once: both PNGs to their upload URLs, shared in the channel under the digest's comment.
      const named = slack.calls.filter((c) => c.method === 'files.getUploadURLExternal').map((c) => c.body.filename);
      expect(named).toEqual(['chart-spend-2026-11-20.png', 'chart-services-2026-11-20.png']);
      const uploads = slack.calls.filter((c) => c.method.startsWith('upload/'));
      const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(uploads.map((u) => [u.method, u.raw.includes(signature)])).toEqual([
        ['upload/F1', true],
        ['upload/F2', true],
      ]);
      // A Lambda keeps no files: it drew the charts to post them, not into the out folder.
      expect(existsSync(join(tmp.dir, 'out', '2026-11-20', 'chart-spend.png'))).toBe(false);
      const shared = slack.calls.filter((c) => c.method === 'files.completeUploadExternal');
      expect(shared).toHaveLength(1);
      expect(shared[0]?.body).toMatchObject({
        channel_id: 'C0DIGEST',
        initial_comment: 'Charts of the cost digest for 2026-11-20',
        files: [
          { id: 'F1', title: 'Spend in November 2026 · SAMPLE ACCOUNT — not real data' },
          { id: 'F2', title: 'Top services, daily spend Nov 6–19 · SAMPLE ACCOUNT — not real data' },
        ],
      });
      expect(first.report.uploads).toEqual([
        { key: 'files#2026-11-20#C0DIGEST#charts', posted: true, reason: 'posted' },
      ]);
      expect(slack.calls.findIndex((c) => c.method === 'chat.postMessage')).toBeLessThan(
        slack.calls.findIndex((c) => c.method === 'files.getUploadURLExternal'),
      );
    } finally {
      await slack.close();
    }
  });

  it('resumes a retry of the same invocation from the store: sends what is unsent, reads AWS no more', async () => {
    let refuse = true;
    const slack = await fakeSlack((call) =>
      call.method === 'chat.postMessage' && refuse
        ? { ok: false, error: 'service_unavailable' }
        : { ok: true, ts: '1.0' },
    );
    try {
      const env = { SLACK_CHANNEL: 'C0DIGEST', SLACK_API_URL: slack.url };
      const attempt = (aws: ReturnType<typeof sampleAws>, invocationId: string) =>
        runDaily({
          aws,
          asOf: '2026-11-20',
          outDir: join(tmp.dir, 'out'),
          storeDir: join(tmp.dir, 'store'),
          config: loadConfig(env),
          slackBotToken: 'xoxb-test-token',
          invocationId,
        });
      const first = await attempt(sampleAws('2026-11-20'), 'evt-1');
      expect(first.report.digests).toEqual([
        { channel: 'C0DIGEST', posted: false, reason: 'chat.postMessage to C0DIGEST failed: service_unavailable' },
      ]);
      // The digest's charts are their own message: Slack took them, and no retry shares them again.
      const charts = 'files#2026-11-20#C0DIGEST#charts';
      expect(first.report.outbox).toMatchObject({ keys: ['digest#2026-11-20#C0DIGEST', charts], unsent: 1 });
      expect(first.report.uploads).toEqual([{ key: charts, posted: true, reason: 'posted' }]);

      refuse = false;
      const retryAws = sampleAws('2026-11-20');
      const retry = await attempt(retryAws, 'evt-1');
      expect(retry.report.resumed).toBeDefined();
      expect(retry.report.digests).toEqual([{ channel: 'C0DIGEST', posted: true, reason: 'posted' }]);
      expect(retry.report.outbox?.unsent).toBe(0);
      expect(retry.report.uploads).toEqual([{ key: charts, posted: false, reason: 'already posted for 2026-11-20' }]);
      expect(retryAws.calls.forService('ce')).toBe(0);
      expect(Object.keys(retryAws.calls.byOperation)).toEqual(['sts:GetCallerIdentity']);
      expect(retry.report.findings).toEqual(first.report.findings);

      // Another invocation for the same day runs whole, and posts nothing twice.
      const rerun = await attempt(sampleAws('2026-11-20'), 'evt-2');
      expect(rerun.report.resumed).toBeUndefined();
      expect(rerun.report.costExplorerRequests).toBeGreaterThan(0);
      expect(rerun.report.digests[0]?.reason).toBe('already posted for 2026-11-20');
      expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
      expect(slack.calls.filter((c) => c.method === 'files.completeUploadExternal')).toHaveLength(1);
    } finally {
      await slack.close();
    }
  });

  it('publishes each alert once, and again on the next run when SNS refused it', async () => {
    const sns = mockClient(SNSClient);
    try {
      const env = {
        DURION_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:alerts',
        DURION_FORECAST_ALERT_SHARE: '0.01',
        // Only the forecast alert here; anomaly alerts are tested in test/anomaly/step.test.ts.
        DURION_ANOMALY_MIN_IMPACT_USD: '1000000',
      };
      const throttled = { name: 'Throttling', $metadata: { httpStatusCode: 400 } };
      sns.on(PublishCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), throttled));
      const refused = await run('2026-11-20', env);
      expect(refused.report.alerts).toEqual({ built: 1, published: 0, duplicates: 0 });
      expect(refused.report.notes).toContainEqual(
        expect.objectContaining({ kind: 'throttled', source: 'sns:Publish' }),
      );
      sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
      const retried = await run('2026-11-20', env);
      expect(retried.report.alerts).toEqual({ built: 1, published: 1, duplicates: 0 });
      const again = await run('2026-11-20', env);
      expect(again.report.alerts).toEqual({ built: 1, published: 0, duplicates: 1 });
      expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
      expect(sns).toHaveReceivedCommandWith(PublishCommand, {
        TopicArn: 'arn:aws:sns:us-east-1:111111111111:alerts',
        MessageAttributes: expect.objectContaining({ kind: { DataType: 'String', StringValue: 'forecast' } }),
      });
    } finally {
      sns.restore();
    }
  });

  it('sees the planted anomalies as ongoing the next day of their week, and alerts on them once', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    try {
      const env = { DURION_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:alerts' };
      const anomalyPublishes = () =>
        sns
          .commandCalls(PublishCommand)
          .filter((c) => c.args[0].input.MessageAttributes?.kind?.StringValue === 'anomaly').length;
      // A Wednesday and the Thursday after: one week of the sample's planted anomalies (src/sample/estate.ts).
      const first = await run('2026-11-18', env);
      expect(anomalyPublishes()).toBe(3);
      const next = await run('2026-11-19', env);
      expect(anomalyPublishes()).toBe(3);
      expect(next.report.alerts.built).toBe(first.report.alerts.built - 3);
      expect(next.report.findings.new).toBe(0);
      expect(next.digestText).toMatch(/0 new, 2 ongoing, 1 resolved/);
      const findings: { source: string; resourceId: string; firstSeen: string }[] = JSON.parse(
        readFileSync(join(tmp.dir, 'out', '2026-11-19', 'findings.json'), 'utf8'),
      );
      const anomalies = findings.filter((f) => f.source === 'anomaly');
      expect(anomalies.map((f) => f.resourceId.split('|').pop()).sort()).toEqual(
        plantedAnomalies('2026-11-19')
          .map((p) => p.start)
          .sort(),
      );
      expect(anomalies.map((f) => f.firstSeen)).toEqual(['2026-11-18', '2026-11-18', '2026-11-18']);
    } finally {
      sns.restore();
    }
  });

  it('routes owners’ findings to their channels, the rest and the account-wide parts to the main digest', async () => {
    const slack = await fakeSlack();
    try {
      const env = {
        SLACK_CHANNEL: 'C0MAIN',
        SLACK_API_URL: slack.url,
        DURION_OWNER_CHANNELS: '{"data":"C0DATA"}',
        DURION_ACCOUNT_CHANNELS: '{"222222222222":"C0STAGING"}',
      };
      const { report } = await run('2026-11-20', env, 'xoxb-test-token');
      await run('2026-11-20', env, 'xoxb-test-token');
      const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
      expect(posts.map((p) => p.body.channel).sort()).toEqual(['C0DATA', 'C0MAIN', 'C0STAGING']);
      // The staging account's channel: its findings whose owner has no channel, under the account's name.
      const staging = JSON.stringify(posts.find((p) => p.body.channel === 'C0STAGING')?.body);
      expect(staging).toContain('Cost findings for account durion-staging 222222222222');
      expect(staging).toContain('durion-staging 222222222222, us-east-1');
      expect(staging).not.toContain('111111111111');
      expect(report.digests.every((d) => d.posted)).toBe(true);
      const text = (channel: string) => JSON.stringify(posts.find((p) => p.body.channel === channel)?.body.blocks);
      expect(text('C0DATA')).toContain('owner data');
      expect(text('C0DATA')).not.toMatch(/owner (?!data)/);
      expect(text('C0DATA')).not.toContain('Month-to-date');
      expect(text('C0MAIN')).not.toContain('owner data');
      expect(text('C0MAIN')).toContain('Month-to-date');
      expect(text('C0MAIN')).toContain('"action_id":"durion:ack"');
    } finally {
      await slack.close();
    }
  });

  it('on the day after the 1st, compares yesterday usage with usage and shows the monthly fees on their own row', async () => {
    const { digestText } = await run('2026-12-02');
    const dollars = (s: string | undefined) => Number(s?.replace(/[$,]/g, ''));
    const usage = /^Yesterday \(Dec 1\), usage +(\$[\d,.]+) +\S+ \((.+?)\) vs 7-day average usage/m.exec(digestText);
    const fees =
      /^Monthly fees \(Dec 1\) +(\$[\d,.]+) +AWS Support \(Business\).*Tax.*Savings Plans.*yesterday in all (\$[\d,.]+)$/m.exec(
        digestText,
      );
    expect(usage, digestText).not.toBeNull();
    expect(fees, digestText).not.toBeNull();
    // Usage moved a few percent, not the +533% the fees made of it; usage and fees add up to yesterday's total.
    expect(Math.abs(Number.parseFloat(usage?.[2] ?? 'NaN'))).toBeLessThan(10);
    expect(Math.abs(dollars(usage?.[1]) + dollars(fees?.[1]) - dollars(fees?.[2]))).toBeLessThan(1);
  });

  it('counts Cost Explorer requests over the calendar month', async () => {
    const a = await run('2026-11-20');
    const b = await run('2026-11-21');
    const c = await run('2026-12-01');
    expect(b.report.costExplorerRequestsMonth).toBe(a.report.costExplorerRequests + b.report.costExplorerRequests);
    // The next day reuses the settled spend, the weekly commitments and the ongoing anomalies' root causes.
    expect(b.report.costExplorerRequests).toBeLessThanOrEqual(6);
    expect(b.digestText).toMatch(/top: usage-type USE1-Host:ml\.g4dn\.xlarge .*, through 2026-11-19\)/);
    expect(c.report.costExplorerRequestsMonth).toBe(c.report.costExplorerRequests);
  });

  it('leaves the store for the Slack bot: the latest snapshot and the findings', async () => {
    await run('2026-11-20');
    const store = await openStore({ storeDir: join(tmp.dir, 'store') });
    try {
      const snapshot = await store.latestSnapshot();
      expect(snapshot?.asOf).toBe('2026-11-20');
      expect(snapshot?.sample).toBe(true);
      expect(snapshot?.spend.days.length).toBeLessThanOrEqual(92);
    } finally {
      await store.close();
    }
  });
});

describe('a cassette of the sample account', () => {
  it('replays through the real collectors to the same figures, account ids scrubbed', async () => {
    const tmp = tempDir();
    try {
      // Record what the sample answers, as `durion-cost record` keeps what AWS answers.
      const recorder = new Recorder();
      // The replay reads the organization as the sample run did: through each account's role, as recorded.
      const config = loadConfig({ DURION_ACCOUNTS: 'organization' });
      const base = { asOf: '2026-11-20', config, storeDir: join(tmp.dir, 'store-a') };
      const live = await runDaily({
        ...base,
        aws: recordingSample('2026-11-20', recorder),
        outDir: join(tmp.dir, 'a'),
      });
      recorder.write(join(tmp.dir, 'cassette'));

      const replay = await runDaily({
        ...base,
        aws: createAws({ mode: 'cassette', homeRegion: 'us-east-1', cassetteDir: join(tmp.dir, 'cassette') }),
        outDir: join(tmp.dir, 'b'),
        storeDir: join(tmp.dir, 'store-b'),
      });
      expect(replay.report.calls).toEqual(live.report.calls);
      expect(replay.report.findings).toEqual(live.report.findings);
      const totals = (dir: string) =>
        JSON.parse(readFileSync(join(tmp.dir, dir, 'findings.json'), 'utf8')).map(
          (f: { monthlySavingsUsd: number }) => f.monthlySavingsUsd,
        );
      expect(totals('b').sort()).toEqual(totals('a').sort());
      // One folder per member account, under its scrubbed id; the running account's own calls at the top.
      expect(readdirSync(join(tmp.dir, 'cassette', 'accounts')).sort()).toEqual(['100000000002', '100000000003']);
      expect(existsSync(join(tmp.dir, 'cassette', 'accounts', '100000000002', 'ec2', 'DescribeInstances.json'))).toBe(
        true,
      );
      expect(existsSync(join(tmp.dir, 'cassette', 'ec2', 'DescribeInstances.json'))).toBe(true);
      const cassette = readFileSync(join(tmp.dir, 'cassette', 'ce', 'GetCostAndUsage.json'), 'utf8');
      expect(cassette).not.toContain('111111111111');
      expect(cassette).toContain('100000000001');
    } finally {
      tmp.cleanup();
    }
  });
});
