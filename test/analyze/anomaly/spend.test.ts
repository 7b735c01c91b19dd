import { describe, expect, it } from 'vitest';
import { plantedAnomalies } from '../../../fixtures/sample/estate';
import { detectSpendAnomalies, severityOf } from '../../../src/analyze/anomaly/spend';
import { collectSpend } from '../../../src/collect/spend';
import { DEFAULT_THRESHOLDS } from '../../../src/config';
import { addDays } from '../../../src/domain/dates';
import type { Note } from '../../../src/domain/note';
import type { SpendData } from '../../../src/domain/spend';
import { sampleAws } from '../../helpers/sample-aws';

async function sampleSpend(asOf: string): Promise<SpendData> {
  const aws = sampleAws(asOf);
  const notes: Note[] = [];
  const spend = await collectSpend(
    aws,
    { asOf, metric: 'UnblendedCost', lookbackDays: 395, tagKey: 'team', revisedDays: 3 },
    undefined,
    notes,
  );
  if (!spend) throw new Error(`no sample spend: ${JSON.stringify(notes)}`);
  return spend;
}

describe('detectSpendAnomalies on the sample account', () => {
  // Every weekday of one week (the planted anomalies sit on a weekly anchor, so each weekday sees them at other ages),
  // and 2026-12-03: the window holds the 1st of the month (support, tax, Savings Plan fee) and month end.
  const week = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays('2026-11-16', i));
  it.each([...week, '2026-12-03'])('finds each planted anomaly once and nothing else (as of %s)', async (asOf) => {
    const found = detectSpendAnomalies(await sampleSpend(asOf), DEFAULT_THRESHOLDS);
    const planted = plantedAnomalies(asOf);
    expect(found.map((a) => a.series).sort()).toEqual(planted.map((p) => `${p.accountId}|${p.service}`).sort());
    for (const p of planted) {
      const a = found.find((f) => f.series === `${p.accountId}|${p.service}`);
      expect(a?.dimension).toBe('account-service');
      expect(a?.start).toBe(p.start);
      expect(a?.kind).toBe(p.kind === 'new-service' ? 'new' : p.kind);
      // The spike is over; the others still run and have not settled into the new normal.
      expect(a?.open).toBe(p.end === undefined);
      expect(a?.settled).toBe(false);
      if (p.end) expect(a?.end).toBe(addDays(p.end, -1));
      const days = Math.round((Date.parse(a?.end ?? '') - Date.parse(a?.start ?? '')) / 86_400_000) + 1;
      // Impact within 25% of what was planted over the days the anomaly covers.
      expect(a?.impactUsd).toBeGreaterThan(0.75 * p.extraUsdPerDay * days);
      expect(a?.impactUsd).toBeLessThan(1.25 * p.extraUsdPerDay * days);
      expect(a?.sources).toEqual(['durion-cost']);
      expect(a?.consoleUrl).toContain('cost-explorer');
    }
  });
});

describe('severityOf', () => {
  it('grades rises by dollars and keeps drops low', () => {
    expect(severityOf('spike', 6000)).toBe('critical');
    expect(severityOf('level-shift', 1500)).toBe('high');
    expect(severityOf('new', 300)).toBe('medium');
    expect(severityOf('runaway', 60)).toBe('low');
    expect(severityOf('drop', 60_000)).toBe('low');
  });
});

describe('billing lag', () => {
  it('takes a fall on the last, still Estimated days for lag, and an earlier fall for a drop', async () => {
    const asOf = '2026-11-20';
    const spend = await sampleSpend(asOf);
    const key = Object.keys(spend.byAccountService).find((k) => k.startsWith('111111111111|Amazon Relational'));
    if (!key) throw new Error('no production RDS series in the sample');
    const lagged = structuredClone(spend);
    const series = lagged.byAccountService[key] as number[];
    const n = series.length;
    series[n - 1] = (series[n - 1] as number) * 0.2;
    series[n - 2] = (series[n - 2] as number) * 0.2;
    expect(detectSpendAnomalies(lagged, DEFAULT_THRESHOLDS).filter((a) => a.series === key)).toEqual([]);
    const fallen = structuredClone(spend);
    const earlier = fallen.byAccountService[key] as number[];
    for (let i = n - 8; i < n; i++) earlier[i] = (earlier[i] as number) * 0.2;
    const drop = detectSpendAnomalies(fallen, DEFAULT_THRESHOLDS).find((a) => a.series === key);
    expect(drop).toMatchObject({ kind: 'drop', severity: 'low', start: fallen.days[n - 8] });
  });
});
