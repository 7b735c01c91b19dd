import { describe, expect, it } from 'vitest';
import { checklistDrafts, isChecklistDay, measureChecklist } from '../../../src/analyze/recommend/checklist';
import type { CommitmentData } from '../../../src/collect/commitments';
import type { FindingDraft } from '../../../src/domain/finding';
import { emptyResources } from '../../../src/domain/resources';
import type { SpendData } from '../../../src/domain/spend';
import { commitmentsInventory } from './helpers';

const asOf = '2026-11-23';
const days = 30;
const flat = (perDay: number) => Array.from({ length: days }, () => perDay);
const spend: SpendData = {
  metric: 'UnblendedCost',
  days: Array.from({ length: days }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`),
  estimated: Array.from({ length: days }, () => false),
  total: flat(100),
  byService: {},
  byAccount: {},
  byAccountService: {},
  byRegion: {},
  byTag: { key: 'team', values: { 'erp-core': flat(60), data: flat(15), '': flat(25) } },
  accountNames: {},
};
const commitments: CommitmentData = {
  asOf,
  window: { Start: '2026-11-09', End: asOf },
  reservations: [],
  spUtilization: [90, 92, 94, 96, 98, 100, 100, 100].map((utilizationPct, i) => ({
    date: `2026-11-${10 + i}`,
    utilizationPct,
    unusedUsd: 0,
  })),
  spCoverage: {
    fetchedOn: asOf,
    value: [{ instanceFamily: 'm5', region: 'us-east-1', coveredUsd: 300, onDemandUsd: 700, totalUsd: 1000 }],
  },
  anomalyMonitors: { fetchedOn: asOf, value: { count: 2, names: ['a', 'b'] } },
  budgets: { fetchedOn: asOf, value: { count: 0, names: [], budgets: [] } },
};
const resources = emptyResources({ days: 14, start: '', end: asOf });
for (const [i, lifecycle] of ['spot', 'on-demand', 'on-demand', 'on-demand'].entries()) {
  resources.instances.push({
    accountId: '1',
    region: 'us-east-1',
    id: `i-${i}`,
    tags: {},
    instanceType: 'm5.large',
    state: 'running',
    platform: 'linux',
    lifecycle,
    volumeIds: [],
  });
}
const inventory = commitmentsInventory(commitments, { spend, resources });
const over = (usd: number) => ({ action: 'rightsize', status: 'alarm', monthlySavingsUsd: usd }) as FindingDraft;

describe('measureChecklist', () => {
  const items = Object.fromEntries(measureChecklist(inventory, [over(90), over(60)]).items.map((i) => [i.id, i]));

  it('measures the tagged share of spend, with untagged as the empty tag value', () => {
    expect(items['cost-allocation-tags']).toMatchObject({ status: 'warn', value: 75 });
    expect(items['cost-allocation-tags']?.detail).toMatch(/\$750\.00 untagged/);
  });

  it('adds up over-provisioned resources and their dollars against monthly spend', () => {
    expect(items.rightsizing).toMatchObject({ status: 'warn', value: 150 });
    expect(items.rightsizing?.detail).toMatch(/2 over-provisioned resource\(s\) could save \$150\.00 a month \(5\.0%/);
  });

  it('grades coverage and the 7-day mean utilization, and says unknown where nothing was read', () => {
    expect(items['savings-plans-coverage']).toMatchObject({ status: 'fail', value: 30 });
    expect(items['savings-plans-utilization']?.value).toBeCloseTo((92 + 94 + 96 + 98 + 100 + 100 + 100) / 7);
    expect(items['reserved-instance-coverage']?.status).toBe('unknown');
  });

  it('measures the Spot share of running instances and whether monitors and budgets exist', () => {
    expect(items['spot-share']).toMatchObject({ status: 'pass', value: 25 });
    expect(items['anomaly-monitors']).toMatchObject({ status: 'pass', value: 2 });
    expect(items.budgets).toMatchObject({ status: 'fail', value: 0 });
  });

  it('files failing governance items as info findings', () => {
    const drafts = checklistDrafts(measureChecklist(inventory, []), '111111111111', 'us-east-1');
    expect(drafts.map((d) => d.ruleId)).toEqual(['checklist:cost-allocation-tags', 'checklist:budgets']);
    expect(drafts.every((d) => d.status === 'info' && d.source === 'checklist')).toBe(true);
  });
});

describe('isChecklistDay', () => {
  it('is true on Mondays only', () => {
    expect(isChecklistDay('2026-11-23')).toBe(true);
    expect(isChecklistDay('2026-11-24')).toBe(false);
    expect(isChecklistDay('2026-11-22')).toBe(false);
  });
});
