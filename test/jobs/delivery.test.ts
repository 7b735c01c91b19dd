import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analyze/summary';
import { loadConfig } from '../../src/config';
import { messagesOf } from '../../src/jobs/delivery';
import { dailyCharts } from '../../src/notify/charts';
import type { FilesMessage } from '../../src/notify/files-upload';
import { spendOf } from '../notify/spend-fixture';

const digest = { text: 'Cost digest', blocks: [] };
const config = loadConfig({ SLACK_CHANNEL: 'C0MAIN' });
const spent = summarize(spendOf('2026-10-01', '2026-11-19', { 'Amazon EC2': () => 10 }), '2026-11-20');

describe('the messages of a run', () => {
  it('records a digest’s charts as one upload after the digest, each file named with the day', () => {
    const charts = dailyCharts(spent, false);
    const { messages } = messagesOf(config, '2026-11-20', [], [{ channel: 'C0MAIN', digest, charts }], 'xoxb-t');
    expect(messages.map((m) => [m.key, m.transport])).toEqual([
      ['digest#2026-11-20#C0MAIN', 'slack'],
      ['files#2026-11-20#C0MAIN#charts', 'slack-files'],
    ]);
    const files = ((messages[1] ?? { payload: { files: [] } }).payload as FilesMessage).files;
    expect(files.map((f) => f.filename)).toEqual(['chart-spend-2026-11-20.png', 'chart-services-2026-11-20.png']);
    expect(files.map((f) => ('chart' in f.content ? f.content.chart : undefined))).toEqual(charts.map((c) => c.spec));
  });

  it('records no upload where there is no chart (no spend), nor where the digest cannot be sent', () => {
    const none = summarize(spendOf('2026-10-01', '2026-11-19', { 'Amazon EC2': () => 0 }), '2026-11-20');
    const quiet = messagesOf(
      config,
      '2026-11-20',
      [],
      [{ channel: 'C0MAIN', digest, charts: dailyCharts(none, false) }],
      'x',
    );
    expect(quiet.messages.map((m) => m.transport)).toEqual(['slack']);
    const charts = dailyCharts(spent, false);
    const tokenless = messagesOf(config, '2026-11-20', [], [{ channel: 'C0MAIN', digest, charts }], undefined);
    expect(tokenless.messages).toEqual([]);
    expect(tokenless.unsendable).toEqual([{ channel: 'C0MAIN', posted: false, reason: 'SLACK_BOT_TOKEN not set' }]);
  });
});
