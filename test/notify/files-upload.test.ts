import { afterEach, describe, expect, it } from 'vitest';
import { type SlackFile, slackFileTransport } from '../../src/notify/files-upload';
import { SendError } from '../../src/notify/outbox';
import { fakeSlack, type SlackCall } from '../helpers/fake-slack';

const CSV = 'section,key,usd\ntotal,total,1106.34\n';
const file: SlackFile = {
  channel: 'C1',
  parentKey: 'report#weekly#2026-11-23#C1',
  filename: 'durion-cost-weekly-2026-11-23.csv',
  title: 'Weekly cost report: every figure (CSV)',
  content: CSV,
};

describe('the Slack file transport', () => {
  let slack: Awaited<ReturnType<typeof fakeSlack>> | undefined;
  afterEach(async () => {
    await slack?.close();
    slack = undefined;
  });

  /** A fake Slack that hands out an upload URL on itself; `answer` overrides other methods. */
  async function start(answer: (call: SlackCall) => Record<string, unknown> | undefined = () => undefined) {
    let base = '';
    slack = await fakeSlack((call) => {
      const own = answer(call);
      if (own) return own;
      if (call.method === 'files.getUploadURLExternal')
        return { ok: true, upload_url: `${base}upload/F1`, file_id: 'F1' };
      if (call.method === 'files.completeUploadExternal')
        return { ok: true, files: [{ id: 'F1', name: file.filename }] };
      return { ok: true };
    });
    base = slack.url;
    return slack;
  }

  it("uploads the file into its message's thread once the message is sent: the three steps of files.uploadV2", async () => {
    const s = await start();
    const sent = new Map([[file.parentKey ?? '', '1700000000.000100']]);
    const transport = slackFileTransport(s.url, 'xoxb-test', async (key) => sent.get(key));

    expect(await transport.send(file, 'report#weekly#2026-11-23#C1#csv')).toBe('F1');

    expect(s.calls.map((c) => c.method)).toEqual([
      'files.getUploadURLExternal',
      'upload/F1',
      'files.completeUploadExternal',
    ]);
    expect(s.calls[0]?.body).toMatchObject({ filename: file.filename, length: String(Buffer.byteLength(CSV)) });
    // The bytes go as multipart form data to the URL Slack gave.
    expect(s.calls[1]?.raw).toContain(`\r\n\r\n${CSV}\r\n`);
    expect(s.calls[2]?.body).toMatchObject({
      channel_id: 'C1',
      thread_ts: '1700000000.000100',
      files: [{ id: 'F1', title: file.title }],
    });
  });

  it('waits, pending, while its message is unsent, and sends nothing', async () => {
    const s = await start();
    const transport = slackFileTransport(s.url, 'xoxb-test', async () => undefined);
    const err = await transport.send(file, 'k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ outcome: 'refused', message: expect.stringContaining(file.parentKey ?? '') });
    expect(s.calls).toEqual([]);
  });

  it("gives Slack's refusal back to the outbox, naming it (a missing files:write scope)", async () => {
    const s = await start((call) =>
      call.method === 'files.getUploadURLExternal' ? { ok: false, error: 'missing_scope' } : undefined,
    );
    const transport = slackFileTransport(s.url, 'xoxb-test', async () => '1.2');
    const err = await transport.send(file, 'k').catch((e: unknown) => e);
    expect(err).toMatchObject({ outcome: 'refused', message: expect.stringContaining('missing_scope') });
    expect(s.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal']);
  });

  it('finds a file whose upload had an unknown outcome in the thread, by its name', async () => {
    let replies: unknown[] = [];
    const s = await start((call) =>
      call.method === 'conversations.replies' ? { ok: true, messages: replies } : undefined,
    );
    const transport = slackFileTransport(s.url, 'xoxb-test', async () => '1700000000.000100');
    const since = '2026-11-30T07:00:00.000Z';
    expect(await transport.find?.(file, 'k', since)).toBeUndefined();
    replies = [
      { ts: '1700000000.000100', text: 'the report' },
      { ts: '1700000001.000200', files: [{ id: 'F9', name: file.filename }] },
    ];
    expect(await transport.find?.(file, 'k', since)).toBe('F9');
    expect(s.calls.at(-1)?.body).toMatchObject({ channel: 'C1', ts: '1700000000.000100' });
  });
});
