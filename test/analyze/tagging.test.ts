import { describe, expect, it } from 'vitest';
import { findUnowned, unownedMonthlyUsd } from '../../src/analyze/tagging';
import { address, instance, logGroup, nat, resources, snapshot, volume } from './rules/fixtures';

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
      'vol-1': { owner: 'erp-core', from: 'attached to i-1' },
      'eipalloc-1': { owner: 'erp-core', from: 'attached to i-1' },
      'snap-1': { owner: 'erp-core', from: 'from vol-1, attached to i-1' },
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
      ['nat-agreed', { owner: 'grace', from: 'stack net' }],
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
