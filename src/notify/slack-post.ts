/**
 * chat.postMessage over global fetch: the digest needs one Web API call, so the daily function does not bundle a
 * Slack SDK. Errors name Slack's `error` string and never carry the token.
 */
import { SlackError } from '../domain/errors';
import type { Block } from './blocks';

export interface PostMessageInput {
  /** Slack's Web API base, e.g. https://slack.com/api/ (config.slack.apiUrl). */
  apiUrl: string;
  token: string;
  channel: string;
  text: string;
  blocks: Block[];
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

/** The parts of a Web API answer we read. */
interface SlackAnswer {
  ok?: unknown;
  error?: string;
  channel?: string;
  ts?: string;
  response_metadata?: { messages?: string[] };
}

const TIMEOUT_MS = 10_000;

/** Post a message; throws SlackError when Slack answers `ok: false` or cannot be reached. */
export async function postMessage(input: PostMessageInput): Promise<PostedMessage> {
  const base = input.apiUrl.endsWith('/') ? input.apiUrl : `${input.apiUrl}/`;
  const url = `${base}chat.postMessage`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${input.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: input.channel, text: input.text, blocks: input.blocks }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    throw new SlackError(`chat.postMessage could not reach ${url}: ${(cause as Error).message}`, 'request_failed', {
      cause,
    });
  }
  const answer = (await res.json().catch(() => undefined)) as SlackAnswer | undefined;
  if (typeof answer?.ok !== 'boolean') {
    throw new SlackError(
      `chat.postMessage answered HTTP ${res.status} without a Slack API response`,
      `http_${res.status}`,
    );
  }
  if (!answer.ok) {
    const error = answer.error ?? 'unknown_error';
    const details = answer.response_metadata?.messages?.join('; ');
    const retry = res.headers.get('retry-after');
    throw new SlackError(
      `chat.postMessage to ${input.channel} failed: ${error}${details ? ` (${details})` : ''}${retry ? `; retry after ${retry} s` : ''}`,
      error,
    );
  }
  return { channel: answer.channel ?? input.channel, ts: answer.ts ?? '' };
}
