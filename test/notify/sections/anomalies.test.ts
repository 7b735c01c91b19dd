import { describe, expect, it } from 'vitest';
import { anomalyFinding } from '../../../src/analyze/anomaly/findings';
import type { SpendAnomaly } from '../../../src/domain/anomaly';
import { actions, button } from '../../../src/notify/blocks';
import { sectionToLines } from '../../../src/notify/section';
import { anomaliesSection, anomalyState } from '../../../src/notify/sections/anomalies';
import { spendAnomaly } from '../../analyze/anomaly/helpers';

const ASOF = '2026-11-20';
const anomaly = (over: Partial<SpendAnomaly>): SpendAnomaly =>
  spendAnomaly({
    id: 'x',
    estimated: false,
    contributors: [{ by: 'usage-type', value: 'USE1-DataProcessing-Bytes', impactUsd: 480, share: 1 }],
    ...over,
  });

describe('anomaliesSection', () => {
  const list = [
    anomaly({ id: 'resolved' }),
    anomaly({
      id: 'ongoing',
      open: true,
      detectedOn: '2026-11-11',
      start: '2026-11-10',
      end: '2026-11-19',
      label: 'EC2 - Other in durion-staging',
      impactUsd: 455,
    }),
    anomaly({
      id: 'new',
      kind: 'new',
      open: true,
      detectedOn: '2026-11-19',
      label: 'Amazon SageMaker in durion-development',
      impactUsd: 143,
      sources: ['durion-cost', 'aws-cost-anomaly-detection'],
    }),
  ];

  it('lists new, then ongoing, then resolved, with impact, top contributor and sources', () => {
    expect(list.map((a) => anomalyState(a, ASOF))).toEqual(['resolved', 'ongoing', 'new']);
    const section = anomaliesSection(list, ASOF);
    expect(section?.id).toBe('anomalies');
    const lines = sectionToLines(section!).join('\n');
    expect(lines).toContain('1 new, 1 ongoing, 1 resolved');
    expect(lines.indexOf('SageMaker')).toBeLessThan(lines.indexOf('EC2 - Other'));
    expect(lines.indexOf('EC2 - Other')).toBeLessThan(lines.indexOf('AmazonCloudWatch'));
    expect(lines).toContain('+$480.00');
    // When the alert fired, beside when the anomaly began.
    expect(lines).toContain('2026-11-10 to 2026-11-19, detected 2026-11-11 · ');
    expect(lines).toContain('2026-11-15 to 2026-11-16 · ');
    expect(lines).toContain('top: usage-type USE1-DataProcessing-Bytes');
    expect(lines).toContain('seen by durion-cost + AWS');
    expect(JSON.stringify(section?.blocks)).toContain('SageMaker');
  });

  it('calls new what the previous run did not have', () => {
    const previous = new Set(['ongoing']);
    expect(list.map((a) => anomalyState(a, ASOF, previous))).toEqual(['resolved', 'ongoing', 'new']);
    expect(anomalyState(list[1] as SpendAnomaly, ASOF, new Set())).toBe('new');
  });

  it('gives each anomaly its buttons until it has a verdict, a resolved one too', () => {
    const settled = anomaly({ id: 'settled', verdict: { is: 'planned', by: 'slack' } });
    const buttons = (a: SpendAnomaly) => actions([button('Accurate', 'accurate', { value: a.id })]);
    const section = anomaliesSection([...list, settled], ASOF, undefined, buttons);
    const withButtons = section?.blocks.flatMap((b) =>
      (b.actions?.elements ?? []).map((e) => ('value' in e ? e.value : '')),
    );
    expect(withButtons?.sort()).toEqual(['new', 'ongoing', 'resolved']);
  });

  it('is absent when there is no anomaly', () => {
    expect(anomaliesSection([], ASOF)).toBeUndefined();
  });
});

describe('anomalyFinding', () => {
  it('makes an investigate finding priced at the excess rate, carrying the AWS anomaly id for feedback', () => {
    const f = anomalyFinding(
      anomaly({
        kind: 'level-shift',
        open: true,
        awsAnomalyId: 'aws-1',
        sources: ['durion-cost', 'aws-cost-anomaly-detection'],
      }),
    );
    expect(f).toMatchObject({
      source: 'anomaly',
      action: 'investigate',
      ruleId: 'anomaly:level-shift',
      status: 'alarm',
      resourceId: 'x',
      savingsMethod: 'none',
      monthlySavingsUsd: 0,
      confidence: 'high',
    });
    // The excess is an impact, never a saving.
    expect(f.monthlyImpactUsd).toBeCloseTo((480 / 2) * 30.4167, 2);
    expect(f.evidence.awsAnomalyId).toBe('aws-1');
    expect(f.reason).toContain('$590.00');
    expect(f.reason).toMatch(/over 2 day\(s\)\.$/);
    // Found days after it began (a CUSUM): the reason says when.
    expect(anomalyFinding(anomaly({ detectedOn: '2026-11-16' })).reason).toMatch(
      /over 2 day\(s\), detected on 2026-11-16\.$/,
    );
    // A spike costs what it cost: no monthly figure.
    expect(anomalyFinding(anomaly({ open: true }))).toMatchObject({ monthlySavingsUsd: 0, monthlyImpactUsd: 0 });
    expect(anomalyFinding(anomaly({ kind: 'drop', impactUsd: -300 }))).toMatchObject({
      status: 'info',
      monthlySavingsUsd: 0,
      monthlyImpactUsd: 0,
    });
  });
});
