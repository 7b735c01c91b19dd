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
    slack = await fakeSlack((call) =>
      call.method === 'chat.postMessage' ? { ok: true, ts: `1700000000.00000${++ts}` } : { ok: true },
    );
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
  /** The uploads into the thread of the run's second message (the report), each as its files' titles. */
  const threaded = () => uploads().filter((c) => c.body.thread_ts === '1700000000.000002');
  const titles = (c: SlackCall | undefined) => (c?.body.files as { title?: string }[] | undefined)?.map((f) => f.title);
  const asked = () => slack.calls.filter((c) => c.method === 'files.getUploadURLExternal').map((c) => c.body.filename);
  const title = (c: SlackCall | undefined) =>
    (c?.body.blocks as { text?: { text?: string } }[] | undefined)?.[0]?.text?.text;

  it('posts the weekly report with the Monday run, its charts and CSV in its thread, once: a second run posts nothing', async () => {
    const first = await run('2026-11-30');
    expect(posts().map(title)).toEqual([
      'Cost digest for 2026-11-30 · SAMPLE ACCOUNT — not real data',
      'Weekly cost report, Nov 23–29 · SAMPLE ACCOUNT — not real data',
    ]);
    const weekly = posts()[1];
    expect(weekly?.body.channel).toBe(CHANNEL);
    // The digest's charts in the channel, then in the report's thread its charts (the digest's: the top services' 14
    // days are the week and the week before) and its CSV, each upload once.
    const sample = ' · SAMPLE ACCOUNT — not real data';
    const charts = [`Spend in November 2026${sample}`, `Top services, daily spend Nov 16–29${sample}`];
    expect(uploads().map((u) => [u.body.thread_ts, titles(u)])).toEqual([
      [undefined, charts],
      ['1700000000.000002', charts],
      ['1700000000.000002', [`Weekly cost report, Nov 23–29${sample}: every figure (CSV)`]],
    ]);
    expect(uploads().every((u) => u.body.channel_id === CHANNEL)).toBe(true);
    expect(asked()).toEqual([
      'chart-spend-2026-11-30.png',
      'chart-services-2026-11-30.png',
      'durion-cost-weekly-2026-11-23-chart-spend.png',
      'durion-cost-weekly-2026-11-23-chart-services.png',
      'durion-cost-weekly-2026-11-23.csv',
    ]);
    const key = `report#weekly#2026-11-23#${CHANNEL}`;
    expect(first.report.reports).toEqual([
      { key, posted: true, reason: 'posted' },
      { key: `${key}#charts`, posted: true, reason: 'posted' },
      { key: `${key}#csv`, posted: true, reason: 'posted' },
    ]);
    // The CSV posted is the one written to the out folder (the fifth file uploaded).
    const csv = readFileSync(join(tmp.dir, 'out', '2026-11-30', 'weekly.csv'), 'utf8');
    const upload = slack.calls.find((c) => c.method === 'upload/F5');
    expect(upload?.raw.toString('utf8')).toContain(csv);

    const calls = slack.calls.length;
    const second = await run('2026-11-30');
    expect(slack.calls.slice(calls)).toEqual([]);
    expect(second.report.reports).toEqual([
      { key, posted: false, reason: 'already posted' },
      { key: `${key}#charts`, posted: false, reason: 'already posted' },
      { key: `${key}#csv`, posted: false, reason: 'already posted' },
    ]);
  });

  it("posts November's close with the first run that finds it settled (Friday Dec 4), once, and reads its commitments", async () => {
    const first = await run('2026-12-04');
    expect(posts().map(title)).toEqual([
      'Cost digest for 2026-12-04 · SAMPLE ACCOUNT — not real data',
      'Month close: November 2026 · SAMPLE ACCOUNT — not real data',
    ]);
    // In its thread, the charts of November (closed, against October), not the digest's of December, and the CSV.
    expect(threaded().map(titles)).toEqual([
      [
        'Spend in November 2026 · SAMPLE ACCOUNT — not real data',
        'Top services, daily spend Nov 17–30 · SAMPLE ACCOUNT — not real data',
      ],
      ['Month close: November 2026 · SAMPLE ACCOUNT — not real data: every figure (CSV)'],
    ]);
    expect(titles(uploads()[0])?.[0]).toBe('Spend in December 2026 · SAMPLE ACCOUNT — not real data');
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
    expect(second.report.reports?.map((r) => r.reason)).toEqual(['already posted', 'already posted', 'already posted']);
  });
});
