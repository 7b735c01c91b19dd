import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackError } from '../../src/domain/errors';
import { section } from '../../src/notify/blocks';
import { postMessage } from '../../src/notify/slack-post';

const TOKEN = 'xoxb-test-token-not-real';

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A fake Slack Web API on 127.0.0.1: records each request and answers with `reply`. */
let server: Server;
let apiUrl: string;
let seen: Seen[];
let reply: { status: number; body: string; headers?: Record<string, string> };

beforeEach(async () => {
  seen = [];
  reply = { status: 200, body: JSON.stringify({ ok: true, channel: 'C123', ts: '1763600000.000100' }) };
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(raw) });
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const message = () => ({ apiUrl, token: TOKEN, channel: 'C123', text: 'Cost digest', blocks: [section('*hi*')] });

/** The error postMessage threw, checked to carry no secret. */
async function failure(): Promise<SlackError> {
  const err = await postMessage(message()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SlackError);
  expect(String((err as Error).message)).not.toContain(TOKEN);
  expect(JSON.stringify(err)).not.toContain(TOKEN);
  return err as SlackError;
}

describe('postMessage', () => {
  it('posts the channel, text and blocks as JSON with the bot token as a Bearer header', async () => {
    const posted = await postMessage(message());

    expect(posted).toEqual({ channel: 'C123', ts: '1763600000.000100' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/chat.postMessage',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: {
        channel: 'C123',
        text: 'Cost digest',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }],
      },
    });
  });

  it('accepts an API URL without the trailing slash', async () => {
    await postMessage({ ...message(), apiUrl: apiUrl.replace(/\/$/, '') });
    expect(seen[0]?.url).toBe('/api/chat.postMessage');
  });

  it("throws a SlackError naming Slack's error when Slack answers ok: false", async () => {
    reply = { status: 200, body: JSON.stringify({ ok: false, error: 'channel_not_found' }) };

    const err = await failure();

    expect(err.slackError).toBe('channel_not_found');
    expect(err.code).toBe('E_SLACK');
    expect(err.message).toBe('chat.postMessage to C123 failed: channel_not_found');
  });

  it("includes Slack's details and the retry delay when given", async () => {
    reply = {
      status: 429,
      body: JSON.stringify({ ok: false, error: 'ratelimited', response_metadata: { messages: ['[ERROR] slow down'] } }),
      headers: { 'retry-after': '30' },
    };

    const err = await failure();

    expect(err.message).toBe('chat.postMessage to C123 failed: ratelimited ([ERROR] slow down); retry after 30 s');
  });

  it('throws a SlackError when the answer is not a Slack API response', async () => {
    reply = { status: 502, body: '<html>Bad gateway</html>' };
    const err = await failure();
    expect(err.slackError).toBe('http_502');
  });

  it('throws a SlackError when Slack cannot be reached', async () => {
    await new Promise((resolve) => server.close(resolve));
    server = createServer(); // closed in afterEach
    server.listen(0, '127.0.0.1');

    const err = await failure();

    expect(err.slackError).toBe('request_failed');
    expect(err.message).toMatch(/^chat\.postMessage could not reach http:\/\/127\.0\.0\.1:\d+\/api\/chat\.postMessage/);
  });
});
