import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { csvRows } from '../helpers/csv';
import { tempDir } from '../ledger/helpers';

describe('the reports from the CLI on the sample account', () => {
  const tmp = tempDir();
  const store = join(tmp.dir, 'store');
  const runOut = join(tmp.dir, 'run');
  let stderr = '';
  let stdout = '';
  const quiet = () => {
    stderr = '';
    stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  };
  beforeAll(async () => {
    quiet();
    // A Monday: the run writes the weekly report beside the digest.
    const rc = await main(['run', '--sample', '--as-of', '2026-11-30', '--out', runOut, '--store', store]);
    vi.restoreAllMocks();
    expect(rc, stderr).toBe(0);
  });
  beforeEach(quiet);
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => tmp.cleanup());

  const report = (...args: string[]) => main(['report', ...args, '--store', store]);

  it('writes weekly.blocks.json, weekly.txt and weekly.csv with the Monday run, and no month-close', () => {
    for (const f of ['weekly.blocks.json', 'weekly.txt', 'weekly.csv'])
      expect(existsSync(join(runOut, f)), f).toBe(true);
    expect(existsSync(join(runOut, 'month-close.txt'))).toBe(false);
    const payload = JSON.parse(readFileSync(join(runOut, 'weekly.blocks.json'), 'utf8'));
    expect(payload.channel).toBe('(SLACK_CHANNEL not set)');
    expect(payload.blocks[0].text.text).toBe('Weekly cost report, Nov 23–29 · SAMPLE ACCOUNT — not real data');
    const csv = csvRows(readFileSync(join(runOut, 'weekly.csv'), 'utf8'));
    const total = csv.find((r) => r[0] === 'total');
    expect(total?.slice(3, 5)).toEqual(['2026-11-23', '2026-11-29']);
    // The week's services add up to its total, each rounded to the cent (half a cent each at most).
    const services = csv.filter((r) => r[0] === 'service');
    const sum = services.reduce((s, r) => s + Number(r[5]), 0);
    expect(Math.abs(sum - Number(total?.[5]))).toBeLessThanOrEqual(0.005 * services.length);
  });

  it('builds the same weekly report from the store, and a settled month-close on demand', async () => {
    const out = join(tmp.dir, 'report');
    expect(await report('weekly', '--out', out), stderr).toBe(0);
    expect(readFileSync(join(out, 'weekly.txt'), 'utf8')).toBe(readFileSync(join(runOut, 'weekly.txt'), 'utf8'));
    expect(stdout).toContain(`Wrote ${join(out, 'weekly.blocks.json')}`);

    expect(await report('month-close', '--out', out), stderr).toBe(0);
    const text = readFileSync(join(out, 'month-close.txt'), 'utf8');
    expect(text).toMatch(/^Month close: October 2026 · SAMPLE ACCOUNT/);
    // Only the run that builds a month-close reads the month's commitments; on demand it says so.
    expect(text).toContain('Coverage and utilization of October 2026 were not read');
    expect(readFileSync(join(out, 'month-close.csv'), 'utf8')).toMatch(/^section,key,name,from,to,usd,/);
  });

  it.each([
    [['monthly'], 'report takes one of weekly, month-close; got "monthly"'],
    [['weekly', 'extra'], 'report takes one of weekly, month-close; got "weekly extra"'],
    [['weekly', '--as-of', '2026-02-30'], '--as-of must be a date written YYYY-MM-DD; got "2026-02-30"'],
    [['weekly', '--as-of', '2026-12-01'], "--as-of 2026-12-01 is after the store's latest run (2026-11-30)"],
    [
      ['month-close', '--as-of', '2026-11-02'],
      'October 2026 is not settled as of 2026-11-02: Cost Explorer may still revise October 2026 before 2026-11-04',
    ],
  ])('refuses %j with exit code 2 and says why', async (args, message) => {
    expect(await report(...args, '--out', join(tmp.dir, 'bad'))).toBe(2);
    expect(stderr).toContain(message);
    expect(existsSync(join(tmp.dir, 'bad', 'weekly.txt'))).toBe(false);
  });

  it('refuses a store no run has filled', async () => {
    const empty = join(tmp.dir, 'empty');
    expect(await main(['report', 'weekly', '--store', empty, '--out', join(tmp.dir, 'bad')])).toBe(2);
    expect(stderr).toContain(`the store ${empty} holds no run yet: run durion-cost run first`);
  });
});
