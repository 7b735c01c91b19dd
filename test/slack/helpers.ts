/** Signed Slack requests as API Gateway HTTP API events, a fake Slack Web API on 127.0.0.1, and a seeded store. */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { summarize } from '../../src/analyze/summary';
import { loadConfig } from '../../src/config';
import { addDays, daysBetween } from '../../src/domain/dates';
import type { FindingDraft } from '../../src/domain/finding';
import type { SpendData } from '../../src/domain/spend';
import { reconcile } from '../../src/ledger/ledger';
import type { Snapshot, Store } from '../../src/ledger/types';
import { draft } from '../ledger/helpers';

export const SECRET = 'test-signing-secret';
export const TEAM = 'T0TEST';
export const APP = 'A0TEST';
export const CHANNEL = 'C0COSTS';
export const ADMIN = 'U0ADMIN';
export const VIEWER = 'U0VIEWER';
export const GROUP = 'S0PLATFORM';
export const AS_OF = '2026-11-20';

/** Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret, hex. */
export function sign(body: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  const hash = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${hash}`, 'x-slack-request-timestamp': String(timestamp) };
}

let triggers = 0;
/** A fresh trigger id, as Slack gives each invocation. */
export const trigger = () => `${Date.now()}.${++triggers}.abcdef`;

/** An HTTP API (payload 2.0) POST /slack/events with this body, signed unless headers say otherwise. */
export function httpEvent(
  body: string,
  headers: Record<string, string> = {},
  contentType = 'application/x-www-form-urlencoded',
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: { 'content-type': contentType, ...sign(body), ...headers },
    requestContext: { http: { method: 'POST', path: '/slack/events' } } as APIGatewayProxyEventV2['requestContext'],
    body,
    isBase64Encoded: false,
  };
}

export interface SlashFields {
  text: string;
  user?: string;
  channel?: string;
  team?: string;
  app?: string;
  trigger?: string;
}

/** The form body Slack posts for `/durion-cost TEXT`. */
export function slashBody(f: SlashFields, responseUrl = 'http://127.0.0.1:9/unused'): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: f.team ?? TEAM,
    team_domain: 'durion',
    channel_id: f.channel ?? CHANNEL,
    channel_name: 'costs',
    user_id: f.user ?? ADMIN,
    user_name: 'someone',
    command: '/durion-cost',
    text: f.text,
    api_app_id: f.app ?? APP,
    response_url: responseUrl,
    trigger_id: f.trigger ?? trigger(),
  }).toString();
}

export interface ButtonFields {
  actionId: string;
  value: string;
  user?: string;
  channel?: string;
  team?: string;
  app?: string;
  responseUrl: string;
  trigger?: string;
}

/** The form body Slack posts when a button is pressed (block_actions). */
export function buttonBody(f: ButtonFields): string {
  const payload = {
    type: 'block_actions',
    api_app_id: f.app ?? APP,
    team: { id: f.team ?? TEAM, domain: 'durion' },
    user: { id: f.user ?? ADMIN, username: 'someone', team_id: f.team ?? TEAM },
    channel: { id: f.channel ?? CHANNEL, name: 'costs' },
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: f.channel ?? CHANNEL,
      is_ephemeral: false,
    },
    trigger_id: f.trigger ?? trigger(),
    response_url: f.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: f.actionId,
        block_id: `durion:finding:${f.value}`,
        value: f.value,
        action_ts: '1700000001.000200',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The form body Slack posts when a modal is submitted (view_submission): each field's plain text input. */
export function formSubmission(
  callbackId: string,
  privateMetadata: string,
  fields: Record<string, string>,
  user = ADMIN,
  viewId = `V${Date.now()}`,
): string {
  const values = Object.fromEntries(
    Object.entries(fields).map(([id, value]) => [id, { [id]: { type: 'plain_text_input', value } }]),
  );
  const payload = {
    type: 'view_submission',
    api_app_id: APP,
    team: { id: TEAM, domain: 'durion' },
    user: { id: user, username: 'someone', team_id: TEAM },
    trigger_id: trigger(),
    view: {
      id: viewId,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: '1.abc',
      team_id: TEAM,
      app_id: APP,
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The form body Slack posts when the Keep modal is submitted (view_submission). */
export const keepSubmission = (privateMetadata: string, reason: string, user = ADMIN, viewId = `V${Date.now()}`) =>
  formSubmission('durion:keep-reason', privateMetadata, { reason }, user, viewId);

export interface FakeRequest {
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** A fake Slack Web API and response_url target on 127.0.0.1: records every request and answers ok. */
export async function fakeSlack(members: Record<string, string[]> = {}) {
  const requests: FakeRequest[] = [];
  const read = async (req: IncomingMessage) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if ((req.headers['content-type'] ?? '').includes('json')) return JSON.parse(raw) as Record<string, unknown>;
    return Object.fromEntries(new URLSearchParams(raw)) as Record<string, unknown>;
  };
  const server = createServer(async (req, res) => {
    const body = await read(req);
    const path = req.url ?? '';
    requests.push({ path, body, authorization: req.headers.authorization });
    const extra = path.startsWith('/api/usergroups.users.list') ? { users: members[String(body.usergroup)] ?? [] } : {};
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, ...extra }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (name = 'respond') => `${base}/hooks/${name}`,
    requests,
    /** Requests to one path prefix, e.g. "/api/views.open" or "/hooks/". */
    to: (prefix: string) => requests.filter((r) => r.path.startsWith(prefix)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Slack settings the tests run with (workspace, app, channel, admins, a team map by user and by group). */
export function slackConfig(apiUrl: string) {
  return loadConfig({
    SLACK_API_URL: apiUrl,
    SLACK_TEAM_ID: TEAM,
    SLACK_APP_ID: APP,
    SLACK_CHANNEL: CHANNEL,
    SLACK_ADMIN_USERS: ADMIN,
    SLACK_ADMIN_GROUPS: GROUP,
    DURION_OWNER_CHANNELS: JSON.stringify({ payments: 'C0PAYMENTS' }),
    DURION_TEAM_MAP: JSON.stringify({ [ADMIN]: ['platform'], [GROUP]: ['payments'] }),
  }).slack;
}

/** The `n` days ending on `last`. */
const days = (n: number, last: string) => daysBetween(addDays(last, 1 - n), addDays(last, 1));

/** 92 days of spend for three services and two accounts, steady enough to read the figures back. */
export function sampleSpend(): SpendData {
  const list = days(92, AS_OF);
  const flat = (v: number) => list.map((_, i) => v + (i % 7) * 0.5);
  const ec2 = flat(100);
  const rds = flat(40);
  const s3 = flat(10);
  const total = list.map((_, i) => ec2[i]! + rds[i]! + s3[i]!);
  return {
    metric: 'UnblendedCost',
    days: list,
    estimated: list.map((_, i) => i === list.length - 1),
    total,
    byService: {
      'Amazon Elastic Compute Cloud - Compute': ec2,
      'Amazon Relational Database Service': rds,
      'Amazon Simple Storage Service': s3,
    },
    byAccount: { '111111111111': list.map((_, i) => ec2[i]! + rds[i]!), '222222222222': s3 },
    byAccountService: {},
    byRegion: { 'us-east-1': total },
    byTag: { key: 'team', values: { payments: ec2, '': list.map((_, i) => rds[i]! + s3[i]!) } },
    accountNames: { '111111111111': 'production', '222222222222': 'staging' },
    forecast: { start: '2026-11-21', end: '2026-11-30', amount: 1600 },
  };
}

/** Findings of several kinds, with owners, including an anomaly AWS found (it carries its AnomalyId). */
export const DRAFTS: FindingDraft[] = [
  draft({ resourceId: 'vol-0aaa', monthlySavingsUsd: 8, owner: 'platform' }),
  draft({
    resourceId: 'vol-0bbb',
    monthlySavingsUsd: 40,
    owner: 'payments',
    reason: 'Volume vol-0bbb <!channel> unattached 30 days.',
  }),
  draft({
    source: 'compute-optimizer',
    ruleId: 'compute-optimizer:ec2-rightsize',
    action: 'rightsize',
    title: 'EC2 instance over-provisioned',
    strategy: 'right-sizing',
    resourceId: 'i-0ccc',
    service: 'Amazon Elastic Compute Cloud - Compute',
    monthlySavingsUsd: 61.32,
    savingsMethod: 'compute-optimizer',
    savingsBasis: 'm5.xlarge to m5.large, 730 h on demand',
  }),
  draft({
    source: 'anomaly',
    ruleId: 'aws-anomaly',
    action: 'investigate',
    title: 'Spend anomaly in Amazon EC2',
    strategy: 'anomaly-detection',
    resourceId: 'anomaly-1',
    monthlySavingsUsd: 0,
    savingsMethod: 'none',
    savingsBasis: 'not a saving',
    evidence: { awsAnomalyId: 'ad-0001' },
  }),
  draft({
    source: 'commitments',
    ruleId: 'commitments:expiring-reservation',
    action: 'purchase',
    title: 'Reserved Instance expires in 45 days',
    strategy: 'reserved-instances',
    status: 'info',
    resourceId: 'ri-0ddd',
    service: 'Amazon Relational Database Service',
    monthlySavingsUsd: 0,
    savingsMethod: 'none',
    savingsBasis: 'renewal decision, not a saving',
  }),
];

/** Fill the store as a daily run would: findings in the ledger and the latest snapshot. Returns the findings. */
export async function seedStore(store: Store, drafts: FindingDraft[] = DRAFTS, spend: SpendData = sampleSpend()) {
  const { findings } = reconcile(drafts, [], AS_OF, new Date(`${AS_OF}T06:00:00Z`));
  await store.putFindings(findings);
  const snapshot: Snapshot = {
    asOf: AS_OF,
    sample: true,
    summary: summarize(spend, AS_OF),
    spend,
    report: {
      asOf: AS_OF,
      startedAt: `${AS_OF}T06:00:00.000Z`,
      durationMs: 4200,
      mode: 'sample',
      calls: { 'ce:GetCostAndUsage': 3 },
      callsByAccount: { '(own)': { 'ce:GetCostAndUsage': 3 } },
      costExplorerRequests: 3,
      notes: [{ kind: 'denied', source: 'compute-optimizer:GetEC2InstanceRecommendations', message: 'AccessDenied' }],
      findings: { total: findings.length, alarm: findings.length, new: findings.length, resolved: 0 },
      alerts: { built: 0, published: 0, duplicates: 0 },
      realized: {
        claimedUsd: 0,
        claims: 0,
        verifiedUsd: 0,
        checked: 0,
        settling: 0,
        uncheckable: 0,
        method: 'verified: the drop in the daily cost of the usage types',
      },
      costExplorerRequestsMonth: 42,
      digests: [{ channel: 'C0DIGEST', posted: false, reason: 'SLACK_BOT_TOKEN not set' }],
    },
    extra: {},
  };
  await store.putSnapshot(snapshot);
  const byResource = (id: string) => findings.find((f) => f.resourceId === id)!;
  return { findings, byResource };
}
