import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleResponder } from '../../fixtures/sample';
import { DELETED_ON } from '../../fixtures/sample/inventory-estate';
import { type AwsCall, awsError } from '../../src/aws/replay';
import { loadConfig } from '../../src/config';
import { type RunResult, runDaily } from '../../src/jobs/daily';
import { openStore } from '../../src/ledger/store';
import { respondingAws } from '../helpers/sample-aws';
import { tempDir } from '../ledger/helpers';

const NAT = 'nat-0a0a0a0a0a0a0a0a1';
const byUsageType = (c: AwsCall) =>
  c.operation === 'GetCostAndUsage' &&
  JSON.stringify(c.input.GroupBy).includes('USAGE_TYPE') &&
  JSON.stringify(c.input.Filter ?? {}).includes('USAGE_TYPE');

describe('realized savings on the sample account, day by day', () => {
  let tmp: ReturnType<typeof tempDir>;
  let calls: AwsCall[];
  let resolvedDay: RunResult;
  let store: string;

  /** A run on asOf into `storeDir`; `deny` refuses the claims' Cost Explorer request as an SCP would. */
  const run = (asOf: string, storeDir: string, deny = false) => {
    const sample = sampleResponder({ asOf, seed: 1 });
    return runDaily({
      aws: respondingAws((call) => {
        calls.push(call);
        if (deny && byUsageType(call)) throw awsError('AccessDeniedException', 'not allowed to read usage types');
        return sample(call);
      }),
      asOf,
      outDir: join(tmp.dir, 'out', asOf),
      storeDir,
      config: loadConfig({}),
    });
  };
  const natFinding = async (storeDir: string) => {
    const s = await openStore({ storeDir });
    try {
      return (await s.listFindings()).find((f) => f.resourceId === NAT);
    } finally {
      await s.close();
    }
  };
  /** A copy of the store as the runs up to Nov 22 left it, for a test's own later runs. */
  let copies = 0;
  const copyOfStore = () => {
    const dir = join(tmp.dir, `store-${++copies}`);
    cpSync(store, dir, { recursive: true });
    return dir;
  };

  // Built once: the NAT gateway seen on Nov 21, gone on Nov 22.
  beforeAll(async () => {
    tmp = tempDir();
    calls = [];
    store = join(tmp.dir, 'store');
    await run('2026-11-21', store);
    resolvedDay = await run('2026-11-22', store);
  });
  afterAll(() => tmp.cleanup());
  beforeEach(() => {
    calls = [];
  });

  it('claims the deleted NAT gateway on the first run that finds it gone, and leaves it settling', async () => {
    expect(DELETED_ON[NAT]).toBe('2026-11-22');
    expect((await natFinding(store))?.claim).toEqual({
      resolvedOn: '2026-11-22',
      lastSeen: '2026-11-21',
      claimedUsd: 32.85,
    });
    expect(resolvedDay.report.realized).toMatchObject({ claimedUsd: 32.85, claims: 1, settling: 1, verifiedUsd: 0 });
    expect(resolvedDay.digestText).toContain('settling: checked from Nov 30');
    expect(resolvedDay.report.calls['ce:GetCostAndUsage']).toBeGreaterThan(0);
  });

  it('checks the claim against the bill once the 7 days after are in it, in one request', async () => {
    const dir = copyOfStore();
    const checked = await run('2026-11-30', dir);
    const requests = calls.filter(byUsageType);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.input).toMatchObject({
      Granularity: 'DAILY',
      TimePeriod: { Start: '2026-11-14', End: '2026-11-30' },
    });
    expect(JSON.stringify(requests[0]?.input.Filter)).toContain('EU-NatGateway-Hours');
    const verified = (await natFinding(dir))?.claim?.verified;
    // The NAT's hours bill about $1.36 a day in the sample (list price grown with the estate): the drop exceeds
    // the $32.85 claim, so the verified figure is capped at it.
    expect(verified?.monthlyUsd).toBe(32.85);
    expect(verified?.method).toMatch(
      /EU-NatGateway-Hours in 111111111111: \$1\.\d\d a day Nov 14–20, \$0\.00 a day Nov 23–29/,
    );
    expect(verified?.method).toContain('capped at the claim');
    expect(checked.report.realized).toMatchObject({ claimedUsd: 32.85, verifiedUsd: 32.85, checked: 1, settling: 0 });
    expect(checked.digestText).toContain(
      'Claimed $32.85 a month in 1 resolved or scheduled finding(s), verified $32.85 against the bill',
    );
  });

  it('keeps a claim settling when the bill cannot be read, with a note, and checks it on a later run', async () => {
    const dir = copyOfStore();
    const denied = await run('2026-11-30', dir, true);
    expect(denied.report.notes.some((n) => n.kind === 'denied' && n.source === 'ce:GetCostAndUsage')).toBe(true);
    expect(denied.report.realized).toMatchObject({ claims: 1, settling: 1, checked: 0 });
    expect((await natFinding(dir))?.claim?.verified).toBeUndefined();

    const later = await run('2026-12-01', dir);
    expect(later.report.realized).toMatchObject({ checked: 1, settling: 0 });
    const text = readFileSync(join(tmp.dir, 'out', '2026-12-01', 'run.json'), 'utf8');
    expect(JSON.parse(text).realized.verifiedUsd).toBe(32.85);
  });
});
