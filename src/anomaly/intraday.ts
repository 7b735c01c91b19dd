/**
 * The intraday anomaly run (the optional second schedule, off by default): hourly spend by account and service over
 * the last 14 days, the hourly detector, and alerts for anomalies still going at the last hour, published through
 * the same SNS path and the same once-only claims as the daily run. Its alert keys are the daily run's
 * (account, service, first day), so an event alerted intraday is not alerted again by the next daily run.
 * It keeps no snapshot: the daily run stays the one the digest and Slack read.
 */
import { type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsMode, createAws } from '../aws';
import type { Responder } from '../aws/replay';
import { collectHourlySpend, type HourlySpend } from '../collect/anomalies';
import type { Config } from '../config';
import { addDays } from '../dates';
import { openStore } from '../ledger/store';
import type { Alert, Note } from '../model';
import { publishAlerts } from '../notify/sns';
import { sampleResponder } from '../sample';
import { anomalyAlerts, anomalyPublishInput, capAlerts } from './alerts';
import { calendarClass } from './calendar';
import { costExplorerUrl } from './console';
import { scanSeries } from './detect';
import { severityOf } from './spend';
import { type AnomalyThresholds, spendDetector } from './thresholds';
import type { SpendAnomaly } from './types';

/** Anomalies in hourly spend still going at the last hour read (pure). */
export function detectHourlyAnomalies(hourly: HourlySpend, thresholds: AnomalyThresholds): SpendAnomaly[] {
  const entries = Object.entries(hourly.series);
  const detector = spendDetector('hourly', thresholds, entries.length, hourly.hours.map(calendarClass));
  return entries.flatMap(([key, values]) => {
    const [accountId = '', service = ''] = key.split('|');
    return scanSeries(values, detector)
      .anomalies.filter((a) => a.open)
      .map((a): SpendAnomaly => {
        const hours = { start: hourly.hours[a.start] as string, end: hourly.hours[a.end] as string };
        const start = hours.start.slice(0, 10);
        const end = hours.end.slice(0, 10);
        const impactUsd = a.actual - a.expected;
        return {
          id: `account-service|${key}|${start}`,
          dimension: 'account-service',
          series: key,
          label: `${service} in ${hourly.accountNames[accountId] ?? accountId} (${accountId})`,
          accountId,
          service,
          kind: a.kind,
          severity: severityOf(a.kind, Math.abs(impactUsd)),
          hours,
          start,
          end,
          detectedOn: (hourly.hours[a.detectedAt] as string).slice(0, 10),
          expected: a.expected,
          actual: a.actual,
          impactUsd,
          ...(a.expected > 0 ? { relativeChange: impactUsd / a.expected } : {}),
          score: a.score,
          open: true,
          settled: false,
          // Hourly figures are all still provisional.
          estimated: true,
          sources: ['durion-cost'],
          consoleUrl: costExplorerUrl({ start, end }, { service, accountId }),
        };
      });
  });
}

export interface IntradayOptions {
  mode: AwsMode;
  now: Date;
  config: Config;
  storeDir: string;
  cassetteDir?: string;
  seed?: number;
  /** In sample mode, what answers instead of the sample account (tests). */
  responder?: Responder;
}

export interface IntradayResult {
  anomalies: SpendAnomaly[];
  alerts: Alert[];
  /** The Publish inputs built (published only where a topic is configured and the claim was fresh). */
  inputs: PublishCommandInput[];
  published: number;
  costExplorerRequests: number;
  notes: Note[];
}

let sns: SNSClient | undefined;

/** One intraday run: read hourly spend, detect, alert once per anomaly. */
export async function runIntraday(options: IntradayOptions): Promise<IntradayResult> {
  const { config, now } = options;
  const asOf = now.toISOString().slice(0, 10);
  const aws = createAws({
    mode: options.mode,
    homeRegion: config.homeRegion,
    responder:
      options.mode === 'sample' ? (options.responder ?? sampleResponder({ asOf, seed: options.seed ?? 1 })) : undefined,
    cassetteDir: options.cassetteDir,
  });
  const notes: Note[] = [];
  const accountId = (await aws.client(STSClient).send(new GetCallerIdentityCommand({}))).Account ?? 'unknown';
  const hourly = await collectHourlySpend(aws, now, config.spend.metric, notes);
  const anomalies = hourly ? detectHourlyAnomalies(hourly, config.anomaly) : [];
  const alerts = capAlerts(anomalyAlerts(anomalies, accountId), {
    cap: config.anomaly.dailyAlertCap,
    sentToday: 0,
    asOf,
    accountId,
  });
  const topicArn = config.topicArn ?? 'arn:aws:sns:us-east-1:000000000000:durion-cost-alerts-not-configured';
  const byKey = new Map(anomalies.map((a) => [`anomaly:${a.id}`, a]));
  const inputs = alerts.map((a) =>
    anomalyPublishInput(a, byKey.get(a.key), topicArn, { chatbot: config.anomaly.chatbotFormat }),
  );
  let published = 0;
  if (config.topicArn && inputs.length) {
    const store = await openStore({ tableName: config.tableName, storeDir: options.storeDir });
    try {
      const until = new Date(`${addDays(asOf, 45)}T00:00:00Z`);
      const fresh = new Map<PublishCommandInput, string>();
      for (const [i, alert] of alerts.entries()) {
        const key = `alert#${alert.key}`;
        if (await store.claim(key, until)) fresh.set(inputs[i] as PublishCommandInput, key);
      }
      sns ??= new SNSClient({ region: config.homeRegion });
      const failed = await publishAlerts(sns, [...fresh.keys()], notes);
      for (const input of failed) await store.release(fresh.get(input) as string);
      published = fresh.size - failed.length;
    } finally {
      await store.close();
    }
  }
  return { anomalies, alerts, inputs, published, costExplorerRequests: aws.calls.forService('ce'), notes };
}
