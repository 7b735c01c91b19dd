import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarize } from '../../src/analyze/summary';
import { spendChart } from '../../src/notify/charts';
import { type FilesMessage, filesKey, filesTransport } from '../../src/notify/files-upload';
import { SendError } from '../../src/notify/outbox';
import { fakeSlack, type SlackCall } from '../helpers/fake-slack';
import { spendOf } from './spend-fixture';

const TOKEN = 'xoxb-test-token-not-real';
const KEY = filesKey('2026-11-20', 'C123', 'report');
const csv: FilesMessage = {
  channel: 'C123',
  comment: 'Findings of 2026-11-20',
  files: [{ filename: 'findings-2026-11-20.csv', title: 'Findings', content: { text: 'id,usd\nf-1,12.50\n' } }],
};

let slack: Awaited<ReturnType<typeof fakeSlack>>;
let answer: (call: SlackCall) => Record<string, unknown>;
beforeEach(async () => {
  answer = () => ({ ok: true });
  slack = await fakeSlack((call) => answer(call));
});
afterEach(() => slack.close());

const methods = () => slack.calls.map((c) => c.method);

describe('the Slack files transport', () => {
  it('uploads each file to the URL Slack gives, then shares them in the channel with the comment', async () => {
    const id = await filesTransport(slack.url, TOKEN).send(csv, KEY);
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
  });

  it('draws a chart file as PNG when it sends it, with its alt text', async () => {
    const spend = spendOf('2026-10-01', '2026-11-19', { 'Amazon EC2': () => 10 });
    const chart = spendChart(summarize(spend, '2026-11-20'), false);
    if (!chart) throw new Error('the fixture has spend: a chart is expected');
    const message: FilesMessage = {
      channel: 'C123',
      files: [{ filename: 'chart-spend.png', title: chart.title, altText: chart.alt, content: { chart: chart.spec } }],
    };
    await filesTransport(slack.url, TOKEN).send(message, KEY);
    expect(slack.calls[0]?.body).toMatchObject({ filename: 'chart-spend.png', alt_text: chart.alt });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(slack.calls[1]?.raw.includes(png)).toBe(true);
    expect(slack.calls[2]?.body).not.toHaveProperty('initial_comment');
  });

  it("is refused with Slack's error when the scope is missing, never naming the token", async () => {
    answer = (call) =>
      call.method === 'files.getUploadURLExternal' ? { ok: false, error: 'missing_scope', needed: 'files:write' } : {};
    const err = await filesTransport(slack.url, TOKEN)
      .send(csv, KEY)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect((err as SendError).outcome).toBe('refused');
    expect((err as SendError).message).toBe('files.uploadV2 to C123 failed: missing_scope');
    expect(JSON.stringify(err)).not.toContain(TOKEN);
    expect(methods()).toEqual(['files.getUploadURLExternal']);
  });

  it('finds a share whose outcome was unknown by its first file name in the channel history', async () => {
    answer = (call) =>
      call.method === 'conversations.history'
        ? {
            ok: true,
            messages: [
              { ts: '1763600000.000200', files: [{ name: 'chart-spend-2026-11-19.png' }] },
              { ts: '1763600000.000300', files: [{ name: 'findings-2026-11-20.csv' }] },
            ],
          }
        : {};
    const transport = filesTransport(slack.url, TOKEN);
    expect(await transport.find?.(csv, KEY, '2026-11-20T07:00:00.000Z')).toBe('1763600000.000300');
    const other = { ...csv, files: [{ ...csv.files[0], filename: 'findings-2026-11-21.csv' }] } as FilesMessage;
    expect(await transport.find?.(other, KEY, '2026-11-20T07:00:00.000Z')).toBeUndefined();
    expect(slack.calls[0]?.body).toMatchObject({
      channel: 'C123',
      oldest: String(Date.parse('2026-11-20T07:00:00Z') / 1000 - 60),
    });
  });
});
