/**
 * The Slack app: Bolt on Lambda (AwsLambdaReceiver) for slash commands and interactivity on one endpoint.
 * It verifies Slack's signature (stale timestamps refused), checks workspace, app, channel and user, answers from
 * the stored snapshot and ledger (never from Cost Explorer), and acts once however often Slack retries.
 */
import {
  App,
  AwsLambdaReceiver,
  type BlockAction,
  type ButtonAction,
  isValidSlackRequest,
  type Logger,
  LogLevel,
} from '@slack/bolt';
import type { Config } from '../config';
import type { Store } from '../ledger/types';
import { ACTION, KEEP_VIEW } from '../notify/buttons';
import { cachedMembers, type GroupMembers, refuseChannel, refuseWorkspace, resolveCaller } from './access';
import { type Answer, answer } from './blocks';
import { changeRefusal, changeState, nothingChanged, unknownId } from './findings';
import { keepModal, pressButton, readKeepMetadata, type SendFeedback } from './interactions';
import { route } from './router';

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
  now?: () => Date;
  logger?: Logger;
}

const ephemeral = (a: Answer) => ({ response_type: 'ephemeral' as const, text: a.text, blocks: a.blocks });
const refusal = (text: string) => ephemeral(answer('Not here', [text]));
const STORE_DOWN = 'durion-cost could not reach its store just now; nothing changed. Please try again in a minute.';

/** Build the Bolt app and the Lambda handler that serves POST /slack/events. */
export function createSlackApp(options: SlackAppOptions): { app: App; handler: Handler } {
  const { config: cfg, store } = options;
  const now = options.now ?? (() => new Date());
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
    clientOptions: { slackApiUrl: cfg.apiUrl },
    ...(logger ? { logger } : { logLevel: LogLevel.ERROR }),
  });

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

  app.command(cfg.command, async ({ command, ack }) => {
    const refused = refuseWorkspace(cfg, command.team_id, command.api_app_id) ?? refuseChannel(cfg, command.channel_id);
    if (refused) return ack(refusal(refused));
    const caller = await resolveCaller(cfg, command.user_id, command.channel_id, safeMembers);
    try {
      const result = await route(command.text ?? '', {
        store,
        caller,
        now: now(),
        slash: cfg.command,
        once: once(command.trigger_id),
      });
      const body = ephemeral(result.answer);
      await ack(result.share ? { ...body, response_type: 'in_channel' } : body);
    } catch (err) {
      await store.release(`slack:${command.trigger_id}`).catch(() => {});
      app.logger.error(`slash command failed: ${(err as Error).message}`);
      await ack(refusal(STORE_DOWN));
    }
  });

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: /^durion:/ },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      // The console button is a link: Slack still reports the click, and there is nothing to do.
      if (action.action_id === ACTION.console) return;
      const channelId = body.channel?.id;
      const refused = refuseWorkspace(cfg, body.team?.id, body.api_app_id) ?? refuseChannel(cfg, channelId);
      if (refused) return void (await respond({ ...refusal(refused), replace_original: false }));
      const caller = await resolveCaller(cfg, body.user.id, channelId ?? '', safeMembers);
      const findingId = action.value ?? '';
      if (action.action_id === ACTION.keep) {
        const cannot = changeRefusal(caller, findingId);
        const finding = cannot ? undefined : await store.getFinding(findingId);
        if (!finding) {
          return void (await respond({
            ...ephemeral(nothingChanged(cannot ?? unknownId(findingId))),
            replace_original: false,
          }));
        }
        await client.views.open({ trigger_id: body.trigger_id, view: keepModal(finding, channelId ?? '') });
        return;
      }
      if (!(await once(body.trigger_id)())) return;
      try {
        const reply = await pressButton(action.action_id, findingId, {
          store,
          caller,
          now: now(),
          sendFeedback: options.sendFeedback,
        });
        await respond({ ...ephemeral(reply), replace_original: false });
      } catch (err) {
        await store.release(`slack:${body.trigger_id}`).catch(() => {});
        app.logger.error(`button ${action.action_id} failed: ${(err as Error).message}`);
        await respond({ ...refusal(STORE_DOWN), replace_original: false });
      }
    },
  );

  app.view(KEEP_VIEW, async ({ ack, body, view, client }) => {
    const meta = readKeepMetadata(view.private_metadata);
    const reason = view.state.values.reason?.reason?.value?.trim() ?? '';
    const refused =
      refuseWorkspace(cfg, body.team?.id, body.api_app_id) ??
      (meta ? refuseChannel(cfg, meta.channelId) : 'This form is not one durion-cost opened.');
    if (refused) return void (await ack({ response_action: 'errors', errors: { reason: refused } }));
    if (!reason)
      return void (await ack({ response_action: 'errors', errors: { reason: 'Say why the resource is kept.' } }));
    await ack();
    // A modal is submitted once: its view id keys the claim against retries.
    if (!meta || !(await once(`view:${view.id}`)())) return;
    const caller = await resolveCaller(cfg, body.user.id, meta.channelId, safeMembers);
    const result = await changeState(store, caller, meta.findingId, { state: 'kept', reason }, now());
    await client.chat.postEphemeral({
      channel: meta.channelId,
      user: body.user.id,
      text: result.answer.text,
      blocks: result.answer.blocks,
    });
  });

  const inner = receiver.toHandler();
  /** Refuse forged and stale requests before parsing; a signed body that is not a Slack payload gets a 400. */
  const handler: Handler = async (event, context) => {
    // Decoded exactly as the receiver decodes it, so both check the signature over the same bytes.
    const raw = event.body
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('ascii')
        : event.body
      : '';
    const header = (name: string) => Object.entries(event.headers).find(([k]) => k.toLowerCase() === name)?.[1];
    const signed = isValidSlackRequest({
      signingSecret: options.signingSecret,
      body: raw,
      headers: {
        'x-slack-signature': header('x-slack-signature') ?? '',
        'x-slack-request-timestamp': Number(header('x-slack-request-timestamp')),
      },
    });
    if (!signed) return { statusCode: 401, body: '' };
    let result: Result;
    try {
      result = await inner(event, context);
    } catch {
      return notSlack;
    }
    return result.statusCode === 404 ? notSlack : result;
  };
  return { app, handler };
}

const notSlack: Result = { statusCode: 400, body: 'Not a Slack payload: expected a slash command or an interaction.' };
