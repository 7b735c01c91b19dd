import { describe, expect, it } from 'vitest';
import { type Creators, findUnowned } from '../../src/analyze/tagging';
import { reachOf } from '../../src/collect/organization';
import { loadConfig } from '../../src/config';
import type { Note } from '../../src/domain/note';
import { creatorStep } from '../../src/jobs/creators';
import { sampleOrganization } from '../helpers/sample-aws';

const AS_OF = '2026-11-20';
const PROD = '111111111111';

async function step(env: Record<string, string> = {}, kept?: Creators['lookups']) {
  const { aws, resources } = await sampleOrganization(AS_OF);
  const config = loadConfig(env);
  const notes: Note[] = [];
  const before = aws.calls.byOperation['cloudtrail:LookupEvents'] ?? 0;
  const out = await creatorStep({
    aws,
    config,
    asOf: AS_OF,
    reach: reachOf(PROD, config.accounts.memberRole),
    unowned: (creators) => findUnowned(resources, config.ownerTags, [], creators),
    ...(kept ? { kept } : {}),
    notes,
  });
  const calls = (aws.calls.byOperation['cloudtrail:LookupEvents'] ?? 0) - before;
  const byId = (id: string) => out.tagging.unowned.find((u) => u.resource.id === id);
  return { ...out, notes, calls, byId };
}

describe('creatorStep on the sample account', () => {
  it('looks up the unowned resources with no candidate and gives the one alice made to alice', async () => {
    const { byId, calls, notes, creators } = await step();

    expect(byId('vol-0ffffffffffff0003')?.candidate).toEqual({
      owner: 'alice',
      source: 'cloudtrail',
      from: 'from CloudTrail: created by alice@example.com (SSO PowerUserAccess)',
    });
    // The Elastic IP's creator is an IAM user no team and no owner tag names.
    expect(byId('eipalloc-0e1f0e1f0e1f00001')).toMatchObject({
      creator: { creator: { name: 'IAM user legacy-admin', event: 'AllocateAddress' } },
    });
    expect(byId('eipalloc-0e1f0e1f0e1f00001')?.candidate).toBeUndefined();
    expect(byId('snap-0a3a0a3a0a3a00005')?.creator?.missing).toBe(
      "created 2026-01-24, before CloudTrail's 90 days of event history",
    );
    // The volume's two pages and the address's one; the snapshots are not asked about, nor what has a candidate.
    expect(calls).toBe(3);
    expect(Object.keys(creators.lookups)).toHaveLength(4);
    expect(notes).toEqual([]);
  });

  it("maps a creator through DURION_TEAM_MAP's creator patterns", async () => {
    const { byId } = await step({ DURION_TEAM_MAP: '{"S0PLATFORM":["platform","creator:legacy-*"]}' });
    expect(byId('eipalloc-0e1f0e1f0e1f00001')?.candidate).toMatchObject({ owner: 'platform', source: 'cloudtrail' });
  });

  it('looks a resource up once: the next run reads the kept lookups and asks nothing', async () => {
    const first = await step();
    const next = await step({}, first.creators.lookups);
    expect(next.calls).toBe(0);
    expect(next.byId('vol-0ffffffffffff0003')?.candidate?.owner).toBe('alice');
  });

  it('drops a kept lookup once its resource is tagged or gone', async () => {
    const gone = { [`${PROD}|us-east-1|vol-gone`]: { asOf: '2026-11-01', missing: 'no create event' } };
    const { creators } = await step({}, gone);
    expect(creators.lookups[`${PROD}|us-east-1|vol-gone`]).toBeUndefined();
  });

  it('within a budget of one call, notes what it did not look up; the next run goes on with it', async () => {
    const spent = await step({ DURION_CLOUDTRAIL_LOOKUPS: '1' });
    expect(spent.calls).toBe(1);
    expect(spent.notes).toEqual([
      {
        kind: 'unavailable',
        source: 'cloudtrail:LookupEvents',
        message:
          'creators of 2 unowned resource(s) not looked up this run: vol-0ffffffffffff0003 (111111111111 us-east-1), ' +
          'eipalloc-0e1f0e1f0e1f00001 (111111111111 eu-west-1); 1 of 1 calls made (DURION_CLOUDTRAIL_LOOKUPS), and an ' +
          'account and region that throttled or refused is not asked again in the run. The next runs go on with them.',
      },
    ]);
    const next = await step({ DURION_CLOUDTRAIL_LOOKUPS: '2' }, spent.creators.lookups);
    expect(next.byId('vol-0ffffffffffff0003')?.candidate?.owner).toBe('alice');
  });

  it('asks nothing with DURION_CLOUDTRAIL_LOOKUPS=0, and says nothing of it', async () => {
    const { calls, notes } = await step({ DURION_CLOUDTRAIL_LOOKUPS: '0' });
    expect(calls).toBe(0);
    expect(notes).toEqual([]);
  });
});
