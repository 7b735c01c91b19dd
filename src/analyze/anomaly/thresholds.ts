/**
 * When a statistical anomaly is worth a person's attention: dollar impact, relative change, a spend floor, and a
 * score threshold that rises with the number of series judged (Bonferroni), so a large account with hundreds of
 * series does not raise more false alarms than a small one.
 */
import { DAILY_DETECTOR, type DetectorOptions, HOURLY_DETECTOR } from './detect';
import { normalQuantile } from './stats';

export interface AnomalyThresholds {
  /** USD of excess (or shortfall) over the anomaly so far, at least. */
  minImpactUsd: number;
  /** Excess relative to the expected spend over the anomaly, at least (0.2 = 20%). */
  minRelativeChange: number;
  /** Series whose spend (actual or expected) stays under this many USD a day never alert. */
  floorUsd: number;
  /** The lowest score that opens an anomaly, whatever the number of series. */
  minScore: number;
  /** Chance of one false alarm per run across all series, before the dollar thresholds (Bonferroni). */
  falseAlarmRate: number;
}

/** The anomaly settings of the configuration: thresholds, and how anomalies alert. */
export interface AnomalySettings extends AnomalyThresholds {
  /** Alert again on an anomaly already alerted only when its impact has grown by this share (0.5 = 50%). */
  realertGrowth: number;
  /** Anomaly alerts published a day, at most; the rest go out as one summary alert. */
  dailyAlertCap: number;
  /** Publish in the custom-notification format of Amazon Q Developer in chat applications (AWS Chatbot). */
  chatbotFormat: boolean;
  /** Extra Cost Explorer requests a run may spend on root causes (each is billed $0.01). */
  rootCauseRequests: number;
}

/** Defaults for a daily run; overridable through DURION_ANOMALY_* (src/config.ts). */
export const DEFAULT_THRESHOLDS: AnomalyThresholds = {
  minImpactUsd: 50,
  minRelativeChange: 0.2,
  floorUsd: 5,
  minScore: 5,
  falseAlarmRate: 0.05,
};

/** The score that opens an anomaly when `seriesCount` series are judged on each point in time. */
export function scoreThreshold(seriesCount: number, t: AnomalyThresholds): number {
  const bonferroni = normalQuantile(1 - t.falseAlarmRate / (2 * Math.max(1, seriesCount)));
  return Math.max(t.minScore, bonferroni);
}

/** The detector options for spend series at a granularity, with the thresholds applied. */
export function spendDetector(
  granularity: 'daily' | 'hourly',
  t: AnomalyThresholds,
  seriesCount: number,
  classes?: readonly (string | undefined)[],
): DetectorOptions {
  const base = granularity === 'daily' ? DAILY_DETECTOR : HOURLY_DETECTOR;
  const floor = granularity === 'daily' ? t.floorUsd : t.floorUsd / 24;
  return {
    ...base,
    z: scoreThreshold(seriesCount, t),
    classes,
    // Hourly spend is judged for faster alerts on rises; a quiet hour is not news.
    drops: granularity === 'daily',
    qualifies: ({ expected, actual, points }) => {
      const impact = Math.abs(actual - expected);
      const perPoint = Math.max(Math.abs(actual), Math.abs(expected)) / points;
      return (
        impact >= t.minImpactUsd &&
        perPoint >= floor &&
        impact >= t.minRelativeChange * Math.max(Math.abs(expected), floor * points)
      );
    },
  };
}
