/**
 * The digest's anomalies section: new, ongoing and resolved spend anomalies with their impact, who saw them and the
 * top contributor. New: still going and not in the previous run (without a previous run: first detected on the last
 * day read); ongoing: still going otherwise; resolved: back to normal (or settled at a new level) in the window.
 */

import { anomalyDays, EXPECTED_BASIS, settledText } from '../../analyze/anomaly/findings';
import type { SpendAnomaly } from '../../domain/anomaly';
import { addDays } from '../../domain/dates';
import { percentOf, usd } from '../../domain/money';
import type { ActionsBlock } from '../blocks';
import type { DigestSection, Entry } from '../section';

const STATES = ['new', 'ongoing', 'resolved'] as const;
type State = (typeof STATES)[number];

/** Where an anomaly stands on asOf (the last day read is the day before), given the previous run's anomaly ids. */
export function anomalyState(a: SpendAnomaly, asOf: string, previousIds?: ReadonlySet<string>): State {
  if (!a.open) return 'resolved';
  if (previousIds) return previousIds.has(a.id) ? 'ongoing' : 'new';
  return a.detectedOn >= addDays(asOf, -1) ? 'new' : 'ongoing';
}

const SOURCES = { 'durion-cost': 'durion-cost', 'aws-cost-anomaly-detection': 'AWS' } as const;

function entry(a: SpendAnomaly, state: State): Entry {
  const top = a.contributors?.find((c) => c.by !== 'account' || !a.accountId);
  const through = a.contributorsThrough && a.contributorsThrough !== a.end ? `, through ${a.contributorsThrough}` : '';
  const topText = top
    ? `top: ${top.by} ${top.value} ${usd(top.impactUsd)} (${percentOf(top.share)}${through})`
    : undefined;
  const seen = a.sources.map((s) => SOURCES[s]).join(' + ');
  const figure = `${a.impactUsd >= 0 ? '+' : ''}${usd(a.impactUsd)}`;
  const parts = [
    `${state} ${a.kind}${a.settled ? ' (settled at the new level)' : ''}`,
    anomalyDays(a),
    `${usd(a.actual)} vs ${usd(a.expected)} expected`,
    topText,
    `seen by ${seen}`,
    a.estimated ? 'includes Estimated days' : undefined,
    a.verdict ? settledText(a.verdict) : undefined,
  ].filter(Boolean) as string[];
  return {
    lines: [[{ strong: figure }, ` · ${a.label}`], [parts.join(' · ')]],
    ...(a.consoleUrl ? { link: { label: 'Cost Explorer', url: a.consoleUrl } } : {}),
  };
}

/**
 * The anomalies section, new first, then ongoing, then resolved, each by impact and with its verdict buttons until it
 * has a verdict; undefined when there is none.
 */
export function anomaliesSection(
  anomalies: readonly SpendAnomaly[],
  asOf: string,
  previousIds?: ReadonlySet<string>,
  actions?: (a: SpendAnomaly) => ActionsBlock | undefined,
  limit = 8,
): DigestSection | undefined {
  if (anomalies.length === 0) return undefined;
  const ranked = anomalies
    .map((a) => ({ a, state: anomalyState(a, asOf, previousIds) }))
    .sort(
      (x, y) => STATES.indexOf(x.state) - STATES.indexOf(y.state) || Math.abs(y.a.impactUsd) - Math.abs(x.a.impactUsd),
    );
  const count = (s: State) => ranked.filter((r) => r.state === s).length;
  const caption =
    `${count('new')} new, ${count('ongoing')} ongoing, ${count('resolved')} resolved in the last 14 days` +
    (ranked.length > limit ? ` (top ${limit} shown)` : '') +
    `. Impact = Cost Explorer actual spend minus expected (${EXPECTED_BASIS}) over the anomaly days.`;
  const blocks = ranked.slice(0, limit).map((r) => {
    // A resolved anomaly still takes a verdict: a false positive or a planned change is worth telling, over or not.
    const buttons = r.a.verdict ? undefined : actions?.(r.a);
    return { entries: [entry(r.a, r.state)], ...(buttons ? { actions: buttons } : {}) };
  });
  return { id: 'anomalies', title: 'Spend anomalies', caption, blocks };
}
