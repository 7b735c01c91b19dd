import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { detectHourlyAnomalies } from '../../src/analyze/anomaly/hourly';
import { DEFAULT_THRESHOLDS, loadConfig } from '../../src/config';
import { runIntraday } from '../../src/jobs/intraday';
import { withRunaway } from '../analyze/anomaly/runaway';
import { respondingAws, sampleAws } from '../helpers/sample-aws';

const HOURS = Array.from({ length: 14 * 24 }, (_, i) =>
  new Date(Date.parse('2026-11-06T00:00:00Z') + i * 3_600_000).toISOString().replace('.000', ''),
);

describe('detectHourlyAnomalies', () => {
  it('reports an anomaly still going at the last hour, keyed like the daily run', () => {
    const flat = HOURS.map((h) => (Number(h.slice(11, 13)) >= 8 && Number(h.slice(11, 13)) < 20 ? 12 : 8));
    const jump = flat.map((v, i) => (i >= HOURS.length - 6 ? v + 30 : v));
    const found = detectHourlyAnomalies(
      { hours: HOURS, series: { '111111111111|AWS Lambda': jump, '111111111111|Amazon S3': flat }, accountNames: {} },
      DEFAULT_THRESHOLDS,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: 'account-service|111111111111|AWS Lambda|2026-11-19',
      // $30 over an hour is under the $50 minimum impact: the alert fires on the second hour.
      hours: { start: '2026-11-19T18:00:00Z', end: '2026-11-19T23:00:00Z', detectedAt: '2026-11-19T19:00:00Z' },
      open: true,
      estimated: true,
    });
    expect(found[0]?.impactUsd).toBeCloseTo(180, 0);
  });
});

describe('runIntraday on the sample account', () => {
  it('reads 14 days of hourly spend in a few requests and raises nothing on an ordinary morning', async () => {
    const sns = mockClient(SNSClient);
    try {
      const config = loadConfig({ DURION_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:alerts' });
      const storeDir = mkdtempSync(join(tmpdir(), 'durion-intraday-'));
      const result = await runIntraday({
        aws: sampleAws('2026-11-20'),
        now: new Date('2026-11-20T10:30:00Z'),
        config,
        storeDir,
      });
      expect(result.notes).toEqual([]);
      expect(result.costExplorerRequests).toBeGreaterThan(0);
      expect(result.costExplorerRequests).toBeLessThanOrEqual(4);
      expect(result.alerts).toEqual([]);
      expect(sns.calls()).toHaveLength(0);
    } finally {
      sns.restore();
    }
  });
});

describe('runIntraday alerts', () => {
  it('publishes an hourly anomaly once, with the same claim the daily run uses', async () => {
    const sns = mockClient(SNSClient);
    try {
      sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
      const config = loadConfig({ DURION_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:alerts' });
      const storeDir = mkdtempSync(join(tmpdir(), 'durion-intraday-'));
      const now = new Date('2026-11-20T10:30:00Z');
      const options = () => ({ aws: respondingAws(withRunaway('2026-11-20')), now, config, storeDir });
      const first = await runIntraday(options());
      expect(first.anomalies.map((a) => a.series)).toEqual(['111111111111|AWS Lambda']);
      expect(first.alerts.map((a) => a.key)).toEqual(['anomaly:account-service|111111111111|AWS Lambda|2026-11-20']);
      expect(first.published).toBe(1);
      const again = await runIntraday(options());
      expect(again.published).toBe(0);
      expect(again.duplicates).toBe(1);
      expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
      expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageStructure).toBe('json');
    } finally {
      sns.restore();
    }
  });
});
