/**
 * The intraday anomaly run (the optional second schedule, off by default): hourly spend by account and service over
 * the last 14 days, the hourly detector, and alerts for anomalies still going at the last hour, published through
 * the same SNS path and the same outbox as the daily run. Its alert keys are the daily run's
 * (account, service, first day), so an event alerted intraday is not alerted again by the next daily run.
 * It keeps no snapshot: the daily run stays the one the digest and Slack read.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { anomalyAlerts, capAlerts } from '../analyze/alerts/anomaly';
import { detectHourlyAnomalies } from '../analyze/anomaly/hourly';
import type { Aws } from '../aws';
import { collectHourlySpend } from '../collect/anomalies';
import type { Config } from '../config';
import type { Alert } from '../domain/alert';
import type { SpendAnomaly } from '../domain/anomaly';
import type { Note } from '../domain/note';
import { openStore } from '../ledger/store';
import { anomalyPublishInput } from '../notify/anomaly-alert';
import { alertOutboxKey, outboxUntil, recordAndSend, tally } from '../notify/outbox';
import { snsTransport } from '../notify/sns';
import { identify } from './identity';

export interface IntradayOptions {
  /** The AWS client set, built by the caller for its mode. */
  aws: Aws;
  now: Date;
  config: Config;
  storeDir: string;
}

export interface IntradayResult {
  anomalies: SpendAnomaly[];
  alerts: Alert[];
  /** Alerts published by this run (only where a topic is configured and the claim was fresh). */
  published: number;
  /** Alerts an earlier run (intraday or daily) already sent, so not sent again. */
  duplicates: number;
  costExplorerRequests: number;
  notes: Note[];
}

let sns: SNSClient | undefined;

/** One intraday run: read hourly spend, detect, alert once per anomaly. */
export async function runIntraday(options: IntradayOptions): Promise<IntradayResult> {
  const { config, now } = options;
  const asOf = now.toISOString().slice(0, 10);
  const { aws } = options;
  const notes: Note[] = [];
  const accountId = await identify(aws);
  const hourly = await collectHourlySpend(aws, now, config.spend.metric, notes);
  const anomalies = hourly ? detectHourlyAnomalies(hourly, config.anomaly) : [];
  const alerts = capAlerts(anomalyAlerts(anomalies, accountId), {
    cap: config.anomaly.dailyAlertCap,
    sentToday: 0,
    asOf,
    accountId,
  });
  let sent = { published: 0, duplicates: 0 };
  const { topicArn } = config;
  if (topicArn && alerts.length) {
    const byKey = new Map(anomalies.map((a) => [`anomaly:${a.id}`, a]));
    const messages = alerts.map((a) => ({
      key: alertOutboxKey(a.key),
      transport: 'sns' as const,
      payload: anomalyPublishInput(a, byKey.get(a.key), topicArn, { chatbot: config.anomaly.chatbotFormat }),
    }));
    const store = await openStore({ tableName: config.tableName, storeDir: options.storeDir });
    try {
      sns ??= new SNSClient({ region: config.homeRegion });
      const outbox = { store, notes, now: () => now };
      sent = tally(await recordAndSend(outbox, { sns: snsTransport(sns) }, messages, outboxUntil(asOf)));
    } finally {
      await store.close();
    }
  }
  return {
    anomalies,
    alerts,
    published: sent.published,
    duplicates: sent.duplicates,
    costExplorerRequests: aws.calls.forService('ce'),
    notes,
  };
}
