/**
 * The anomaly path of a run, in one call: AWS Cost Anomaly Detection read, our detector over the spend, both merged,
 * root causes within their request budget, then findings, alerts (re-alerted on growth, capped a day) and the digest
 * section. What it keeps between runs (impact last alerted per anomaly, alerts sent today) is plain JSON the run
 * stores in `snapshot.extra.anomalies` and hands back next time; the daily and the intraday runs share it.
 */
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { anomalyAlertKey, anomalyAlerts, capAlerts, realertDue } from '../analyze/alerts/anomaly';
import { anomalyFinding } from '../analyze/anomaly/findings';
import { mergeAwsAnomalies, settle } from '../analyze/anomaly/merge';
import { breakdownWindow, carryRootCauses, explainAnomalies, rootCauseTargets } from '../analyze/anomaly/rootcause';
import { detectSpendAnomalies } from '../analyze/anomaly/spend';
import type { Aws } from '../aws';
import { collectAwsAnomalies, collectBreakdown, type RootCauseOptions } from '../collect/anomalies';
import type { Config } from '../config';
import type { Alert } from '../domain/alert';
import type { AnomalyState, SpendAnomaly, Verdict } from '../domain/anomaly';
import type { FindingDraft } from '../domain/finding';
import type { Note } from '../domain/note';
import type { SpendData } from '../domain/spend';
import { anomalyPublishInput } from '../notify/anomaly-alert';
import type { ActionsBlock } from '../notify/blocks';
import type { DigestSection } from '../notify/section';
import { anomaliesSection } from '../notify/sections/anomalies';

export interface AnomalyStepResult {
  anomalies: SpendAnomaly[];
  findings: FindingDraft[];
  /** Alerts due now: new anomalies, grown ones, the overflow summary; keyed so the ledger's claim sends each once. */
  alerts: Alert[];
  /** The digest section; `actions` gives the buttons of an anomaly's finding once the ledger has its id. */
  section(actions?: (a: SpendAnomaly) => ActionsBlock | undefined): DigestSection | undefined;
  /** The SNS Publish input of one of these alerts (MessageStructure json, optional chat format). */
  publishInput(alert: Alert, topicArn: string): PublishCommandInput;
  /** The state to keep, given the keys of the alerts actually published. */
  stateAfter(publishedKeys: readonly string[]): AnomalyState;
}

/** The previous state, if the stored one (snapshot.extra.anomalies, possibly from an older version) has its shape. */
export function previousState(value: AnomalyState | undefined): AnomalyState | undefined {
  const v = value as Partial<AnomalyState> | undefined;
  return v && Array.isArray(v.anomalies) && typeof v.alerted === 'object' && v.sent ? (v as AnomalyState) : undefined;
}

export interface AnomalyStepInput {
  asOf: string;
  spend?: SpendData;
  /** The payer (or single) account: alerts about the whole bill carry it. */
  accountId: string;
  config: Config;
  notes: Note[];
  /** snapshot.extra.anomalies of the previous run. */
  previous?: AnomalyState;
  /** Verdicts given with the Slack buttons, by anomaly id (analyze/anomaly/merge.ts slackVerdicts). */
  verdicts?: ReadonlyMap<string, Verdict>;
}

/** Root causes for the largest anomalies: what to break down is analysis, reading the breakdowns is the collector's. */
export async function explainLargest(
  aws: Aws,
  anomalies: SpendAnomaly[],
  spend: SpendData | undefined,
  options: RootCauseOptions,
  notes: Note[],
): Promise<SpendAnomaly[]> {
  const targets = rootCauseTargets(anomalies);
  if (targets.length === 0) return anomalies;
  const scope = {
    window: breakdownWindow(targets),
    services: [...new Set(targets.map((a) => a.service as string))],
    accounts: targets.every((a) => a.accountId) ? [...new Set(targets.map((a) => a.accountId as string))] : [],
  };
  const usageTypes = await collectBreakdown(aws, scope, options, notes);
  return explainAnomalies(anomalies, targets, usageTypes, spend);
}

/** Run the anomaly path: two Cost Explorer requests or so (GetAnomalies, root causes within their budget). */
export async function anomalyStep(aws: Aws, input: AnomalyStepInput): Promise<AnomalyStepResult> {
  const { asOf, spend, accountId, config, notes } = input;
  const settings = config.anomaly;
  const prev = previousState(input.previous);
  const fromAws = (await collectAwsAnomalies(aws, asOf, notes)) ?? [];
  const own = spend ? detectSpendAnomalies(spend, settings) : [];
  const merged = mergeAwsAnomalies(own, fromAws, asOf, spend?.accountNames, settings.minImpactUsd);
  const anomalies = await explainLargest(
    aws,
    settle(carryRootCauses(merged, prev?.anomalies), input.verdicts ?? new Map()),
    spend,
    { metric: config.spend.metric, requests: settings.rootCauseRequests },
    notes,
  );
  const byKey = new Map<string, SpendAnomaly>();
  // A settled anomaly (planned, or not an anomaly) is listed as such and never alerted.
  const unsettled = anomalies.filter((a) => !a.verdict);
  const due = anomalyAlerts(unsettled, accountId).flatMap((alert) => {
    const a = unsettled.find((x) => anomalyAlertKey(x) === alert.key) as SpendAnomaly;
    const last = prev?.alerted[a.id];
    if (!realertDue(last, a.impactUsd, settings.realertGrowth)) return [];
    // A re-alert is a new event for the ledger's once-only claim: its key names the impact it reports.
    const keyed = last === undefined ? alert : { ...alert, key: `${alert.key}@${Math.round(a.impactUsd)}` };
    byKey.set(keyed.key, a);
    return [keyed];
  });
  const sentToday = prev?.sent.day === asOf ? prev.sent.count : 0;
  const alerts = capAlerts(due, { cap: settings.dailyAlertCap, sentToday, asOf, accountId });
  return {
    anomalies,
    findings: anomalies.map(anomalyFinding),
    alerts,
    section: (actions) => anomaliesSection(anomalies, asOf, prev && new Set(prev.anomalies.map((a) => a.id)), actions),
    publishInput: (alert, topicArn) =>
      anomalyPublishInput(alert, byKey.get(alert.key), topicArn, { chatbot: settings.chatbotFormat }),
    stateAfter(publishedKeys) {
      const alerted = { ...(prev?.alerted ?? {}) };
      for (const key of publishedKeys) {
        const a = byKey.get(key);
        if (a) alerted[a.id] = a.impactUsd;
      }
      // Forget anomalies that left the window: their ids will not come back.
      const live = new Set(anomalies.map((a) => a.id));
      for (const id of Object.keys(alerted)) if (!live.has(id)) delete alerted[id];
      const sent = publishedKeys.filter((k) => k.startsWith('anomaly')).length;
      return { anomalies, alerted, sent: { day: asOf, count: sentToday + sent } };
    },
  };
}
