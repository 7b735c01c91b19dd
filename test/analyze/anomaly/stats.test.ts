import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../fixtures/sample/random';
import { MAD_TO_SIGMA, medianInPlace, normalQuantile, SortedWindow } from '../../../src/analyze/anomaly/stats';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

describe('SortedWindow', () => {
  it('keeps the median, quantiles and robust sigma of its last values as they come, go and are taken back', () => {
    const rand = mulberry32(11);
    const window = new SortedWindow(9, 5);
    const all: number[] = [];
    for (let step = 0; step < 400; step++) {
      // Mostly pushes, now and then up to three taken back; repeated values too (zeros of a sparse series).
      if (step % 7 === 6 && all.length) {
        for (let k = 0; k < 1 + (step % 3) && all.length; k++) {
          window.popNewest();
          all.pop();
        }
      } else {
        const v = rand() < 0.2 ? 0 : Math.round(rand() * 100) / 4;
        window.push(v);
        all.push(v);
      }
      // What it must hold: the last 9 values still remembered (5 beyond the window are, after pops).
      const last = all.slice(-9);
      expect(window.size).toBe(last.length);
      if (!last.length) continue;
      expect(window.median()).toBe(median(last));
      expect(window.robustSigma()).toBeCloseTo(MAD_TO_SIGMA * median(last.map((v) => Math.abs(v - median(last)))), 10);
      const s = sorted(last);
      const at = 0.95 * (s.length - 1);
      const lo = Math.floor(at);
      const q = (s[lo] as number) + (at - lo) * ((s[Math.min(lo + 1, s.length - 1)] as number) - (s[lo] as number));
      expect(window.quantile(0.95)).toBeCloseTo(q, 10);
      expect(window.countAtMost(0)).toBe(last.filter((v) => v <= 0).length);
      expect(window.at(s.length - 1)).toBe(s[s.length - 1]);
    }
  });

  it('scales every value, keeping the order, and forgets everything when cleared', () => {
    const window = new SortedWindow(4);
    for (const v of [3, 1, 2, 8, 5]) window.push(v);
    window.scale(2);
    expect([0, 1, 2, 3].map((k) => window.at(k))).toEqual([2, 4, 10, 16]);
    expect(window.medianFrom(2)).toBe(13);
    window.clear();
    expect(window.size).toBe(0);
    expect(window.median()).toBeNaN();
  });
});

describe('medianInPlace and normalQuantile', () => {
  it('takes the median of a prefix of a scratch array, and inverts the normal distribution', () => {
    expect(medianInPlace(Float64Array.from([9, 4, 7, 1, 100]), 4)).toBe(5.5);
    expect(medianInPlace(new Float64Array(3), 0)).toBeNaN();
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424, 5);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
