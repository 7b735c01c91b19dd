import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tagging } from '../../src/analyze/tagging';
import type { RunReport } from '../../src/ledger/types';
import { type RunOutputs, writeOutputs } from '../../src/notify/files';
import { tempDir } from '../ledger/helpers';

const tagging: Tagging = { ownerTags: ['owner'], resources: 0, unowned: [], byCandidate: [], notActive: [] };
const outputs = (charts: RunOutputs['charts']): RunOutputs => ({
  digest: { payload: { text: 'Cost digest' }, text: 'Cost digest\n' },
  routed: [],
  alerts: [],
  findings: [],
  tagging,
  report: { asOf: '2026-11-20' } as RunReport,
  charts,
});

describe('the out folder', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('writes each chart as given, byte for byte, and lists it with the other files', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0xff]);
    const files = writeOutputs(tmp.dir, outputs([{ name: 'chart-spend.png', png }]));
    expect(files).toContain(join(tmp.dir, 'chart-spend.png'));
    expect(files).toContain(join(tmp.dir, 'run.json'));
    expect([...readFileSync(join(tmp.dir, 'chart-spend.png'))]).toEqual([...png]);
  });

  it("removes an earlier run's chart that this run did not draw, and nothing else", () => {
    writeFileSync(join(tmp.dir, 'chart-services.png'), 'an earlier run');
    writeFileSync(join(tmp.dir, 'notes.png'), 'not ours');
    writeOutputs(tmp.dir, outputs(undefined));
    expect(existsSync(join(tmp.dir, 'chart-services.png'))).toBe(false);
    expect(existsSync(join(tmp.dir, 'notes.png'))).toBe(true);
  });
});
