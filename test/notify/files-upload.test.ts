import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarize } from '../../src/analyze/summary';
import { spendChart } from '../../src/notify/charts';
import { chartUpload, type FilesMessage, filesTransport } from '../../src/notify/files-upload';
import { filesKey, SendError } from '../../src/notify/outbox';
import { fakeSlack, type SlackCall } from '../helpers/fake-slack';
import { spendOf } from './spend-fixture';

const TOKEN = 'xoxb-test-token-not-real';
const KEY = filesKey('2026-11-20', 'C123', 'report');
const csv: FilesMessage = {
  channel: 'C123',
  comment: 'Findings of 2026-11-20',
  files: [{ filename: 'findings-2026-11-20.csv', title: 'Findings', content: { text: 'id,usd\nf-1,12.50\n' } }],
};
/** A report's CSV, which goes into the report's thread. */
const REPORT_CSV = 'section,key,usd\ntotal,total,1106.34\n';
const PARENT = 'report#weekly#2026-11-23#C123';
const inThread: FilesMessage = {
  channel: 'C123',
  parentKey: PARENT,
  files: [
    {
      filename: 'durion-cost-weekly-2026-11-23.csv',
      title: 'Weekly cost report: every figure (CSV)',
      content: { text: REPORT_CSV },
    },
  ],
};
const PARENT_TS = '1700000000.000100';

let slack: Awaited<ReturnType<typeof fakeSlack>>;
let answer: (call: SlackCall) => Record<string, unknown>;
beforeEach(async () => {
  answer = () => ({ ok: true });
  slack = await fakeSlack((call) => answer(call));
});
afterEach(() => slack.close());

const methods = () => slack.calls.map((c) => c.method);
/** The transport, with the parent message sent (its ts known) or not. */
const transport = (parentSent = true) =>
  filesTransport(slack.url, TOKEN, async (key) => (parentSent && key === PARENT ? PARENT_TS : undefined));

describe('the Slack files transport', () => {
  it('uploads each file to the URL Slack gives, then shares them in the channel with the comment', async () => {
    const id = await transport().send(csv, KEY);
    expect(id).toBe('F1');
    expect(methods()).toEqual(['files.getUploadURLExternal', 'upload/F1', 'files.completeUploadExternal']);
    const [asked, upload, complete] = slack.calls;
    expect(asked?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(asked?.body).toMatchObject({ filename: 'findings-2026-11-20.csv', length: '17' });
    expect(upload?.raw.toString('utf8')).toContain('id,usd\nf-1,12.50\n');
    expect(complete?.body).toMatchObject({
      channel_id: 'C123',
      initial_comment: 'Findings of 2026-11-20',
      files: [{ id: 'F1', title: 'Findings' }],
    });
    expect(complete?.body).not.toHaveProperty('thread_ts');
  });

  it("uploads a report's CSV into its message's thread once that message is sent", async () => {
    expect(await transport().send(inThread, `${PARENT}#csv`)).toBe('F1');
    expect(methods()).toEqual(['files.getUploadURLExternal', 'upload/F1', 'files.completeUploadExternal']);
    expect(slack.calls[0]?.body).toMatchObject({
      filename: 'durion-cost-weekly-2026-11-23.csv',
      length: String(Buffer.byteLength(REPORT_CSV)),
    });
    // The bytes go as multipart form data to the URL Slack gave.
    expect(slack.calls[1]?.raw.toString('utf8')).toContain(`\r\n\r\n${REPORT_CSV}\r\n`);
    expect(slack.calls[2]?.body).toMatchObject({
      channel_id: 'C123',
      thread_ts: PARENT_TS,
      files: [{ id: 'F1', title: 'Weekly cost report: every figure (CSV)' }],
    });
  });

  it('waits, pending, while its message is unsent, and sends nothing', async () => {
    const err = await transport(false)
      .send(inThread, `${PARENT}#csv`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ outcome: 'refused', message: expect.stringContaining(PARENT) });
    expect(slack.calls).toEqual([]);
  });

  it('draws a chart file as PNG when it sends it, with its alt text', async () => {
    const spend = spendOf('2026-10-01', '2026-11-19', { 'Amazon EC2': () => 10 });
    const chart = spendChart(summarize(spend, '2026-11-20'), false);
    if (!chart) throw new Error('the fixture has spend: a chart is expected');
    const message: FilesMessage = { channel: 'C123', files: [chartUpload(chart, 'chart-spend.png')] };
    await transport().send(message, KEY);
    expect(slack.calls[0]?.body).toMatchObject({ filename: 'chart-spend.png', alt_text: chart.alt });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(slack.calls[1]?.raw.includes(png)).toBe(true);
    expect(slack.calls[2]?.body).toMatchObject({ files: [{ id: 'F1', title: chart.title }] });
    expect(slack.calls[2]?.body).not.toHaveProperty('initial_comment');
  });

  it("is refused with Slack's error when the files:write scope is missing, never naming the token", async () => {
    answer = (call) =>
      call.method === 'files.getUploadURLExternal' ? { ok: false, error: 'missing_scope', needed: 'files:write' } : {};
    for (const message of [csv, inThread]) {
      const before = slack.calls.length;
      const err = await transport()
        .send(message, KEY)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SendError);
      expect((err as SendError).outcome).toBe('refused');
      expect((err as SendError).message).toBe('files.uploadV2 to C123 failed: missing_scope');
      expect(JSON.stringify(err)).not.toContain(TOKEN);
      expect(methods().slice(before)).toEqual(['files.getUploadURLExternal']);
    }
  });

  it('finds an upload whose outcome was unknown by its first file name in the channel history', async () => {
    answer = (call) =>
      call.method === 'conversations.history'
        ? {
            ok: true,
            messages: [
              { ts: '1763600000.000200', files: [{ id: 'F7', name: 'chart-spend-2026-11-19.png' }] },
              { ts: '1763600000.000300', files: [{ id: 'F8', name: 'findings-2026-11-20.csv' }] },
            ],
          }
        : {};
    expect(await transport().find?.(csv, KEY, '2026-11-20T07:00:00.000Z')).toBe('F8');
    const other = { ...csv, files: [{ ...csv.files[0], filename: 'findings-2026-11-21.csv' }] } as FilesMessage;
    expect(await transport().find?.(other, KEY, '2026-11-20T07:00:00.000Z')).toBeUndefined();
    expect(methods()).toEqual(['conversations.history', 'conversations.history']);
    expect(slack.calls[0]?.body).toMatchObject({
      channel: 'C123',
      oldest: String(Date.parse('2026-11-20T07:00:00Z') / 1000 - 60),
    });
  });

  it("finds a report's file whose upload had an unknown outcome in the report's thread, by its name", async () => {
    let replies: unknown[] = [];
    answer = (call) => (call.method === 'conversations.replies' ? { ok: true, messages: replies } : {});
    const since = '2026-11-30T07:00:00.000Z';
    expect(await transport().find?.(inThread, `${PARENT}#csv`, since)).toBeUndefined();
    replies = [
      { ts: PARENT_TS, text: 'the report' },
      { ts: '1700000001.000200', files: [{ id: 'F9', name: 'durion-cost-weekly-2026-11-23.csv' }] },
    ];
    expect(await transport().find?.(inThread, `${PARENT}#csv`, since)).toBe('F9');
    expect(methods()).toEqual(['conversations.replies', 'conversations.replies']);
    expect(slack.calls.at(-1)?.body).toMatchObject({ channel: 'C123', ts: PARENT_TS });
  });
});
