import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { section } from '../../src/notify/blocks';
import { SendError } from '../../src/notify/outbox';
import { EVENT_TYPE, slackTransport } from '../../src/notify/slack-post';

const TOKEN = 'xoxb-test-token-not-real';

interface Seen {
  url?: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** Form fields as @slack/web-api sends them (objects JSON-encoded), or a JSON body. */
function parseBody(raw: string, type = ''): Record<string, unknown> {
  if (type.startsWith('application/json')) return JSON.parse(raw);
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = JSON.parse(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

/** A fake Slack Web API on 127.0.0.1: records each request and answers with the next of `replies` (then the last). */
let server: Server;
let apiUrl: string;
let seen: Seen[];
let replies: { status: number; body: unknown; headers?: Record<string, string> }[];

beforeEach(async () => {
  seen = [];
  replies = [{ status: 200, body: { ok: true, channel: 'C123', ts: '1763600000.000100' } }];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      seen.push({ url: req.url, headers: req.headers, body: parseBody(raw, req.headers['content-type']) });
      const reply = (replies.length > 1 ? replies.shift() : replies[0]) as (typeof replies)[number];
      const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const message = { channel: 'C123', text: 'Cost digest', blocks: [section('*hi*')] };
const KEY = 'digest#2026-11-20#C123';

/** The error a send threw, checked to carry no secret. */
async function failure(run: Promise<unknown>): Promise<SendError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SendError);
  expect(String((err as Error).message)).not.toContain(TOKEN);
  expect(JSON.stringify(err)).not.toContain(TOKEN);
  return err as SendError;
}

describe('the Slack transport', () => {
  it('posts channel, text, blocks and the outbox key as message metadata, with the bot token', async () => {
    const ts = await slackTransport(apiUrl, TOKEN).send(message, KEY);
    expect(ts).toBe('1763600000.000100');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('/api/chat.postMessage');
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]?.body).toMatchObject({
      channel: 'C123',
      text: 'Cost digest',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }],
      metadata: { event_type: EVENT_TYPE, event_payload: { key: KEY } },
    });
  });

  it('accepts an API URL without the trailing slash', async () => {
    await slackTransport(apiUrl.replace(/\/$/, ''), TOKEN).send(message, KEY);
    expect(seen[0]?.url).toBe('/api/chat.postMessage');
  });

  it("is refused, naming Slack's error and details, when Slack answers ok: false", async () => {
    replies = [{ status: 200, body: { ok: false, error: 'not_in_channel', response_metadata: { messages: ['x'] } } }];
    const err = await failure(slackTransport(apiUrl, TOKEN).send(message, KEY));
    expect(err.outcome).toBe('refused');
    expect(err.message).toBe('chat.postMessage to C123 failed: not_in_channel (x)');
  });

  it('waits out a short Retry-After once (nothing was posted), and gives a long one back to the outbox', async () => {
    replies = [
      { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } },
      { status: 200, body: { ok: true, ts: '1763600000.000200' } },
    ];
    expect(await slackTransport(apiUrl, TOKEN).send(message, KEY)).toBe('1763600000.000200');
    expect(seen).toHaveLength(2);

    seen = [];
    replies = [{ status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '600' } }];
    const err = await failure(slackTransport(apiUrl, TOKEN).send(message, KEY));
    expect(err.outcome).toBe('refused');
    expect(err.message).toMatch(/ratelimited; retry after 600 s/);
    expect(seen).toHaveLength(1);
  });

  it('calls a 5xx or no answer at all an unknown outcome: the post may have gone through', async () => {
    replies = [{ status: 502, body: '<html>Bad gateway</html>' }];
    expect((await failure(slackTransport(apiUrl, TOKEN).send(message, KEY))).outcome).toBe('unknown');

    await new Promise((resolve) => server.close(resolve));
    server = createServer(); // closed in afterEach
    server.listen(0, '127.0.0.1');
    expect((await failure(slackTransport(apiUrl, TOKEN).send(message, KEY))).outcome).toBe('unknown');
  });

  it('finds a message by the key in its metadata, page after page of the channel history', async () => {
    const other = { ts: '1.0', metadata: { event_type: EVENT_TYPE, event_payload: { key: 'digest#2026-11-19#C123' } } };
    replies = [
      { status: 200, body: { ok: true, messages: [other, { ts: '2.0' }], response_metadata: { next_cursor: 'c2' } } },
      {
        status: 200,
        body: {
          ok: true,
          messages: [{ ts: '3.0', metadata: { event_type: EVENT_TYPE, event_payload: { key: KEY } } }],
        },
      },
    ];
    const transport = slackTransport(apiUrl, TOKEN);
    expect(await transport.find?.(message, KEY, '2026-11-20T07:00:00.000Z')).toBe('3.0');
    expect(seen.map((s) => s.url)).toEqual(['/api/conversations.history', '/api/conversations.history']);
    expect(seen[0]?.body).toMatchObject({ channel: 'C123', include_all_metadata: true });
    expect(Number(seen[0]?.body.oldest)).toBe(Date.parse('2026-11-20T07:00:00Z') / 1000 - 60);
    expect(seen[1]?.body.cursor).toBe('c2');

    replies = [{ status: 200, body: { ok: true, messages: [other] } }];
    expect(await transport.find?.(message, KEY, '2026-11-20T07:00:00.000Z')).toBeUndefined();
  });

  it('is refused looking when the history cannot be read (the scope is missing)', async () => {
    replies = [{ status: 200, body: { ok: false, error: 'missing_scope', needed: 'channels:history' } }];
    const err = await failure(
      slackTransport(apiUrl, TOKEN).find?.(message, KEY, '2026-11-20T07:00:00Z') as Promise<unknown>,
    );
    expect(err.outcome).toBe('refused');
    expect(err.message).toMatch(/conversations\.history of C123 failed: missing_scope/);
  });
});
