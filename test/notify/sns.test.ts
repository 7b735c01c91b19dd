import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/alert';
import type { Note } from '../../src/domain/note';
import { publishAlerts, snsSubject, toPublishInput } from '../../src/notify/sns';

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:durion-cost-alerts';
const alert: Alert = {
  key: 'forecast:2026-11',
  kind: 'forecast',
  severity: 'high',
  accountId: '111111111111',
  service: 'All services',
  impactUsd: 3210.456,
  subject: 'November 2026 forecast $12,345 is 35% over October — 2026 “estimate”',
  message: 'The month-end forecast is $12,345.',
};

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

describe('toPublishInput', () => {
  it('gives subscribers typed attributes to filter on, impact as a Number with a decimal string', () => {
    const input = toPublishInput(alert, TOPIC);

    expect(input.TopicArn).toBe(TOPIC);
    expect(input.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'forecast' },
      severity: { DataType: 'String', StringValue: 'high' },
      accountId: { DataType: 'String', StringValue: '111111111111' },
      service: { DataType: 'String', StringValue: 'All services' },
      impactUsd: { DataType: 'Number', StringValue: '3210.46' },
    });
  });

  it('leaves out attributes SNS would refuse as empty', () => {
    const input = toPublishInput({ ...alert, service: '' }, TOPIC);
    expect(input.MessageAttributes).not.toHaveProperty('service');
  });

  it('writes a readable message with the alert facts', () => {
    const { Message } = toPublishInput(alert, TOPIC);
    expect(Message).toBe(
      [
        'The month-end forecast is $12,345.',
        '',
        'Kind: forecast',
        'Severity: high',
        'Account: 111111111111',
        'Service: All services',
        'Impact: $3,210',
        'Alert key: forecast:2026-11',
        '',
        'Sent by durion-cost.',
      ].join('\n'),
    );
  });

  it('makes the subject ASCII on one line', () => {
    expect(toPublishInput(alert, TOPIC).Subject).toBe(
      'November 2026 forecast $12,345 is 35% over October - 2026 "estimate"',
    );
    expect(snsSubject('  Café\nspend\t· up…  ')).toBe('Cafe spend - up...');
    expect(snsSubject('€€€')).toBe('durion-cost alert');
  });

  it('keeps the subject under 100 characters, whatever comes in', () => {
    const subject = snsSubject(`Spend on ${'Amazon Elastic Compute Cloud – Compute '.repeat(10)}`);
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^[\x20-\x7e]+\.\.\.$/);
  });
});

describe('publishAlerts', () => {
  it('publishes each input and reports none failed', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notes: Note[] = [];

    const failed = await publishAlerts(
      new SNSClient({}),
      [toPublishInput(alert, TOPIC), toPublishInput(alert, TOPIC)],
      notes,
    );

    expect(failed).toEqual([]);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC,
      Subject: expect.stringMatching(/^November/),
    });
    expect(notes).toEqual([]);
  });

  it('turns a refused publish into a note and goes on with the next', async () => {
    const denied = Object.assign(new Error('not authorized to perform SNS:Publish'), { name: 'AuthorizationError' });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
    sns.on(PublishCommand).rejectsOnce(denied).rejectsOnce(throttled).resolves({ MessageId: 'm-3' });
    const notes: Note[] = [];
    const inputs = [toPublishInput(alert, TOPIC), toPublishInput(alert, TOPIC), toPublishInput(alert, TOPIC)];

    const failed = await publishAlerts(new SNSClient({}), inputs, notes);

    expect(failed).toEqual([inputs[0], inputs[1]]);
    expect(notes).toEqual([
      {
        kind: 'denied',
        source: 'sns:Publish',
        message: 'AuthorizationError: not authorized to perform SNS:Publish',
      },
      { kind: 'throttled', source: 'sns:Publish', message: 'ThrottledException: Rate exceeded' },
    ]);
  });
});
