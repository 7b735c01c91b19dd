import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/domain/dates';
import type { SpendData } from '../../src/domain/spend';
import { reconcile } from '../../src/ledger/ledger';
import { openStore } from '../../src/ledger/store';
import type { Snapshot, Store } from '../../src/ledger/types';
import { draft, tempDir } from './helpers';

const spend = (days: number): SpendData => {
  const list = daysBetween('2025-11-01', addDays('2025-11-01', days));
  // Random-looking numbers so gzip cannot shrink the blob below one part.
  const series = () => list.map((_, i) => Math.sin(i * 12.9898) * 43758.5453);
  return {
    metric: 'UnblendedCost',
    days: list,
    estimated: list.map(() => false),
    total: series(),
    byService: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Service ${i}`, series()])),
    byAccount: {},
    byAccountService: {},
    byRegion: {},
    accountNames: {},
  };
};

describe('store on dynalite', () => {
  let store: Store;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    tmp = tempDir();
    store = await openStore({ storeDir: tmp.dir });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('keeps spend larger than one DynamoDB item across parts', async () => {
    const big = spend(400);
    await store.putSpend('UnblendedCost|team', big);
    expect(await store.getSpend('UnblendedCost|team')).toEqual(big);
    expect(await store.getSpend('other')).toBeUndefined();
  });

  it('claims a key once until it expires', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await store.claim('digest#2026-11-20#C1', tomorrow)).toBe(true);
    expect(await store.claim('digest#2026-11-20#C1', tomorrow)).toBe(false);
    await store.release('digest#2026-11-20#C1');
    expect(await store.claim('digest#2026-11-20#C1', tomorrow)).toBe(true);
    expect(await store.claim('expired', new Date(Date.now() - 1000))).toBe(true);
    expect(await store.claim('expired', tomorrow)).toBe(true);
  });

  it('persists findings and records state changes with who, when and why', async () => {
    const { findings } = reconcile([draft(), draft({ resourceId: 'vol-0def' })], [], '2026-11-20', new Date());
    await store.putFindings(findings);
    expect(await store.listFindings()).toHaveLength(2);
    const id = findings[0]!.id;
    const now = new Date('2026-11-20T09:00:00Z');
    const snoozed = await store.setState(
      id,
      { state: 'snoozed', by: 'U123', until: '2026-11-27', reason: 'migration' },
      now,
    );
    expect(snoozed).toMatchObject({ state: 'snoozed', snoozedUntil: '2026-11-27' });
    expect((await store.getFinding(id))?.history).toEqual([
      { state: 'snoozed', at: now.toISOString(), by: 'U123', reason: 'migration', until: '2026-11-27' },
    ]);
    expect(await store.setState('nope', { state: 'acknowledged', by: 'U1' }, now)).toBeUndefined();
  });

  it('applies changes made at the same moment one after another, each on top of the last', async () => {
    const { findings } = reconcile([draft()], [], '2026-11-20', new Date());
    await store.putFindings(findings);
    const id = findings[0]!.id;
    const now = new Date('2026-11-20T09:00:00Z');
    const who = ['U1', 'U2', 'U3'];
    await Promise.all(who.map((by) => store.setState(id, { state: 'acknowledged', by }, now)));
    expect((await store.getFinding(id))?.history.map((h) => h.by).sort()).toEqual(who);
  });

  it('returns the newest snapshot', async () => {
    const snap = (asOf: string) => ({ asOf, sample: true, extra: { n: asOf } }) as unknown as Snapshot;
    await store.putSnapshot(snap('2026-11-19'));
    await store.putSnapshot(snap('2026-11-20'));
    expect((await store.latestSnapshot())?.asOf).toBe('2026-11-20');
  });

  it('keeps its data across a close and reopen of the same folder', async () => {
    await store.putSpend('k', spend(3));
    await store.close();
    store = await openStore({ storeDir: tmp.dir });
    expect((await store.getSpend('k'))?.days).toHaveLength(3);
  });

  it('lets one run at a time use a local store, naming the one that holds it, and takes over a dead one lock', async () => {
    await expect(openStore({ storeDir: tmp.dir })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/is in use by another durion-cost run \(pid \d+, this process\); wait for it/),
    });
    await store.close();
    // A lock a crashed run left behind (its pid is gone) does not keep the store shut.
    writeFileSync(join(tmp.dir, 'durion-cost.lock'), '999999999');
    store = await openStore({ storeDir: tmp.dir });
    expect(readFileSync(join(tmp.dir, 'durion-cost.lock'), 'utf8')).toBe(String(process.pid));
  });
});
