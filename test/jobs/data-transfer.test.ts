import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleResponder } from '../../fixtures/sample';
import type { AwsCall } from '../../src/aws/replay';
import { loadConfig } from '../../src/config';
import { runDaily } from '../../src/jobs/daily';
import { openStore } from '../../src/ledger/store';
import { respondingAws } from '../helpers/sample-aws';
import { tempDir } from '../ledger/helpers';

/** The months of the data-transfer reads a run sent: GetCostAndUsage by MONTHLY granularity. */
const transferReads = (calls: AwsCall[]) =>
  calls
    .filter((c) => c.operation === 'GetCostAndUsage' && c.input.Granularity === 'MONTHLY')
    .map((c) => (c.input.TimePeriod as { Start: string }).Start);

describe("the daily run's data transfer, read from the bill", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  const run = async (asOf: string) => {
    const calls: AwsCall[] = [];
    const sample = sampleResponder({ asOf, seed: 1 });
    const aws = respondingAws((call) => {
      calls.push(call);
      return sample(call);
    });
    const config = loadConfig({});
    await runDaily({ aws, asOf, outDir: join(tmp.dir, asOf), storeDir: join(tmp.dir, 'store'), config });
    return { months: transferReads(calls) };
  };

  it('reads the settled month once and keeps it in the snapshot while no other month has settled', async () => {
    expect((await run('2026-11-20')).months).toEqual(['2026-10-01']);
    // Until December's revised days are past, November is not settled: the kept October stands (collect/transfer.ts
    // reads November from December 4th, tested there).
    expect((await run('2026-12-02')).months).toEqual([]);

    const store = await openStore({ storeDir: join(tmp.dir, 'store') });
    try {
      expect((await store.latestSnapshot())?.extra.dataTransfer?.month).toBe('2026-10');
      const findings = (await store.listFindings()).filter((f) => f.ruleId?.startsWith('data-transfer-'));
      // Production's cross-AZ and inter-region transfer, and the internet egress of production and staging.
      expect(findings.map((f) => [f.ruleId, f.accountId, f.resourceId]).sort()).toEqual([
        ['data-transfer-cross-az', '111111111111', 'USE1-DataTransfer-Regional-Bytes'],
        ['data-transfer-inter-region', '111111111111', 'USE1-EU-AWS-Out-Bytes'],
        ['data-transfer-internet-without-cloudfront', '111111111111', 'USE1-DataTransfer-Out-Bytes'],
        ['data-transfer-internet-without-cloudfront', '222222222222', 'USE1-DataTransfer-Out-Bytes'],
      ]);
      // Kept between reads: seen on every run, never resolved for want of a read.
      expect(findings.every((f) => f.state === 'open' && f.lastSeen === '2026-12-02')).toBe(true);
      expect(findings.every((f) => f.monthlySavingsUsd > 0 && f.savingsMethod === 'price-table')).toBe(true);
    } finally {
      await store.close();
    }
  });
});
