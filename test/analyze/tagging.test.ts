import { describe, expect, it } from 'vitest';
import { creatorsWanted, findUnowned, tagCommand, unownedMonthlyUsd, withOwners } from '../../src/analyze/tagging';
import type { Creator } from '../../src/domain/creator';
import { type FindingDraft, ownerLabel } from '../../src/domain/finding';
import { address, instance, loadBalancer, logGroup, nat, resources, snapshot, volume } from './rules/fixtures';

const OWNER_TAGS = ['owner', 'team'];
const STACK = 'aws:cloudformation:stack-name';

describe('findUnowned: resources with none of the owner tags, with a candidate owner and a run cost', () => {
  it('names the owner of what a resource is attached to: a volume, an address, a snapshot through its volume', () => {
    const t = findUnowned(
      resources({
        instances: [instance({ id: 'i-1', tags: { team: 'erp-core' } })],
        volumes: [volume({ id: 'vol-1', attachedInstanceIds: ['i-1'], tags: {} })],
        addresses: [address({ id: 'eipalloc-1', instanceId: 'i-1', tags: {} })],
        snapshots: [snapshot({ id: 'snap-1', volumeId: 'vol-1', tags: {} })],
      }),
      OWNER_TAGS,
    );

    const by = Object.fromEntries(t.unowned.map((u) => [u.resource.id, u.candidate]));
    expect(by).toEqual({
      'vol-1': { owner: 'erp-core', source: 'attachment', from: 'attached to i-1' },
      'eipalloc-1': { owner: 'erp-core', source: 'attachment', from: 'attached to i-1' },
      'snap-1': { owner: 'erp-core', source: 'attachment', from: 'from vol-1, attached to i-1' },
    });
    expect(t.resources).toBe(4);
  });

  it("takes a stack's owner only where all its tagged members agree", () => {
    const t = findUnowned(
      resources({
        natGateways: [
          nat({ id: 'nat-agreed', tags: { [STACK]: 'net' } }),
          nat({ id: 'nat-split', tags: { [STACK]: 'shared' } }),
        ],
        volumes: [
          volume({ id: 'vol-a', tags: { owner: 'grace', [STACK]: 'net' } }),
          volume({ id: 'vol-b', tags: { owner: 'grace', [STACK]: 'net' } }),
          volume({ id: 'vol-c', tags: { owner: 'grace', [STACK]: 'shared' } }),
          volume({ id: 'vol-d', tags: { owner: 'heidi', [STACK]: 'shared' } }),
        ],
      }),
      OWNER_TAGS,
    );

    expect(t.unowned.map((u) => [u.resource.id, u.candidate])).toEqual([
      ['nat-agreed', { owner: 'grace', source: 'group', from: 'stack net' }],
      ['nat-split', undefined],
    ]);
  });

  it('ranks by run cost and groups by candidate, counting what has no price', () => {
    const t = findUnowned(
      resources({
        instances: [instance({ id: 'i-1', tags: { owner: 'alice' } })],
        volumes: [
          volume({ id: 'vol-small', sizeGb: 10, attachedInstanceIds: ['i-1'], tags: {} }),
          volume({ id: 'vol-big', sizeGb: 500, attachedInstanceIds: [], tags: {} }),
        ],
        snapshots: [snapshot({ id: 'snap-orphan', volumeId: 'vol-gone', tags: {} })],
        natGateways: [nat({ id: 'nat-1', tags: {} })],
      }),
      OWNER_TAGS,
    );

    expect(t.unowned.map((u) => u.resource.id)).toEqual(['vol-big', 'nat-1', 'vol-small', 'snap-orphan']);
    expect(t.byCandidate).toEqual([
      { owner: undefined, resources: 3, monthlyUsd: 72.85, unpriced: 1 }, // 500 GB × $0.08 + $0.045 × 730
      { owner: 'alice', resources: 1, monthlyUsd: 0.8, unpriced: 0 },
    ]);
    expect(unownedMonthlyUsd(t)).toBe(73.65);
  });

  it('leaves out kinds read without tags, so they are not all called unowned', () => {
    const t = findUnowned(resources({ logGroups: [logGroup({ tags: {} })] }), OWNER_TAGS);
    expect(t.resources).toBe(0);
    expect(t.unowned).toEqual([]);
  });

  it('keeps the owner and team keys billing does not use', () => {
    const t = findUnowned(resources({}), OWNER_TAGS, [
      { key: 'team', status: 'Active' },
      { key: 'owner', status: 'Inactive' },
      { key: 'cost-center', status: 'absent' },
    ]);
    expect(t.notActive.map((k) => k.key)).toEqual(['owner', 'cost-center']);
  });

  it('is empty when no resources were read', () => {
    expect(findUnowned(undefined, OWNER_TAGS).unowned).toEqual([]);
  });
});

const creator = (o: Partial<Creator> = {}): Creator => ({
  name: 'alice@example.com (SSO PowerUserAccess)',
  names: ['arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_PowerUserAccess_0a1b2c3d4e5f6a7b/alice@example.com'],
  person: 'alice@example.com',
  event: 'CreateVolume',
  at: '2026-09-21T09:30:00.000Z',
  ...o,
});
const looked = (c?: Creator) => ({ asOf: '2026-11-20', ...(c ? { creator: c } : { missing: 'no create event' }) });
const keyOf = (id: string) => `111111111111|us-east-1|${id}`;

describe('findUnowned with CloudTrail creators', () => {
  const inv = resources({
    instances: [instance({ id: 'i-owned', tags: { owner: 'alice' } }), instance({ id: 'i-bare', tags: {} })],
    volumes: [
      volume({ id: 'vol-scratch', attachedInstanceIds: [], tags: {} }),
      volume({ id: 'vol-root', attachedInstanceIds: ['i-bare'], tags: {} }),
      volume({ id: 'vol-legacy', attachedInstanceIds: [], tags: {} }),
    ],
  });

  it('names the team of the creator as a cloudtrail candidate, which what belongs to it follows', () => {
    const lookups = {
      [keyOf('vol-scratch')]: looked(creator()),
      [keyOf('i-bare')]: looked(creator({ person: 'svc', names: ['arn:aws:iam::111111111111:user/svc'] })),
      [keyOf('vol-legacy')]: looked(creator({ name: 'IAM user legacy-admin', person: 'legacy-admin', names: [] })),
    };
    const teams = [{ pattern: 'arn:aws:iam::*:user/svc', owner: 'platform' }];

    const t = findUnowned(inv, OWNER_TAGS, [], { lookups, teams });

    const by = Object.fromEntries(t.unowned.map((u) => [u.resource.id, u.candidate]));
    expect(by).toEqual({
      'vol-scratch': {
        owner: 'alice',
        source: 'cloudtrail',
        from: 'from CloudTrail: created by alice@example.com (SSO PowerUserAccess)',
      },
      'i-bare': {
        owner: 'platform',
        source: 'cloudtrail',
        from: 'from CloudTrail: created by alice@example.com (SSO PowerUserAccess)',
      },
      'vol-root': {
        owner: 'platform',
        source: 'cloudtrail',
        from: 'from i-bare, from CloudTrail: created by alice@example.com (SSO PowerUserAccess)',
      },
      'vol-legacy': undefined,
    });
    expect(t.unowned.find((u) => u.resource.id === 'vol-legacy')?.creator?.creator?.name).toBe('IAM user legacy-admin');
  });

  it('asks CloudTrail only about what has no candidate, no lookup yet and follows nothing read', () => {
    const first = findUnowned(inv, OWNER_TAGS);
    expect(creatorsWanted(first).map((u) => u.resource.id)).toEqual(['i-bare', 'vol-scratch', 'vol-legacy']);
    const later = findUnowned(inv, OWNER_TAGS, [], { lookups: { [keyOf('vol-legacy')]: looked() }, teams: [] });
    expect(creatorsWanted(later).map((u) => u.resource.id)).toEqual(['i-bare', 'vol-scratch']);
  });
});

describe('withOwners: one owner for every finding', () => {
  const draft = (o: Partial<FindingDraft>) => ({ ...o }) as FindingDraft;
  it("keeps a tag's owner as such and gives a finding on an unowned resource its candidate and where it came from", () => {
    const t = findUnowned(
      resources({
        instances: [instance({ id: 'i-1', tags: { owner: 'alice' } })],
        volumes: [
          volume({ id: 'vol-1', attachedInstanceIds: ['i-1'], tags: {} }),
          volume({ id: 'vol-2', attachedInstanceIds: [], tags: {} }),
        ],
      }),
      OWNER_TAGS,
    );
    const at = { accountId: '111111111111', region: 'us-east-1' };

    const [tagged, attached, none] = withOwners(
      [
        draft({ ...at, resourceId: 'i-1', owner: 'alice' }),
        draft({ ...at, resourceId: 'vol-1' }),
        draft({ ...at, resourceId: 'vol-2' }),
      ],
      t,
    );

    expect(tagged).toMatchObject({ owner: 'alice', ownerSource: 'tag' });
    expect(attached).toMatchObject({ owner: 'alice', ownerSource: 'attachment', ownerFrom: 'attached to i-1' });
    expect(none?.owner).toBeUndefined();
    expect(ownerLabel(attached!)).toBe('alice (attached to i-1)');
    expect(ownerLabel(tagged!)).toBe('alice');
    expect(ownerLabel(none!)).toBe('unknown');
  });
});

describe('tagCommand', () => {
  it('tags EC2 resources by id and the others by ARN, under the first owner tag, quoted for the shell', () => {
    const t = findUnowned(
      resources({
        instances: [instance({ id: 'i-1', tags: { owner: "o'neil team" } })],
        volumes: [volume({ id: 'vol-1', attachedInstanceIds: ['i-1'], tags: {} })],
        loadBalancers: [
          loadBalancer({
            id: 'app/web/1',
            arn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/1',
            tags: { 'aws:cloudformation:stack-name': 'web' },
          }),
        ],
        natGateways: [nat({ id: 'nat-1', tags: { owner: 'web-team', 'aws:cloudformation:stack-name': 'web' } })],
      }),
      OWNER_TAGS,
    );
    const command = (id: string) => tagCommand(t.unowned.find((u) => u.resource.id === id)!, t.ownerTags);

    expect(command('vol-1')).toBe(
      `aws ec2 create-tags --region us-east-1 --resources vol-1 --tags 'Key=owner,Value=o'\\''neil team'`,
    );
    expect(command('app/web/1')).toBe(
      'aws resourcegroupstaggingapi tag-resources --region us-east-1 --resource-arn-list ' +
        'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/1 --tags owner=web-team',
    );
  });
});
