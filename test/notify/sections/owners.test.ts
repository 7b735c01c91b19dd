import { describe, expect, it } from 'vitest';
import { findUnowned } from '../../../src/analyze/tagging';
import { collectOptimization } from '../../../src/collect/optimization';
import { loadConfig } from '../../../src/config';
import { sectionToLines } from '../../../src/notify/section';
import { ownersSection } from '../../../src/notify/sections/owners';
import { instance, resources, volume } from '../../analyze/rules/fixtures';
import { sampleOrganization } from '../../helpers/sample-aws';

describe('the digest section of resources without an owner', () => {
  it("on the sample: root volumes launched untagged go to their instance's owner, the stack's NAT to the stack's", async () => {
    const asOf = '2026-11-20';
    const { aws, notes, optimizer, resources: inv } = await sampleOrganization(asOf);
    const optimization = await collectOptimization(aws, loadConfig({}), notes, { asOf, optimizer });
    const config = loadConfig({});
    const t = findUnowned(inv, config.ownerTags, optimization.commitments.allocationTags?.value);
    const lines = sectionToLines(ownersSection(t)!);

    expect(lines[1]).toBe('11 of 119 resources carry none of owner, team: $76.50 a month to keep.');
    expect(lines[2]).toBe('grace: 1 resource, $32.85 a month, e.g. nat-0c1ea0c1ea0c10001 (stack prod-network)');
    expect(lines).toContain('No candidate: 4 resources, $19.65 a month (2 not priced)');
    expect(lines.at(-1)).toMatch(/^owner is on resources but not activated as a cost-allocation tag/);
  });

  it('lists at most six candidates and counts the rest; absent when every resource has an owner', () => {
    const owners = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const inv = resources({
      instances: owners.map((o) => instance({ id: `i-${o}`, tags: { owner: o } })),
      volumes: owners.map((o) => volume({ id: `vol-${o}`, attachedInstanceIds: [`i-${o}`], tags: {} })),
    });
    const lines = sectionToLines(ownersSection(findUnowned(inv, ['owner']))!);
    expect(lines.filter((l) => /^[a-h]: 1 resource/.test(l))).toHaveLength(6);
    expect(lines).toContain('and 2 more candidate owner(s)');

    expect(ownersSection(findUnowned(resources({ instances: [instance()] }), ['owner']))).toBeUndefined();
  });
});
