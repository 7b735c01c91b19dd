/**
 * The digest's way to Slack: chat.postMessage through @slack/web-api, each message carrying its outbox key in message
 * metadata, and conversations.history to find it again when a post's outcome was unknown (that needs the
 * `channels:history` scope for public channels, `groups:history` for private ones). The client retries nothing by
 * itself: a retried post after a timeout could show twice, so only a 429 (nothing was posted) is retried here, once,
 * after Slack's Retry-After; everything else goes back to the outbox. Errors name Slack's `error` string, never the token.
 * The client, that wait and the history search serve the file uploads too (./files-upload.ts).
 */
import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import type { Block } from './blocks';
import { SendError, type Transport } from './outbox';

/** A channel's digest as the outbox records it. */
export interface SlackMessage {
  channel: string;
  text: string;
  blocks: Block[];
}

/** The metadata event type of every message durion-cost posts; its payload names the outbox key. */
export const EVENT_TYPE = 'durion_cost_message';

const TIMEOUT_MS = 10_000;
/** The longest Retry-After waited for in-process; beyond it, the next run posts. */
const MAX_RATE_WAIT_S = 30;
/** History pages (200 messages each) searched for a message whose outcome was unknown. */
const HISTORY_PAGES = 5;

interface WebError {
  code?: string;
  data?: { error?: string; response_metadata?: { messages?: string[] } };
  statusCode?: number;
  retryAfter?: number;
  message?: string;
}

/** What went wrong, as a SendError: Slack's answer is a refusal, no answer (or a 5xx) an unknown outcome. */
export function sendError(err: unknown, what: string): SendError {
  const e = err as WebError;
  if (e.code === ErrorCode.PlatformError) {
    const details = e.data?.response_metadata?.messages?.join('; ');
    return new SendError(
      `${what} failed: ${e.data?.error ?? 'unknown_error'}${details ? ` (${details})` : ''}`,
      'refused',
    );
  }
  if (e.code === ErrorCode.RateLimitedError) {
    return new SendError(`${what} failed: ratelimited; retry after ${e.retryAfter ?? '?'} s`, 'refused');
  }
  if (e.code === ErrorCode.HTTPError && (e.statusCode ?? 500) < 500) {
    return new SendError(`${what} answered HTTP ${e.statusCode}`, 'refused');
  }
  const answer = e.code === ErrorCode.HTTPError ? `HTTP ${e.statusCode}` : 'no answer';
  return new SendError(`${what}: ${answer} (${e.message ?? 'request failed'})`, 'unknown');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Web API client on `apiUrl` (config.slack.apiUrl) that retries nothing by itself and gives up after 10 s. */
export function slackClient(apiUrl: string, token: string): WebClient {
  return new WebClient(token, {
    slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    timeout: TIMEOUT_MS,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
  });
}

/** One call that sends: a 429 (nothing was sent) is waited out once, up to 30 s; any other failure is a SendError. */
export async function sending<T>(what: string, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const wait = (err as WebError).retryAfter;
      const limited = (err as WebError).code === ErrorCode.RateLimitedError;
      if (limited && attempt === 0 && wait !== undefined && wait <= MAX_RATE_WAIT_S) {
        await sleep(wait * 1000);
        continue;
      }
      throw sendError(err, what);
    }
  }
}

/** Slack as an outbox transport, on the Web API at `apiUrl` (config.slack.apiUrl). */
export function slackTransport(apiUrl: string, token: string): Transport {
  const client = slackClient(apiUrl, token);
  return {
    name: 'slack',
    source: 'slack:chat.postMessage',
    async send(payload, key) {
      const m = payload as SlackMessage;
      const r = await sending(`chat.postMessage to ${m.channel}`, () =>
        client.chat.postMessage({
          channel: m.channel,
          text: m.text,
          blocks: m.blocks as never,
          metadata: { event_type: EVENT_TYPE, event_payload: { key } },
        }),
      );
      return r.ts ?? '';
    },
    async find(payload, key, since) {
      const { channel } = payload as SlackMessage;
      const hit = await findInHistory(client, { channel }, since, (msg) => {
        const meta = msg.metadata;
        return meta?.event_type === EVENT_TYPE && (meta.event_payload as { key?: unknown } | undefined)?.key === key;
      });
      return hit && (hit.ts ?? '');
    },
  };
}

/** What a history search looks at in a message: its ts, its files, its metadata. */
export interface HistoryMessage {
  ts?: string;
  files?: { id?: string; name?: string }[];
  metadata?: { event_type?: string; event_payload?: unknown };
}

/**
 * The first message since `since` (a minute's slack) that `match` accepts, if any: in the channel's history, or in
 * the replies of the thread at `threadTs`.
 */
export async function findInHistory(
  client: WebClient,
  where: { channel: string; threadTs?: string | undefined },
  since: string,
  match: (msg: HistoryMessage) => boolean,
): Promise<HistoryMessage | undefined> {
  const { channel, threadTs } = where;
  const oldest = String(Math.floor(Date.parse(since) / 1000) - 60);
  const what = threadTs ? `conversations.replies of ${channel} ${threadTs}` : `conversations.history of ${channel}`;
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const args = { channel, oldest, limit: 200, include_all_metadata: true, cursor };
    let r: { messages?: HistoryMessage[]; response_metadata?: { next_cursor?: string } };
    try {
      r = threadTs
        ? await client.conversations.replies({ ...args, ts: threadTs })
        : await client.conversations.history(args);
    } catch (err) {
      throw sendError(err, what);
    }
    const hit = r.messages?.find(match);
    if (hit) return hit;
    cursor = r.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}
