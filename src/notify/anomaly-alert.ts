/**
 * The Publish input of an anomaly alert: MessageStructure 'json' with a text for most protocols, a longer text for
 * email, a structured JSON payload for SQS, Lambda and HTTP(S) subscribers, and optionally the custom-notification
 * format of Amazon Q Developer in chat applications. Subject and attributes come from sns.ts, so subscription
 * filter policies work the same for every kind.
 */
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { contributorText, headline } from '../analyze/alerts/anomaly';
import type { Alert } from '../domain/alert';
import type { SpendAnomaly } from '../domain/anomaly';
import { alertAttributes, snsSubject } from './sns';

/** The structured payload for machine subscribers (SQS, Lambda, HTTP). */
function payload(alert: Alert, a: SpendAnomaly | undefined) {
  return {
    source: 'durion-cost',
    key: alert.key,
    kind: alert.kind,
    severity: alert.severity,
    accountId: alert.accountId,
    service: alert.service,
    impactUsd: Math.round(alert.impactUsd * 100) / 100,
    subject: alert.subject,
    ...(a
      ? {
          anomaly: {
            id: a.id,
            kind: a.kind,
            series: a.series,
            label: a.label,
            start: a.start,
            end: a.end,
            detectedOn: a.detectedOn,
            ...(a.hours ? { hours: a.hours } : {}),
            open: a.open,
            expectedUsd: Math.round(a.expected * 100) / 100,
            actualUsd: Math.round(a.actual * 100) / 100,
            score: Math.round(a.score * 100) / 100,
            estimated: a.estimated,
            sources: a.sources,
            ...(a.awsAnomalyId ? { awsAnomalyId: a.awsAnomalyId } : {}),
            contributors: a.contributors ?? [],
            ...(a.consoleUrl ? { consoleUrl: a.consoleUrl } : {}),
          },
        }
      : {}),
  };
}

/**
 * The custom notification of Amazon Q Developer in chat applications: version "1.0", source "custom", a title and
 * a client-markdown description, next steps, and the key as threadId so a re-alert lands in the same thread.
 * (Event schema: https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html)
 */
export function chatNotification(alert: Alert, a: SpendAnomaly | undefined) {
  const causes = a && contributorText(a);
  return {
    version: '1.0',
    source: 'custom',
    id: alert.key,
    content: {
      textType: 'client-markdown',
      title: `:rotating_light: ${alert.subject.replace(/^durion-cost: /, '')}`,
      description: a ? [headline(a), ...(causes ? [`*Top contributors:* ${causes}`] : [])].join('\n') : alert.message,
      nextSteps: [
        ...(a?.consoleUrl ? [`Open <${a.consoleUrl}|Cost Explorer> filtered to this spend`] : []),
        'Acknowledge or snooze it from the durion-cost digest',
      ],
      keywords: [alert.severity, alert.kind, ...(a ? [a.kind] : [])],
    },
    metadata: {
      threadId: alert.key,
      summary: alert.subject,
      eventType: 'durion-cost-anomaly',
      additionalContext: { accountId: alert.accountId, service: alert.service, impactUsd: alert.impactUsd.toFixed(2) },
    },
  };
}

/** The Publish input of an anomaly alert (MessageStructure json); `anomaly` adds the details to the payloads. */
export function anomalyPublishInput(
  alert: Alert,
  anomaly: SpendAnomaly | undefined,
  topicArn: string,
  options: { chatbot: boolean },
): PublishCommandInput {
  const json = JSON.stringify(payload(alert, anomaly));
  const chat = options.chatbot ? JSON.stringify(chatNotification(alert, anomaly)) : undefined;
  const text = `${alert.subject}\n\n${alert.message}`;
  return {
    TopicArn: topicArn,
    Subject: snsSubject(alert.subject),
    MessageStructure: 'json',
    Message: JSON.stringify({
      // The chat integration reads what SNS delivers over HTTPS; with it on, the topic's default is that JSON too.
      default: chat ?? text,
      email: `${text}\n\nAlert key: ${alert.key}\nSent by durion-cost.`,
      sqs: json,
      lambda: json,
      http: json,
      https: chat ?? json,
    }),
    MessageAttributes: alertAttributes(alert),
  };
}
