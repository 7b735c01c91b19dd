import { describe, expect, it } from 'vitest';
import { anomalyAlert, anomalyAlerts, capAlerts, realertDue } from '../../../src/analyze/alerts/anomaly';
import type { SpendAnomaly } from '../../../src/domain/anomaly';
import { anomalyPublishInput, chatNotification } from '../../../src/notify/anomaly-alert';

const anomaly = (over: Partial<SpendAnomaly> = {}): SpendAnomaly => ({
  id: 'account-service|222222222222|EC2 - Other|2026-11-10',
  dimension: 'account-service',
  series: '222222222222|EC2 - Other',
  label: 'EC2 - Other in durion-staging (222222222222)',
  accountId: '222222222222',
  service: 'EC2 - Other',
  kind: 'level-shift',
  severity: 'medium',
  start: '2026-11-10',
  end: '2026-11-19',
  detectedOn: '2026-11-11',
  expected: 427,
  actual: 882,
  impactUsd: 455,
  relativeChange: 1.07,
  score: 43,
  open: true,
  settled: false,
  estimated: true,
  sources: ['durion-cost', 'aws-cost-anomaly-detection'],
  awsAnomalyId: 'aws-1',
  contributors: [{ by: 'usage-type', value: 'USE1-NatGateway-Bytes', impactUsd: 405, share: 0.9 }],
  consoleUrl: 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer?x=1',
  ...over,
});

describe('anomaly alerts', () => {
  it('says what was spent against what was expected, who saw it, the top contributor and the basis', () => {
    const alert = anomalyAlert(anomaly(), '111111111111');
    expect(alert).toMatchObject({
      key: 'anomaly:account-service|222222222222|EC2 - Other|2026-11-10',
      kind: 'anomaly',
      accountId: '222222222222',
      service: 'EC2 - Other',
      impactUsd: 455,
    });
    expect(alert.message).toContain('$882.00 spent 2026-11-10 to 2026-11-19, detected 2026-11-11 against');
    expect(alert.message).toContain('$427.00 expected');
    expect(alert.message).toContain('durion-cost and AWS Cost Anomaly Detection');
    expect(alert.message).toContain('USE1-NatGateway-Bytes');
    expect(alert.message).toContain('Estimated');
    expect(alert.message).toContain('same weekday');
  });

  it('alerts on rises only, most severe first', () => {
    const alerts = anomalyAlerts(
      [
        anomaly({ id: 'a', severity: 'low', impactUsd: 60 }),
        anomaly({ id: 'b', kind: 'drop', severity: 'low' }),
        anomaly({ id: 'c', severity: 'high', impactUsd: 1200 }),
      ],
      '111111111111',
    );
    expect(alerts.map((a) => a.key)).toEqual(['anomaly:c', 'anomaly:a']);
  });

  it('re-alerts only when the impact grew by the configured share', () => {
    expect(realertDue(undefined, 100, 0.5)).toBe(true);
    expect(realertDue(100, 149, 0.5)).toBe(false);
    expect(realertDue(100, 150, 0.5)).toBe(true);
    expect(realertDue(100, 90, 0)).toBe(false);
  });

  it('caps the day and summarizes the overflow in one alert', () => {
    const many = Array.from({ length: 6 }, (_, i) =>
      anomalyAlert(anomaly({ id: `x${i}`, impactUsd: 100 }), '111111111111'),
    );
    const capped = capAlerts(many, { cap: 4, sentToday: 1, asOf: '2026-11-20', accountId: '111111111111' });
    expect(capped.map((a) => a.key)).toEqual(['anomaly:x0', 'anomaly:x1', 'anomaly-overflow:2026-11-20']);
    expect(capped[2]?.impactUsd).toBe(400);
    expect(capped[2]?.message.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(4);
    expect(capAlerts(many.slice(0, 2), { cap: 4, sentToday: 0, asOf: '2026-11-20', accountId: '1' })).toHaveLength(2);
  });
});

describe('anomalyPublishInput', () => {
  const alert = anomalyAlert(anomaly(), '111111111111');

  it('publishes MessageStructure json: text by default, email text, JSON for machines, filterable attributes', () => {
    const input = anomalyPublishInput(alert, anomaly(), 'arn:aws:sns:us-east-1:111111111111:t', { chatbot: false });
    expect(input.MessageStructure).toBe('json');
    expect((input.Subject ?? '').length).toBeLessThan(100);
    const message = JSON.parse(input.Message ?? '{}');
    expect(message.default).toContain('Spend anomaly (level-shift, ongoing)');
    expect(message.email).toContain('Alert key: anomaly:');
    const body = JSON.parse(message.sqs);
    expect(body).toMatchObject({
      kind: 'anomaly',
      impactUsd: 455,
      anomaly: {
        start: '2026-11-10',
        detectedOn: '2026-11-11',
        sources: ['durion-cost', 'aws-cost-anomaly-detection'],
      },
    });
    expect(message.lambda).toBe(message.sqs);
    expect(input.MessageAttributes?.impactUsd).toEqual({ DataType: 'Number', StringValue: '455.00' });
    expect(input.MessageAttributes?.kind?.StringValue).toBe('anomaly');
  });

  it('can speak the custom-notification format of Amazon Q Developer in chat applications', () => {
    const input = anomalyPublishInput(alert, anomaly(), 'arn:aws:sns:us-east-1:111111111111:t', { chatbot: true });
    const message = JSON.parse(input.Message ?? '{}');
    const chat = JSON.parse(message.https);
    expect(chat).toEqual(chatNotification(alert, anomaly()));
    expect(chat).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown' },
      metadata: { threadId: alert.key },
    });
    expect(chat.content.nextSteps[0]).toContain('Cost Explorer');
    expect(JSON.parse(message.default)).toEqual(chat);
    expect(message.email).not.toContain('"version"');
  });
});
