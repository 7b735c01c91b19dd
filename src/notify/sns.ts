/**
 * Alerts to SNS: the Publish input (a subject SNS accepts, a readable message, attributes subscribers filter on)
 * and publishing, where a refused publish becomes a note instead of failing the run.
 * The message body is built apart from the input so per-protocol bodies (MessageStructure 'json' with default and
 * email texts) can be added later without touching the subject or the attributes.
 */
import {
  type MessageAttributeValue,
  PublishCommand,
  type PublishCommandInput,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { noteKind } from '../collect/guard';
import type { Alert } from '../domain/alert';
import { usd } from '../domain/money';
import { SendError, type Transport } from './outbox';

/** SNS refuses subjects of 100 characters or more ("less than 100 characters long", Publish API reference). */
const SUBJECT_MAX = 99;

/** The closest ASCII for the punctuation our texts use; anything else non-ASCII is dropped. */
const ASCII_PUNCTUATION: [RegExp, string][] = [
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u2018\u2019]/g, "'"],
  [/[\u201c\u201d]/g, '"'],
  [/\u00b7/g, '-'],
];

/**
 * A Subject SNS accepts: ASCII without line breaks or control characters, under 100 characters, starting with a
 * letter, number or punctuation (so leading spaces are trimmed).
 */
export function snsSubject(text: string): string {
  let s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''); // é → e
  for (const [re, ascii] of ASCII_PUNCTUATION) s = s.replace(re, ascii);
  s = s
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > SUBJECT_MAX) s = `${s.slice(0, SUBJECT_MAX - 3).trimEnd()}...`;
  return s || 'durion-cost alert';
}

/** The text people read: the alert's message, then the facts subscribers filter on. */
export function alertMessage(alert: Alert): string {
  return [
    alert.message,
    '',
    `Kind: ${alert.kind}`,
    `Severity: ${alert.severity}`,
    `Account: ${alert.accountId}`,
    `Service: ${alert.service}`,
    `Impact: ${usd(alert.impactUsd)}`,
    `Alert key: ${alert.key}`,
    '',
    'Sent by durion-cost.',
  ].join('\n');
}

/**
 * Attributes for subscription filter policies. SNS rejects empty attribute values, so an empty field is left out;
 * impactUsd is a Number so policies can use numeric ranges.
 */
export function alertAttributes(alert: Alert): Record<string, MessageAttributeValue> {
  const strings: Record<string, string> = {
    kind: alert.kind,
    severity: alert.severity,
    accountId: alert.accountId,
    service: alert.service,
  };
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(strings)) {
    if (value) attributes[name] = { DataType: 'String', StringValue: value };
  }
  attributes.impactUsd = { DataType: 'Number', StringValue: alert.impactUsd.toFixed(2) };
  return attributes;
}

/** The SNS Publish input for an alert. */
export function toPublishInput(alert: Alert, topicArn: string): PublishCommandInput {
  return {
    TopicArn: topicArn,
    Subject: snsSubject(alert.subject),
    Message: alertMessage(alert),
    MessageAttributes: alertAttributes(alert),
  };
}

/**
 * SNS as an outbox transport. Each Publish carries its outbox key as the `alertKey` attribute, so a subscriber can
 * drop the repeat an unknown outcome leads to. SNS's answer (a 4xx, throttling after the SDK's own retries) is a
 * refusal: nothing was published. No answer, or a 5xx, is an unknown outcome.
 */
export function snsTransport(sns: SNSClient): Transport {
  return {
    name: 'sns',
    source: 'sns:Publish',
    async send(payload, key) {
      const input = payload as PublishCommandInput;
      const MessageAttributes = { ...input.MessageAttributes, alertKey: { DataType: 'String', StringValue: key } };
      try {
        const out = await sns.send(new PublishCommand({ ...input, MessageAttributes }));
        return out.MessageId ?? '';
      } catch (err) {
        const e = err as Error;
        const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const refused = (status !== undefined && status < 500) || ['denied', 'throttled'].includes(noteKind(e.name));
        throw new SendError(`Publish: ${e.name}: ${e.message}`, refused ? 'refused' : 'unknown', { cause: err });
      }
    },
  };
}
