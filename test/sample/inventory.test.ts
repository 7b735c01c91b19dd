import { describe, expect, it } from 'vitest';
import { collectResources } from '../../src/collect/inventory';
import type { Note } from '../../src/model';
import { evaluateRules, RULES } from '../../src/rules/index';
import { DENIED_REGION, PROD, SAMPLE_CLEAN_IDS } from '../../src/sample/inventory-estate';
import { sampleAws } from '../helpers/sample-aws';

const AS_OF = '2026-11-20';
const config = { ownerTags: ['owner', 'team'], ruleParams: {}, exclude: [] };

async function sampleRun(seed = 1) {
  const aws = sampleAws(AS_OF, seed);
  const notes: Note[] = [];
  const resources = await collectResources(aws, {}, notes, { asOf: AS_OF, accountId: PROD });
  const drafts = evaluateRules({ asOf: AS_OF, sample: true, notes, resources }, config, { keepOk: true });
  return { aws, notes, resources, drafts };
}

describe('the sample inventory', () => {
  it('trips every rule of the catalog at least once', async () => {
    const { drafts } = await sampleRun();
    const tripped = new Set(drafts.filter((d) => d.status === 'alarm' || d.status === 'info').map((d) => d.ruleId));
    expect(RULES.map((r) => r.id).filter((id) => !tripped.has(id))).toEqual([]);
  });

  it('trips no rule on its clean resources', async () => {
    const { drafts } = await sampleRun();
    const clean = new Set<string>(SAMPLE_CLEAN_IDS);
    const onClean = drafts.filter((d) => clean.has(d.resourceId));
    expect(onClean.filter((d) => d.status !== 'ok')).toEqual([]);
    // Each clean resource was judged by some rule.
    expect(new Set(onClean.map((d) => d.resourceId))).toEqual(clean);
  });

  it('prices alarms and names owners where resources have them', async () => {
    const { drafts } = await sampleRun();
    const alarms = drafts.filter((d) => d.status === 'alarm');
    expect(alarms.length).toBeGreaterThan(25);
    for (const a of alarms) {
      expect(a.monthlySavingsUsd).toBeGreaterThan(0);
      expect(a.savingsBasis).not.toBe('');
    }
    const nat = alarms.find((d) => d.ruleId === 'nat-gateway-idle');
    expect(nat).toMatchObject({ region: 'eu-west-1', owner: 'platform', savingsMethod: 'price-table-approx' });
    expect(alarms.find((d) => d.ruleId === 'eip-unassociated')?.owner).toBeUndefined();
    expect(alarms.find((d) => d.ruleId === 'ec2-nonprod-always-on')).toMatchObject({
      accountId: '333333333333',
      owner: 'frank',
    });
  });

  it('reports the region denied by a service control policy as one note', async () => {
    const { notes, resources } = await sampleRun();
    expect(resources.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'inventory', region: DENIED_REGION })]);
  });

  it('is the same for the same seed and as-of date', async () => {
    const [a, b] = [await sampleRun(7), await sampleRun(7)];
    expect(a.resources).toEqual(b.resources);
  });

  it('reads metrics in batches, each service once per region', async () => {
    const { aws } = await sampleRun();
    const calls = aws.calls.byOperation;
    expect(calls['cloudwatch:GetMetricData']).toBe(2);
    expect(calls['ec2:DescribeInstances']).toBe(3);
    expect(calls['rds:DescribeDBInstances']).toBe(2);
    expect(calls['ec2:DescribeVolumes']).toBeGreaterThan(2); // pages
  });
});
