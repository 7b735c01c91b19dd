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

  it("shows CloudTrail's candidates, the creators mapped to no team, and the command that tags the top candidate", () => {
    const inv = resources({
      instances: [instance({ id: 'i-1', tags: { owner: 'alice' } })],
      volumes: [
        volume({ id: 'vol-big', sizeGb: 500, attachedInstanceIds: [], tags: {} }),
        volume({ id: 'vol-eip-era', sizeGb: 10, attachedInstanceIds: [], tags: {} }),
      ],
    });
    const made = (name: string, person: string) => ({
      asOf: '2026-11-20',
      creator: { name, names: [], person, event: 'CreateVolume', at: '2026-10-01T00:00:00.000Z' },
    });
    const lookups = {
      '111111111111|us-east-1|vol-big': made('alice@example.com (SSO PowerUserAccess)', 'alice@example.com'),
      '111111111111|us-east-1|vol-eip-era': made('IAM user legacy-admin', 'legacy-admin'),
    };

    const lines = sectionToLines(ownersSection(findUnowned(inv, ['owner'], [], { lookups, teams: [] }))!);

    expect(lines).toContain(
      'alice: 1 resource, $40.00 a month, e.g. vol-big (from CloudTrail: created by alice@example.com (SSO PowerUserAccess))',
    );
    expect(lines).toContain('Created by IAM user legacy-admin, mapped to no team: vol-eip-era ($0.80 a month)');
    expect(lines).toContain('Map them with a creator: pattern in DURION_TEAM_MAP.');
    expect(lines).toContain(
      'Tag it once confirmed (vol-big, account 111111111111): ' +
        'aws ec2 create-tags --region us-east-1 --resources vol-big --tags Key=owner,Value=alice · untagged.csv has every command',
    );
  });
});
