import { describe, expect, it } from 'vitest';
import type { FindingDraft } from '../../src/domain/finding';
import { rank, scoreDraft } from '../../src/ledger/score';
import { draft as baseDraft } from './helpers';

/** Only the figures matter here: savings, confidence, effort, status and severity. */
const draft = (o: Partial<FindingDraft> = {}): FindingDraft => baseDraft({ monthlySavingsUsd: 200, ...o });

describe('scoreDraft', () => {
  it('weighs savings by confidence and effort', () => {
    expect(scoreDraft(draft())).toEqual({ score: 200, priority: 2 });
    expect(scoreDraft(draft({ confidence: 'low', effort: 'high' })).score).toBeCloseTo(200 * 0.4 * 0.6, 6);
    expect(scoreDraft(draft({ monthlySavingsUsd: 900 })).priority).toBe(1);
    expect(scoreDraft(draft({ monthlySavingsUsd: 12 })).priority).toBe(3);
    expect(scoreDraft(draft({ monthlySavingsUsd: 3.65 })).priority).toBe(4);
  });

  it('halves info findings and gives nothing to act on a score of 0', () => {
    expect(scoreDraft(draft({ status: 'info' })).score).toBe(100);
    for (const status of ['ok', 'skip', 'error'] as const)
      expect(scoreDraft(draft({ status }))).toEqual({ score: 0, priority: 4 });
  });

  it('lifts severe findings without a price', () => {
    expect(scoreDraft(draft({ monthlySavingsUsd: 0, severity: 'critical' })).priority).toBe(2);
    expect(scoreDraft(draft({ monthlySavingsUsd: 0, severity: 'high' })).priority).toBe(3);
  });

  it('treats a non-finite or negative saving as none', () => {
    expect(scoreDraft(draft({ monthlySavingsUsd: Number.NaN })).score).toBe(0);
    expect(scoreDraft(draft({ monthlySavingsUsd: -5 })).score).toBe(0);
  });
});

describe('rank', () => {
  it('orders by priority, score, savings, then id', () => {
    const scored = (id: string, o: Partial<FindingDraft>) => {
      const d = draft({ resourceId: id, ...o });
      return { ...d, id, ...scoreDraft(d) };
    };
    const ranked = rank([
      scored('c', { monthlySavingsUsd: 20 }),
      scored('a', { monthlySavingsUsd: 600 }),
      scored('b', { monthlySavingsUsd: 20 }),
      scored('d', { monthlySavingsUsd: 0, severity: 'critical' }),
    ]);
    expect(ranked.map((f) => f.id)).toEqual(['a', 'd', 'b', 'c']);
  });
});
