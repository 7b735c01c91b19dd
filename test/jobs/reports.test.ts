import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { runDaily } from '../../src/jobs/daily';
import { fakeSlack, type SlackCall } from '../helpers/fake-slack';
import { sampleAws } from '../helpers/sample-aws';
import { tempDir } from '../ledger/helpers';

const CHANNEL = 'C0REPORTS';

describe('the reports of the daily run on the sample account', () => {
  let tmp: ReturnType<typeof tempDir>;
  let slack: Awaited<ReturnType<typeof fakeSlack>>;
  beforeEach(async () => {
    tmp = tempDir();
    let ts = 0;
    let base = '';
    slack = await fakeSlack((call) => {
      if (call.method === 'chat.postMessage') return { ok: true, ts: `1700000000.00000${++ts}` };
      if (call.method === 'files.getUploadURLExternal')
        return { ok: true, upload_url: `${base}upload/F${ts}`, file_id: `F${ts}` };
      return { ok: true };
    });
    base = slack.url;
  });
  afterEach(async () => {
    await slack.close();
    tmp.cleanup();
  });

  const run = (asOf: string) =>
    runDaily({
      aws: sampleAws(asOf),
      asOf,
      outDir: join(tmp.dir, 'out', asOf),
      storeDir: join(tmp.dir, 'store'),
      config: loadConfig({ SLACK_CHANNEL: CHANNEL, SLACK_API_URL: slack.url }),
      slackBotToken: 'xoxb-test-token',
    });
  const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');
  const uploads = () => slack.calls.filter((c) => c.method === 'files.completeUploadExternal');
  const title = (c: SlackCall | undefined) =>
    (c?.body.blocks as { text?: { text?: string } }[] | undefined)?.[0]?.text?.text;

  it('posts the weekly report with the Monday run, its CSV in its thread, once: a second run posts nothing', async () => {
    const first = await run('2026-11-30');
    expect(posts().map(title)).toEqual([
      'Cost digest for 2026-11-30 · SAMPLE ACCOUNT — not real data',
      'Weekly cost report, Nov 23–29 · SAMPLE ACCOUNT — not real data',
    ]);
    const weekly = posts()[1];
    expect(weekly?.body.channel).toBe(CHANNEL);
    expect(uploads()).toHaveLength(1);
    expect(uploads()[0]?.body).toMatchObject({ channel_id: CHANNEL, thread_ts: '1700000000.000002' });
    const asked = slack.calls.find((c) => c.method === 'files.getUploadURLExternal');
    expect(asked?.body.filename).toBe('durion-cost-weekly-2026-11-23.csv');
    const key = `report#weekly#2026-11-23#${CHANNEL}`;
    expect(first.report.reports).toEqual([
      { key, posted: true, reason: 'posted' },
      { key: `${key}#csv`, posted: true, reason: 'posted' },
    ]);
    // The CSV posted is the one written to the out folder.
    const csv = readFileSync(join(tmp.dir, 'out', '2026-11-30', 'weekly.csv'), 'utf8');
    const upload = slack.calls.find((c) => c.method.startsWith('upload/'));
    expect(upload?.raw).toContain(csv);

    const calls = slack.calls.length;
    const second = await run('2026-11-30');
    expect(slack.calls.slice(calls)).toEqual([]);
    expect(second.report.reports).toEqual([
      { key, posted: false, reason: 'already posted' },
      { key: `${key}#csv`, posted: false, reason: 'already posted' },
    ]);
  });

  it("posts November's close with the first run that finds it settled (Friday Dec 4), once, and reads its commitments", async () => {
    const first = await run('2026-12-04');
    expect(posts().map(title)).toEqual([
      'Cost digest for 2026-12-04 · SAMPLE ACCOUNT — not real data',
      'Month close: November 2026 · SAMPLE ACCOUNT — not real data',
    ]);
    expect(uploads()[0]?.body).toMatchObject({ thread_ts: '1700000000.000002' });
    // The month's coverage and utilization: one request each.
    for (const op of [
      'ce:GetSavingsPlansUtilization',
      'ce:GetReservationUtilization',
      'ce:GetSavingsPlansCoverage',
      'ce:GetReservationCoverage',
    ]) {
      expect(first.report.calls[op], op).toBeGreaterThanOrEqual(1);
    }
    const text = readFileSync(join(tmp.dir, 'out', '2026-12-04', 'month-close.txt'), 'utf8');
    expect(text).toContain('Savings Plans: coverage 45.0%, utilization 98.4% (mean of 30 days)');

    const calls = slack.calls.length;
    const second = await run('2026-12-04');
    expect(slack.calls.slice(calls)).toEqual([]);
    expect(second.report.reports?.map((r) => r.reason)).toEqual(['already posted', 'already posted']);
  });
});
