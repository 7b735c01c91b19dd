/**
 * Schedules on the sample account, day by day, as a user would try them: the daily run on Nov 20, a schedule made
 * with the CLI's `slash` for the development instance left running around the clock, and the runs after it. The
 * sample bill charges that instance only its on-hours from Nov 21 (fixtures/sample/estate.ts, SCHEDULED_ON), and its
 * dead-letter queue holds one start refused for capacity on Nov 24.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCHEDULED_ON } from '../../fixtures/sample/inventory-estate';
import { PLANTED_FAILURE } from '../../fixtures/sample/schedules';
import { main } from '../../src/cli/main';
import { loadConfig } from '../../src/config';
import type { Finding } from '../../src/domain/finding';
import { type RunResult, runDaily } from '../../src/jobs/daily';
import { openStore } from '../../src/ledger/store';
import { sampleAws } from '../helpers/sample-aws';
import { tempDir } from '../ledger/helpers';

const INSTANCE = 'i-0de5de5de5de50008';

describe('a schedule on the sample account, from the CLI to the bill', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: string;
  let said: string;
  const runs: Record<string, RunResult> = {};

  const run = (asOf: string) =>
    runDaily({
      aws: sampleAws(asOf),
      asOf,
      outDir: join(tmp.dir, 'out', asOf),
      storeDir: store,
      config: loadConfig({}),
    });
  const slash = async (text: string) => {
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    try {
      expect(await main(['slash', text, '--store', store, '--user', 'U0ADMIN'])).toBe(0);
    } finally {
      write.mockRestore();
    }
    return out;
  };
  const findingOf = async (): Promise<Finding | undefined> => {
    const s = await openStore({ storeDir: store });
    try {
      return (await s.listFindings()).find((f) => f.resourceId === INSTANCE && f.lastSeen >= '2026-11-20');
    } finally {
      await s.close();
    }
  };

  beforeAll(async () => {
    tmp = tempDir();
    store = join(tmp.dir, 'store');
    runs['2026-11-20'] = await run('2026-11-20');
    const id = (await findingOf())?.id;
    const { days, window, zone } = SCHEDULED_ON[INSTANCE];
    said = await slash(`schedule ${id} ${days} ${window} ${zone} dev box idles at night`);
    for (const day of ['2026-11-21', '2026-11-24', '2026-11-28']) runs[day] = await run(day);
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('offers the schedule on the finding and makes it from the CLI, on the sample’s day', () => {
    expect(runs['2026-11-20']?.digestText).toBeDefined();
    expect(said).toContain('SCHEDULED 1 RESOURCE(S)');
    expect(said).toContain('saves about $45.05/mo at list price');
    expect(said).toContain('`cron(0 19 ? * MON,TUE,WED,THU,FRI *)`');
    expect(said).toMatch(/Finding `[\w-]{10}` is now scheduled: it claims \$45.05\/mo/);
  });

  it('keeps the finding scheduled across runs, with its claim settling, and shows the schedule in the digest', async () => {
    const f = await findingOf();
    expect(f?.state).toBe('scheduled');
    expect(f?.claim).toMatchObject({ resolvedOn: SCHEDULED_ON[INSTANCE].day, claimedUsd: 45.05 });
    const digest = runs['2026-11-21']?.digestText ?? '';
    expect(digest).toContain('1 resource(s) stopped outside their working hours');
    expect(digest).toContain('scheduled Nov 20 · settling: checked from Nov 28');
  });

  it('reports the start refused for capacity once, on the first run after it', () => {
    expect(runs['2026-11-21']?.digestText).toContain('0 failed invocation(s)');
    expect(runs['2026-11-24']?.digestText).toContain(
      `failed ${PLANTED_FAILURE.schedule} (the start of ${INSTANCE}, dev-erp-1) in ${PLANTED_FAILURE.accountId} at 2026-11-24 06:00 UTC: InsufficientInstanceCapacity`,
    );
    expect(runs['2026-11-28']?.digestText).toContain('0 failed invocation(s)');
  });

  it('verifies the claim against the bill: the stopped hours left it from the day after the schedule', () => {
    const digest = runs['2026-11-28']?.digestText ?? '';
    const line = digest.split('\n').find((l) => l.includes(INSTANCE) && l.includes('verified')) ?? '';
    const [, before, after] = /\$([\d.]+) a day Nov 13–19, \$([\d.]+) a day Nov 21–27/.exec(line) ?? [];
    // Weekdays 12 of 24 hours, weekends none: 60 of 168 hours a week are left on the bill.
    expect(Number(after) / Number(before)).toBeCloseTo(60 / 168, 1);
    expect(line).toContain('verified $45.05');
    expect(line).toContain('USE1-BoxUsage:m5.large in 333333333333');
    expect(runs['2026-11-28']?.report.realized).toMatchObject({ checked: 1, verifiedUsd: 45.05 });
  });
});
