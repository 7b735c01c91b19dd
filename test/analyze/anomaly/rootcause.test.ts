import { describe, expect, it } from 'vitest';
import { plantedAnomalies } from '../../../fixtures/sample/estate';
import {
  accountContributors,
  breakdownContributors,
  carryRootCauses,
  explainAnomalies,
  rootCauseTargets,
} from '../../../src/analyze/anomaly/rootcause';
import { detectSpendAnomalies } from '../../../src/analyze/anomaly/spend';
import { collectSpend } from '../../../src/collect/spend';
import { DEFAULT_THRESHOLDS } from '../../../src/config';
import type { SpendAnomaly } from '../../../src/domain/anomaly';
import type { Note } from '../../../src/domain/note';
import type { SpendData } from '../../../src/domain/spend';
import { explainLargest } from '../../../src/jobs/anomaly';
import { sampleAws } from '../../helpers/sample-aws';

const ASOF = '2026-11-20';
const days = Array.from({ length: 21 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);

const anomaly = (over: Partial<SpendAnomaly>): SpendAnomaly =>
  ({
    id: 'x',
    dimension: 'service',
    series: 'S',
    label: 'S',
    service: 'S',
    kind: 'spike',
    severity: 'medium',
    start: '2026-11-20',
    end: '2026-11-21',
    detectedOn: '2026-11-20',
    expected: 100,
    actual: 400,
    impactUsd: 300,
    relativeChange: 3,
    score: 9,
    open: false,
    settled: false,
    estimated: false,
    sources: ['durion-cost'],
    ...over,
  }) as SpendAnomaly;

describe('root cause attribution', () => {
  it('splits the excess over the same weekdays before among usage types, largest first, with shares', () => {
    const flat = (v: number, jump = 0) => days.map((_, i) => (i >= 19 ? v + jump : v));
    const b = {
      by: 'usage-type' as const,
      days,
      series: { 'S|Bytes': flat(10, 150), 'S|Hours': flat(50, 50), 'S|Quiet': flat(5), 'T|Other': flat(1, 999) },
    };
    expect(breakdownContributors(anomaly({}), b)).toEqual([
      { by: 'usage-type', value: 'Bytes', impactUsd: 300, share: 0.75 },
      { by: 'usage-type', value: 'Hours', impactUsd: 100, share: 0.25 },
    ]);
  });

  it('names the linked accounts of a service-wide anomaly from the spend already read', () => {
    const spend = {
      days,
      byAccountService: { 'A|S': days.map((_, i) => (i >= 19 ? 90 : 10)), 'B|S': days.map(() => 10) },
    } as unknown as SpendData;
    expect(accountContributors(anomaly({}), spend)).toEqual([{ by: 'account', value: 'A', impactUsd: 160, share: 1 }]);
  });

  it('names regions from the usage types billing codes, global services as global, with no read of its own', () => {
    const flat = (v: number, jump = 0) => days.map((_, i) => (i >= 19 ? v + jump : v));
    const usageTypes = {
      by: 'usage-type' as const,
      days,
      series: {
        'S|EU-NatGateway-Hours': flat(10, 100),
        'S|EU-NatGateway-Bytes': flat(10, 200),
        'S|NatGateway-Hours': flat(10, 100),
        'Amazon CloudFront|EU-DataTransfer-Out-Bytes': flat(1, 50),
      },
    };
    const target = anomaly({});
    const cdn = anomaly({ id: 'cdn', service: 'Amazon CloudFront' });
    const [s, c] = explainAnomalies([target, cdn], [target, cdn], usageTypes, undefined);
    expect(s?.contributors?.filter((x) => x.by === 'region')).toEqual([
      { by: 'region', value: 'eu-west-1', impactUsd: 600, share: 0.75 },
      { by: 'region', value: 'us-east-1', impactUsd: 200, share: 0.25 },
    ]);
    expect(c?.contributors?.filter((x) => x.by === 'region').map((x) => x.value)).toEqual(['global']);
  });

  it('explains only our rises with a service, largest first', () => {
    const list = [
      anomaly({ id: 'small', impactUsd: 10 }),
      anomaly({ id: 'drop', kind: 'drop', impactUsd: -500 }),
      anomaly({ id: 'total', service: undefined, dimension: 'total' }),
      anomaly({ id: 'big', impactUsd: 900 }),
    ];
    expect(rootCauseTargets(list, 1).map((a) => a.id)).toEqual(['big']);
  });
});

describe('explainLargest on the sample account', () => {
  it('finds the planted usage types within the request budget', async () => {
    const aws = sampleAws(ASOF);
    const notes: Note[] = [];
    const spend = await collectSpend(
      aws,
      { asOf: ASOF, metric: 'UnblendedCost', lookbackDays: 395, tagKey: 'team', revisedDays: 3 },
      undefined,
      notes,
    );
    const found = detectSpendAnomalies(spend as SpendData, DEFAULT_THRESHOLDS);
    const before = aws.calls.forService('ce');
    const explained = await explainLargest(aws, found, spend, { metric: 'UnblendedCost', requests: 1 }, notes);
    expect(aws.calls.forService('ce') - before).toBe(1);
    for (const p of plantedAnomalies(ASOF)) {
      const a = explained.find((x) => x.series === `${p.accountId}|${p.service}`);
      expect(a?.contributors?.[0]).toMatchObject({ by: 'usage-type', value: p.usageType });
      expect(a?.contributors?.[0]?.share).toBeGreaterThan(0.8);
    }
    const free = await explainLargest(aws, found, spend, { metric: 'UnblendedCost', requests: 0 }, notes);
    expect(aws.calls.forService('ce') - before).toBe(1);
    expect(free.flatMap((a) => a.contributors ?? []).every((c) => c.by === 'account')).toBe(true);
  });
});

describe('root causes kept from an earlier run', () => {
  const measured = [{ by: 'usage-type' as const, value: 'USE1-Host:ml.g4dn.xlarge', impactUsd: 245.92, share: 1 }];

  it('keeps yesterday’s root causes of the same anomaly, saying through which day they run, and reads none', () => {
    const yesterday = anomaly({ id: 'a', start: '2026-11-13', end: '2026-11-19', contributors: measured });
    const [today] = carryRootCauses([anomaly({ id: 'a', start: '2026-11-13', end: '2026-11-20' })], [yesterday]);
    expect(today).toMatchObject({ contributors: measured, contributorsThrough: '2026-11-19' });
    expect(rootCauseTargets(today ? [today] : [])).toEqual([]);
    // A third day still says the day they were measured through.
    const [later] = carryRootCauses(
      [anomaly({ id: 'a', start: '2026-11-13', end: '2026-11-21' })],
      [today as SpendAnomaly],
    );
    expect(later?.contributorsThrough).toBe('2026-11-19');
  });

  it('reads again for a new anomaly, one that started on another day, or one that brings its own', () => {
    const yesterday = [anomaly({ id: 'a', start: '2026-11-13', contributors: measured })];
    expect(carryRootCauses([anomaly({ id: 'b', start: '2026-11-13' })], yesterday)[0]?.contributors).toBeUndefined();
    expect(carryRootCauses([anomaly({ id: 'a', start: '2026-11-14' })], yesterday)[0]?.contributors).toBeUndefined();
    const own = [{ by: 'region' as const, value: 'us-east-1', impactUsd: 1, share: 1 }];
    const aws = carryRootCauses([anomaly({ id: 'a', start: '2026-11-13', contributors: own })], yesterday)[0];
    expect(aws).toMatchObject({ contributors: own });
    expect(aws?.contributorsThrough).toBeUndefined();
  });
});
