/**
 * When a statistical anomaly is worth a person's attention: dollar impact, relative change, a spend floor, and a
 * score threshold that rises with the number of series judged (Bonferroni), so a large account with hundreds of
 * series does not raise more false alarms than a small one.
 */
import type { AnomalyThresholds } from '../../config';
import { DAY_MS, HOUR_MS } from '../../domain/dates';
import { DAILY_DETECTOR, type DetectorOptions, detectorForStep, HOURLY_DETECTOR } from './detect';
import { normalQuantile } from './stats';

/** The score that opens an anomaly when `seriesCount` series are judged on each point in time. */
export function scoreThreshold(seriesCount: number, t: AnomalyThresholds): number {
  const bonferroni = normalQuantile(1 - t.falseAlarmRate / (2 * Math.max(1, seriesCount)));
  return Math.max(t.minScore, bonferroni);
}

/** A series' spacing: daily or hourly spend, or any regular step in milliseconds (a day or a divisor of one). */
export type Spacing = 'daily' | 'hourly' | { stepMs: number; points: number };

/**
 * The detector options for spend series at a spacing, with the thresholds applied: the minimum impact over the
 * anomaly, the spend floor per point (scaled from a day to the step), and the relative change. A spend floor of 0
 * also means nothing counts as zero and values are not charges (series that are not dollars: `detect --min-impact 0`).
 */
export function spendDetector(
  spacing: Spacing,
  t: AnomalyThresholds,
  seriesCount: number,
  classes?: readonly (string | undefined)[],
  monthSlots?: ArrayLike<number>,
): DetectorOptions {
  const stepMs = spacing === 'daily' ? DAY_MS : spacing === 'hourly' ? HOUR_MS : spacing.stepMs;
  const base =
    spacing === 'daily'
      ? DAILY_DETECTOR
      : spacing === 'hourly'
        ? HOURLY_DETECTOR
        : detectorForStep(stepMs, spacing.points);
  const floor = (t.floorUsd * stepMs) / DAY_MS;
  return {
    ...base,
    z: scoreThreshold(seriesCount, t),
    classes,
    monthSlots,
    // Without a spend floor the values may not be dollars: nothing counts as zero, and they are not charges.
    ...(t.floorUsd > 0 ? {} : { absSigmaFloor: 0, lumpy: 0 }),
    // Spend under a day is judged for faster alerts on rises; a quiet hour is not news.
    drops: stepMs >= DAY_MS,
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
