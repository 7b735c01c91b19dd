/**
 * The Slack app: Bolt on Lambda (AwsLambdaReceiver) for slash commands and interactivity on one endpoint.
 * It verifies Slack's signature (stale timestamps refused), checks workspace, app, channel and user, answers from
 * the stored snapshot and ledger (never from Cost Explorer), and acts once however often Slack retries.
 */
import { App, AwsLambdaReceiver, isValidSlackRequest, type Logger, LogLevel } from '@slack/bolt';
import type { Config } from '../config';
import type { Store } from '../ledger/types';
import { cachedMembers, type GroupMembers } from './access';
import type { SendFeedback } from './interactions';
import { registerButtons } from './listeners/buttons';
import { registerCommand } from './listeners/command';
import type { ListenerDeps } from './listeners/deps';
import { registerKeepView } from './listeners/keep-view';
import { registerScheduleView } from './listeners/schedule-view';
import type { SchedulingContext } from './scheduler';

type Handler = ReturnType<AwsLambdaReceiver['toHandler']>;
type Result = Awaited<ReturnType<Handler>>;

/** How long a claim on a Slack request (its trigger id) guards against retries. */
const CLAIM_MS = 24 * 3_600_000;

export interface SlackAppOptions {
  config: Config['slack'];
  signingSecret: string;
  botToken: string;
  store: Store;
  /** ce:ProvideAnomalyFeedback for anomaly verdicts on anomalies AWS found. */
  sendFeedback: SendFeedback;
  /** EventBridge Scheduler for `schedule`, `unschedule` and the Schedule form; absent when scheduling is off. */
  scheduling?: SchedulingContext;
  now?: () => Date;
  logger?: Logger;
}

/** Build the Bolt app and the Lambda handler that serves POST /slack/events. */
export function createSlackApp(options: SlackAppOptions): { app: App; handler: Handler } {
  const logger = options.logger;
  const receiver = new AwsLambdaReceiver({
    signingSecret: options.signingSecret,
    ...(logger ? { logger } : { logLevel: LogLevel.ERROR }),
  });
  const app = new App({
    receiver,
    // One workspace, one bot token: no auth.test at start (it would hang offline and cost a round trip).
    authorize: async () => ({ botToken: options.botToken }),
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: options.config.apiUrl },
    ...(logger ? { logger } : { logLevel: LogLevel.ERROR }),
  });
  const deps = listenerDeps(app, options);
  registerCommand(app, deps);
  registerButtons(app, deps);
  registerKeepView(app, deps);
  registerScheduleView(app, deps);
  return { app, handler: verifiedHandler(receiver, options.signingSecret) };
}

/** The settings, store, clock and guards the listeners share. */
function listenerDeps(app: App, options: SlackAppOptions): ListenerDeps {
  const { store } = options;
  const members: GroupMembers = cachedMembers(async (usergroup) => {
    const res = await app.client.usergroups.users.list({ token: options.botToken, usergroup });
    return res.users ?? [];
  });
  const safeMembers: GroupMembers = (group) =>
    members(group).catch((err: Error) => {
      // Without usergroups:read the group cannot be resolved: its members count as outside it.
      app.logger.warn(`usergroups.users.list ${group} failed: ${err.message}`);
      return [];
    });

  /**
   * Claim a Slack request (its trigger id) so a retried delivery does not act again; released when acting fails.
   * Retries happen in real time, so the claim's expiry is on the wall clock, not the injected one.
   */
  const once = (triggerId: string) => () => store.claim(`slack:${triggerId}`, new Date(Date.now() + CLAIM_MS));
  const now = options.now ?? (() => new Date());
  const scheduling = options.scheduling ? { scheduling: options.scheduling } : {};
  return { cfg: options.config, store, now, safeMembers, once, sendFeedback: options.sendFeedback, ...scheduling };
}

/** How far a request's timestamp may be from our clock, either way (Slack's advice: 5 minutes), in seconds. */
const MAX_SKEW_S = 300;

/**
 * The event's headers with Content-Type cut to its media type: Slack may send `; charset=utf-8`, which the receiver
 * would not recognise as a form.
 */
function withMediaType(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) =>
      k.toLowerCase() === 'content-type' && v ? [k, (v.split(';')[0] ?? v).trim().toLowerCase()] : [k, v],
    ),
  );
}

/**
 * Refuse forged, stale and future-dated requests before parsing (a timestamp more than 5 minutes from now either way
 * could be replayed); an event with no headers, or a signed body that is not a Slack payload, gets a 400.
 */
function verifiedHandler(receiver: AwsLambdaReceiver, signingSecret: string): Handler {
  const inner = receiver.toHandler();
  return async (event, context) => {
    if (!event.headers || typeof event.headers !== 'object') return noHeaders;
    // Decoded exactly as the receiver decodes it, so both check the signature over the same bytes.
    const raw = event.body
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('ascii')
        : event.body
      : '';
    const header = (name: string) => Object.entries(event.headers).find(([k]) => k.toLowerCase() === name)?.[1];
    const timestamp = Number(header('x-slack-request-timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > MAX_SKEW_S) {
      return { statusCode: 401, body: '' };
    }
    const signed = isValidSlackRequest({
      signingSecret,
      body: raw,
      headers: {
        'x-slack-signature': header('x-slack-signature') ?? '',
        'x-slack-request-timestamp': timestamp,
      },
    });
    if (!signed) return { statusCode: 401, body: '' };
    let result: Result;
    try {
      result = await inner({ ...event, headers: withMediaType(event.headers) }, context);
    } catch {
      return notSlack;
    }
    return result.statusCode === 404 ? notSlack : result;
  };
}

const notSlack: Result = { statusCode: 400, body: 'Not a Slack payload: expected a slash command or an interaction.' };
const noHeaders: Result = { statusCode: 400, body: 'Not a Slack request: it has no headers.' };
