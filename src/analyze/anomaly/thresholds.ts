/**
 * When a statistical anomaly is worth a person's attention: dollar impact, relative change, a spend floor, and a
 * score threshold that rises with the number of series judged (Bonferroni), so a large account with hundreds of
 * series does not raise more false alarms than a small one.
 */
import type { AnomalyThresholds } from '../../config';
import { DAILY_DETECTOR, type DetectorOptions, HOURLY_DETECTOR } from './detect';
import { normalQuantile } from './stats';

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
