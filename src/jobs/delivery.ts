/**
 * What a daily run sends and how it went, through the outbox (notify/outbox.ts): the alerts and each channel's digest
 * become messages recorded before any is sent; then every entry still unsent (this run's and any an earlier run left)
 * goes out; the outcome is the report's `alerts`, `digests` and `outbox`.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import type { Config } from '../config';
import type { DigestStatus, OutboxEntry, PostStatus, RunReport, Store } from '../ledger/types';
import type { Chart } from '../notify/charts';
import type { Digest } from '../notify/digest';
import { chartUpload, type FilesMessage, filesTransport } from '../notify/files-upload';
import {
  ALERT_PREFIX,
  alertOutboxKey,
  type Delivered,
  DIGEST_PREFIX,
  digestKey,
  FILES_PREFIX,
  filesKey,
  type Message,
  REPORT_PREFIX,
  type Transport,
  tally,
} from '../notify/outbox';
import { slackTransport } from '../notify/slack-post';
import { snsTransport } from '../notify/sns';

/** The routing key of findings with no owner channel, as statuses name it when SLACK_CHANNEL is not set. */
export const MAIN = '(main)';

/**
 * Where alerts go is real even on the sample account or a cassette: a configured topic is a real topic. So the SNS
 * client is a plain one (mocked at the client in tests), not one of the factory's replayed clients.
 */
let snsClient: SNSClient | undefined;

/**
 * The transports a run has: SNS where a topic is configured, Slack (messages, and files in the channel or in their
 * message's thread) where a bot token is. A file finds its message's Slack ts in `store`.
 */
export function transportsOf(
  config: Config,
  slackBotToken: string | undefined,
  store: Pick<Store, 'getOutbox'>,
): Partial<Record<OutboxEntry['transport'], Transport>> {
  snsClient ??= new SNSClient({ region: config.homeRegion });
  const sentId = async (key: string) => (await store.getOutbox(key))?.sentId;
  return {
    ...(config.topicArn ? { sns: snsTransport(snsClient) } : {}),
    ...(slackBotToken
      ? {
          slack: slackTransport(config.slack.apiUrl, slackBotToken),
          'slack-files': filesTransport(config.slack.apiUrl, slackBotToken, sentId),
        }
      : {}),
  };
}

/** A digest's charts as one upload, after the digest: PNG files named with the day, so that they can be found. */
function chartsMessage(asOf: string, channel: string, charts: Chart[]): Message {
  const payload: FilesMessage = {
    channel,
    comment: `Charts of the cost digest for ${asOf}`,
    files: charts.map((c) => chartUpload(c, `${c.name}-${asOf}.png`)),
  };
  return { key: filesKey(asOf, channel, 'charts'), transport: 'slack-files', payload };
}

/**
 * The run's messages (each digest, then its charts if any), and the digests that cannot be sent at all (no channel,
 * no token) with why.
 */
export function messagesOf(
  config: Config,
  asOf: string,
  alerts: { key: string; input: unknown }[],
  digests: { channel?: string; digest: Digest; charts?: Chart[] }[],
  slackBotToken: string | undefined,
): { messages: Message[]; unsendable: DigestStatus[] } {
  const messages: Message[] = config.topicArn
    ? alerts.map((a) => ({ key: alertOutboxKey(a.key), transport: 'sns', payload: a.input }))
    : [];
  const unsendable: DigestStatus[] = [];
  for (const { channel, digest, charts } of digests) {
    if (!channel) unsendable.push({ channel: MAIN, posted: false, reason: 'SLACK_CHANNEL not set' });
    else if (!slackBotToken) unsendable.push({ channel, posted: false, reason: 'SLACK_BOT_TOKEN not set' });
    else {
      const payload = { channel, text: digest.text, blocks: digest.blocks };
      messages.push({ key: digestKey(asOf, channel), transport: 'slack', payload });
      if (charts?.length) messages.push(chartsMessage(asOf, channel, charts));
    }
  }
  return { messages, unsendable };
}

/**
 * The report's delivery figures: this run's alerts, digests, uploads (a digest's charts) and reports (each message
 * and file) by how they went, and the outbox's counts.
 */
export function deliveryReport(
  asOf: string,
  recorded: readonly OutboxEntry[],
  delivered: readonly Delivered[],
  unsendable: readonly DigestStatus[],
  unsentAfter: number,
  unsendableReports: readonly PostStatus[] = [],
): Pick<RunReport, 'digests' | 'uploads' | 'reports' | 'outbox'> & {
  alerts: { published: number; duplicates: number };
} {
  const byKey = new Map(delivered.map((d) => [d.key, d]));
  const outcome = (e: OutboxEntry): Delivered =>
    byKey.get(e.key) ?? {
      key: e.key,
      delivery: e.state === 'sent' ? 'already-sent' : 'in-flight',
      reason: 'recorded, not sent yet',
    };
  const ours = recorded.map(outcome);
  /** Whether a message was posted, and why not: `earlier` says what an earlier run's post was. */
  const status = (e: OutboxEntry, earlier: string) => {
    const d = outcome(e);
    const reason = d.delivery === 'already-sent' ? earlier : d.delivery === 'sent' ? 'posted' : d.reason;
    return { posted: d.delivery === 'sent' || d.delivery === 'found', reason };
  };
  const digests: DigestStatus[] = recorded
    .filter((e) => e.key.startsWith(DIGEST_PREFIX))
    .map((e) => ({ channel: e.key.slice(digestKey(asOf, '').length), ...status(e, `already posted for ${asOf}`) }));
  const reports: PostStatus[] = recorded
    .filter((e) => e.key.startsWith(REPORT_PREFIX))
    .map((e) => ({ key: e.key, ...status(e, 'already posted') }));
  const uploads: PostStatus[] = recorded
    .filter((e) => e.key.startsWith(FILES_PREFIX))
    .map((e) => ({ key: e.key, ...status(e, `already posted for ${asOf}`) }));
  const mine = new Set(recorded.map((e) => e.key));
  return {
    alerts: tally(ours.filter((d) => d.key.startsWith(ALERT_PREFIX))),
    digests: [...digests, ...unsendable],
    uploads,
    reports: [...reports, ...unsendableReports],
    outbox: {
      keys: recorded.map((e) => e.key),
      earlierSent: delivered.filter((d) => !mine.has(d.key) && (d.delivery === 'sent' || d.delivery === 'found'))
        .length,
      unsent: unsentAfter,
    },
  };
}
