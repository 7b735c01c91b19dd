import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/alert';
import type { SendError } from '../../src/notify/outbox';
import { snsSubject, snsTransport, toPublishInput } from '../../src/notify/sns';

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

describe('the SNS transport', () => {
  const sdkError = (name: string, message: string, status?: number) =>
    Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });

  it('publishes the input with its outbox key as an attribute subscribers can drop repeats by', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const id = await snsTransport(new SNSClient({})).send(toPublishInput(alert, TOPIC), 'alert#forecast:2026-11');
    expect(id).toBe('m-1');
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC,
      Subject: expect.stringMatching(/^November/),
      MessageAttributes: expect.objectContaining({
        kind: { DataType: 'String', StringValue: 'forecast' },
        alertKey: { DataType: 'String', StringValue: 'alert#forecast:2026-11' },
      }),
    });
  });

  it('calls an answer from SNS a refusal, and no answer or a 5xx an unknown outcome', async () => {
    const transport = snsTransport(new SNSClient({}));
    const outcome = (err: Error) => {
      sns.reset();
      sns.on(PublishCommand).rejects(err);
      return transport.send(toPublishInput(alert, TOPIC), 'k').then(
        () => 'sent',
        (e: SendError) => [e.outcome, e.message],
      );
    };
    expect(await outcome(sdkError('AuthorizationError', 'not authorized to perform SNS:Publish', 403))).toEqual([
      'refused',
      'Publish: AuthorizationError: not authorized to perform SNS:Publish',
    ]);
    expect((await outcome(sdkError('Throttling', 'Rate exceeded', 400)))[0]).toBe('refused');
    expect((await outcome(sdkError('InternalError', 'oops', 500)))[0]).toBe('unknown');
    expect((await outcome(sdkError('TimeoutError', 'socket hang up')))[0]).toBe('unknown');
  });
});
