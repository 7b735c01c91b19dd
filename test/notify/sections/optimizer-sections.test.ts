import { describe, expect, it } from 'vitest';
import { analyzeOptimization } from '../../../src/analyze/recommend';
import { collectOptimization } from '../../../src/collect/optimization';
import type { Inventory } from '../../../src/collect/types';
import { loadConfig } from '../../../src/config';
import { reconcile } from '../../../src/ledger/ledger';
import { sectionToBlocks, sectionToLines } from '../../../src/notify/section';
import { checklistSection } from '../../../src/notify/sections/checklist';
import { commitmentsSection } from '../../../src/notify/sections/commitments';
import { rightsizingSection } from '../../../src/notify/sections/rightsizing';
import { sampleOrganization } from '../../helpers/sample-aws';

async function sample(asOf: string) {
  const { aws, notes, optimizer } = await sampleOrganization(asOf);
  const optimization = await collectOptimization(aws, loadConfig({}), notes, {
    asOf,
    regions: ['us-east-1', 'eu-west-1'],
    optimizer,
  });
  const inventory: Inventory = { asOf, sample: true, notes, optimization };
  return {
    inventory,
    analysis: analyzeOptimization(inventory, [], { accountId: '111111111111', homeRegion: 'us-east-1' }),
  };
}

describe('optimizer digest sections on the sample account', () => {
  it('lists the top rightsizing items with dollars, largest first, and counts the commitment-covered ones', async () => {
    const { analysis } = await sample('2026-11-20');
    const section = rightsizingSection(reconcile(analysis.drafts, [], '2026-11-20', new Date()).findings, 3);
    expect(sectionToLines(section!)[1]).toMatch(/^\$655\.00\/month · EBS volume/);
    expect(sectionToLines(section!)).toHaveLength(4);
    // The sample's plan is a Compute Savings Plan, which moves to on-demand compute elsewhere: no change saves $0.
    expect(sectionToLines(section!)[0]).toMatch(/^11 rightsizing change\(s\) worth \$1,594 a month/);
    expect(sectionToLines(section!)[0]).not.toMatch(/save \$0 now/);
  });

  it('shows coverage and utilization percentages, the expiring reservation and the purchases', async () => {
    const { analysis, inventory } = await sample('2026-11-20');
    const text = sectionToLines(commitmentsSection(inventory.optimization?.commitments, analysis.drafts)!).join('\n');
    expect(text).toMatch(/Savings Plans: coverage 45\.0%, utilization \d+\.\d% \(7-day mean\), 99\.2% on 2026-11-19/);
    expect(text).toMatch(/Reserved Instances: coverage 11\.5%/);
    expect(text).toMatch(/ends 2026-12-11 \(in 21 days\)/);
    // The Hub answered, so its purchase recommendation stands for Cost Explorer's (not read): one line, counted once.
    expect(text).toMatch(/\$116\.80\/month · PurchaseReservedInstances: On-Demand m5\.large/);
    expect(text).not.toMatch(/Also proposed by commitments/);
    expect(text.match(/\$116\.80\/month/g)).toHaveLength(1);
  });

  it('shows the checklist on Mondays only', async () => {
    const monday = await sample('2026-11-23');
    const friday = await sample('2026-11-20');
    const section = checklistSection(monday.analysis.checklist);
    expect(sectionToLines(section!).some((l) => /^PASS · Budgets track spend/.test(l))).toBe(true);
    // Nine items in one block: the checklist costs the digest two blocks.
    expect(sectionToBlocks(section!)).toHaveLength(2);
    expect(checklistSection(friday.analysis.checklist)).toBeUndefined();
  });
});
