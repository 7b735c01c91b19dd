import { describe, expect, it } from 'vitest';
import { dedupe } from '../../../src/analyze/recommend/dedupe';
import type { IngestContext } from '../../../src/analyze/recommend/optimizer';
import { ingestTrustedAdvisor } from '../../../src/analyze/recommend/trusted-advisor';
import type { TrustedAdvisorData } from '../../../src/collect/trusted-advisor';
import type { FindingDraft } from '../../../src/domain/finding';

const ctx: IngestContext = {
  ownerTags: ['owner'],
  exists: () => undefined,
  accountId: '111111111111',
  homeRegion: 'us-east-1',
};

const data: TrustedAdvisorData = {
  status: 'read',
  checks: [
    {
      id: 'DAvU99Dc4C',
      name: 'Underutilized Amazon EBS Volumes',
      columns: ['Region', 'Volume ID', 'Volume Name', 'Volume Type', 'Volume Size', 'Monthly Storage Cost'],
      flagged: [
        { status: 'warning', region: 'eu-west-1', metadata: ['eu-west-1', 'vol-0aaa', null, 'gp2', '100', '$11.00'] },
        { status: 'warning', metadata: ['eu-west-1', 'vol-0bad', null, 'gp2', '100', 'n/a'] },
      ],
    },
    {
      id: 'COr6dfpM05',
      name: 'AWS Lambda over-provisioned functions for memory size',
      columns: ['Region', 'Function ARN', 'Estimated Monthly Savings'],
      flagged: [
        {
          status: 'warning',
          metadata: ['us-west-2b', 'arn:aws:lambda:us-west-2:111111111111:function:erp-thumbnailer', '$1,204.50'],
        },
      ],
    },
  ],
};

describe('ingestTrustedAdvisor', () => {
  it('files each flagged resource under its own id, region and the action the rules use, priced as Trusted Advisor says', () => {
    const { drafts, notes } = ingestTrustedAdvisor(data, ctx);
    expect(drafts).toHaveLength(2);
    expect(drafts[0]).toMatchObject({
      source: 'trusted-advisor',
      action: 'delete',
      resourceId: 'vol-0aaa',
      region: 'eu-west-1',
      service: 'EC2 - Other',
      status: 'alarm',
      monthlySavingsUsd: 11,
      savingsMethod: 'trusted-advisor',
    });
    expect(drafts[0]?.savingsBasis).toMatch(/On-Demand prices \(before discounts\)/);
    // An ARN is cut to the name the inventory uses; an Availability Zone is its region.
    expect(drafts[1]).toMatchObject({
      action: 'rightsize',
      resourceId: 'erp-thumbnailer',
      region: 'us-west-2',
      monthlySavingsUsd: 1204.5,
    });
    expect(notes).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /1 flagged resource\(s\) skipped, e\.g\. .*vol-0bad: savings "n\/a" is not a number/,
        ),
      }),
    ]);
  });

  it('merges with a rule proposing the same action on the same resource: one finding, both sources', () => {
    const rule: FindingDraft = {
      ...(ingestTrustedAdvisor(data, ctx).drafts[0] as FindingDraft),
      source: 'rule',
      ruleId: 'ebs-volume-unattached',
      monthlySavingsUsd: 10,
      savingsMethod: 'price-table-approx',
      evidence: { sizeGb: 100 },
    };
    const merged = dedupe([rule, ...ingestTrustedAdvisor(data, ctx).drafts]).filter((d) => d.resourceId === 'vol-0aaa');
    expect(merged).toHaveLength(1);
    expect(merged[0]?.sources?.sort()).toEqual(['rule', 'trusted-advisor']);
    // Trusted Advisor's figure (AWS's own, at the region's On-Demand price) ranks above a scaled us-east-1 price.
    expect(merged[0]).toMatchObject({ monthlySavingsUsd: 11, savingsMethod: 'trusted-advisor' });
  });

  it('yields nothing when Trusted Advisor was not read', () => {
    expect(ingestTrustedAdvisor(undefined, ctx)).toEqual({ drafts: [], notes: [] });
  });
});
