import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CsvReader, parseCostCsv, readCsvFile } from '../../src/cli/csv-series';
import { detectCommand } from '../../src/cli/detect';
import { addDays } from '../../src/domain/dates';
import { UsageError } from '../../src/domain/errors';

const dayOf = (i: number) => addDays('2026-01-01', i);

/** 120 days of weekday/weekend spend with a $5,000 charge on each 1st, and a spike on day 100 if asked. */
function dailyCsv(spike: boolean, series?: string): string {
  const rows = Array.from({ length: 120 }, (_, i) => {
    const day = dayOf(i);
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    let v = (dow === 0 || dow === 6 ? 400 : 800) * (1 + 0.02 * Math.sin(i * 1.7));
    if (day.endsWith('-01')) v += 5000;
    if (spike && i === 100) v += 1500;
    return series ? `${day},${series},${v.toFixed(2)}` : `${day},${v.toFixed(2)}`;
  });
  return `${series ? 'timestamp,series,value' : 'timestamp,value'}\n${rows.join('\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'durion-detect-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('detect --csv', () => {
  it('prints the spike of a daily series as JSON, and nothing for the month-start charges', async () => {
    const out = JSON.parse(await detectCommand(['--csv', file('spike.csv', dailyCsv(true))]));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ series: 'total', start: dayOf(100), end: dayOf(100), kind: 'spike' });
    expect(out[0].impactUsd).toBeGreaterThan(1300);
    expect(Object.keys(out[0]).sort()).toEqual([
      'actual',
      'detectedAt',
      'end',
      'expected',
      'impactUsd',
      'kind',
      'score',
      'series',
      'start',
    ]);
    expect(JSON.parse(await detectCommand(['--csv', file('clean.csv', dailyCsv(false))]))).toEqual([]);
  });

  it('judges each series of a three-column file on its own', async () => {
    const text = dailyCsv(true, 'ec2') + dailyCsv(false, 's3').split('\n').slice(1).join('\n');
    const out = JSON.parse(await detectCommand(['--csv', file('two.csv', text)]));
    expect(out.map((a: { series: string }) => a.series)).toEqual(['ec2']);
  });

  it('finds a jump in an hourly series', async () => {
    const hours = Array.from({ length: 14 * 24 }, (_, i) => {
      const at = new Date(Date.parse('2026-03-02T00:00:00Z') + i * 3_600_000).toISOString().replace('.000', '');
      const v = (i % 24 >= 8 && i % 24 < 20 ? 30 : 20) + (i % 7) * 0.2 + (i >= 300 ? 25 : 0);
      return `${at},${v}`;
    });
    const out = JSON.parse(
      await detectCommand([
        '--csv',
        file('hourly.csv', `timestamp,value\n${hours.join('\n')}\n`),
        '--granularity',
        'hourly',
      ]),
    );
    expect(out).toHaveLength(1);
    expect(out[0].start).toBe('2026-03-14T12:00:00Z');
  });

  it('takes 5-minute data, inferred or given, judging a metric that is not dollars with the dollar floors off', async () => {
    const start = Date.parse('2026-03-02T00:00:00Z');
    const rows = Array.from({ length: 5 * 288 }, (_, i) => {
      const at = new Date(start + i * 300_000).toISOString().replace('.000', '');
      const daytime = (i % 288) / 288 > 0.3 && (i % 288) / 288 < 0.8;
      // A utilization (0.02 to 0.03), a quarter higher from the fourth afternoon on.
      const v = (daytime ? 0.03 : 0.02) * (1 + 0.01 * Math.sin(i * 1.3)) * (i >= 3 * 288 + 180 ? 1.25 : 1);
      return `${at},${v.toFixed(6)}`;
    });
    const path = file('five.csv', `timestamp,value\n${rows.join('\n')}\n`);
    // Not dollars: only with the dollar floors off.
    expect(JSON.parse(await detectCommand(['--csv', path]))).toEqual([]);
    for (const given of [[], ['--granularity', '5m']]) {
      const out = JSON.parse(await detectCommand(['--csv', path, '--min-impact', '0', ...given]));
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ kind: 'level-shift', start: '2026-03-05T15:00:00Z' });
      expect(out[0].detectedAt >= out[0].start).toBe(true);
      expect(out[0].detectedAt).toMatch(/^2026-03-05T1[5-7]:\d[05]:00Z$/);
    }
    const half = file('half.csv', 'timestamp,value\n2026-01-01T10:00:00Z,3\n2026-01-01T10:30:00Z,4\n');
    await expect(detectCommand(['--csv', half, '--granularity', 'hourly'])).rejects.toThrow(
      /line 3: timestamp "2026-01-01T10:30:00Z" is not on the hour/,
    );
  });

  it('reads a file in chunks as it reads it whole, whatever the chunk boundaries cut', () => {
    const text = dailyCsv(true, 'café ☕').replace('timestamp,series,value', '\uFEFFtimestamp,series,value');
    const path = file('chunks.csv', text.replaceAll('\n', '\r\n'));
    for (const chunk of [7, 64, 1 << 16]) {
      const reader = new CsvReader(path);
      readCsvFile(path, reader, chunk);
      const { series } = reader.finish();
      expect(series.map((s) => s.name)).toEqual(['café ☕']);
      expect([...(series[0]?.values ?? [])]).toEqual([...(parseCostCsv(text).series[0]?.values ?? [])]);
    }
  });

  it('sorts rows, keeps negative values, and reports a gap on stderr without failing', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const lines = dailyCsv(false).trim().split('\n');
    const body = lines.slice(1).filter((_, i) => i !== 50);
    body[10] = `${dayOf(10)},-25.00`;
    const out = await detectCommand(['--csv', file('gap.csv', `${lines[0]}\n${body.reverse().join('\n')}\n`)]);
    expect(Array.isArray(JSON.parse(out))).toBe(true);
    expect(String(stderr.mock.calls[0]?.[0])).toContain(`no row for ${dayOf(50)}`);
    stderr.mockRestore();
    const parsed = parseCostCsv(`timestamp,value\n${dayOf(1)},5\n${dayOf(0)},-3\n`);
    expect([...(parsed.series[0]?.values ?? [])]).toEqual([-3, 5]);
    expect(parsed.stepMs).toBe(86_400_000);
  });

  it.each([
    ['timestamp,value\n', /header but no rows/],
    ['when,amount\n2026-01-01,3\n', /line 1: the header must be/],
    ['timestamp,value\n2026-01-01,3\n2026-13-01,4\n', /line 3: timestamp "2026-13-01" is not a date/],
    ['timestamp,value\n2026-01-01,3\n2026-01-02,abc\n', /line 3: value "abc" is not a number/],
    ['timestamp,value\n2026-01-01,3\n2026-01-01,4\n', /line 3: 2026-01-01 is already on line 2/],
    [
      'timestamp,value\n2026-01-01,3\n2026-01-02,3\n2026-01-03,3\n2026-01-03T10:00:00Z,4\n',
      /line 5: .*has a time of day/,
    ],
    [
      'timestamp,value\n2026-01-01T10:00:00Z,3\n2026-01-01T10:05:00Z,4\n2026-01-01T10:12:00Z,4\n',
      /line 4: .*5 minutes grid/,
    ],
    ['timestamp,value\n2026-01-01T10:00:00Z,3\n', /cannot tell the granularity/],
    ['timestamp,value\n2026-01-01,3,4\n', /line 2: expected 2 fields/],
  ])('rejects what it cannot read, naming the line: %j', async (text, message) => {
    const path = file('bad.csv', text);
    await expect(detectCommand(['--csv', path])).rejects.toThrow(UsageError);
    await expect(detectCommand(['--csv', path])).rejects.toThrow(message);
  });

  it('rejects a missing file, a missing --csv and an unknown granularity', async () => {
    await expect(detectCommand(['--csv', join(dir, 'nope.csv')])).rejects.toThrow(/cannot read/);
    await expect(detectCommand([])).rejects.toThrow(/needs --csv FILE/);
    await expect(detectCommand(['--csv', 'x', '--granularity', 'weekly'])).rejects.toThrow(/auto, daily, hourly/);
    await expect(detectCommand(['--csv', 'x', '--granularity', '7m'])).rejects.toThrow(/divides a day/);
    await expect(detectCommand(['--csv', 'x', '--min-impact', 'lots'])).rejects.toThrow(/--min-impact must be/);
  });

  it('refuses a series that spans more points than it reads, at once and naming its dates', async () => {
    const path = file('span.csv', 'timestamp,value\n0001-01-01,1\n9999-12-31,2\n');
    await expect(detectCommand(['--csv', path])).rejects.toThrow(
      /series "total" spans 3,652,059 points of 1 day \(0001-01-01 to 9999-12-31\); at most 110,000 points a series/,
    );
  });
});
