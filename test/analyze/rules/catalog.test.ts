import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateRules, RULES, ruleIamActions } from '../../../src/analyze/rules';
import { defineRule, SERVICES, wa } from '../../../src/analyze/rules/define-rule';
import { ConfigError } from '../../../src/domain/errors';
import { ACTIONS, EFFORTS, SAVINGS_METHODS, SEVERITIES, STRATEGIES } from '../../../src/domain/finding';
import { AS_OF, address, daysAgo, resources, volume } from './fixtures';

const RULES_DIR = join(import.meta.dirname, '../../../src/analyze/rules');
/** Files of src/rules that are not rules. */
const NOT_RULES = new Set(['define-rule.ts', 'index.ts', 'catalog.ts', 'shapes.ts', 'cli.ts']);
const ruleFiles = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f));

describe('the rule catalog', () => {
  it('lists every rule file of the folder once, and nothing else', () => {
    expect(RULES.map((r) => `${r.id}.ts`).sort()).toEqual([...ruleFiles].sort());
  });

  it('is generated from the folder: scripts/rules-index.mjs --check finds catalog.ts up to date', () => {
    expect(() =>
      execFileSync(process.execPath, [join(RULES_DIR, '../../../scripts/rules-index.mjs'), '--check'], {
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('holds at least 80 rules with unique ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('prices every rule: none has the savings method "none"', () => {
    expect(RULES.filter((r) => r.savingsMethod === 'none').map((r) => r.id)).toEqual([]);
  });

  it('gives each rule the id of its file', async () => {
    for (const file of ruleFiles) {
      const mod = (await import(join(RULES_DIR, file))) as { default: { id: string } };
      expect(mod.default.id).toBe(file.replace(/\.ts$/, ''));
    }
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has metadata from the closed lists', (_id, rule) => {
    expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(rule.title.length).toBeGreaterThan(15);
    expect(rule.title).not.toMatch(/\.$/);
    expect(STRATEGIES).toContain(rule.strategy);
    expect(SEVERITIES).toContain(rule.severity);
    expect(EFFORTS).toContain(rule.effort);
    expect(ACTIONS).toContain(rule.action);
    expect(Object.keys(SAVINGS_METHODS)).toContain(rule.savingsMethod);
    expect(Object.values(SERVICES)).toContain(rule.service);
    expect(rule.wellArchitected).toMatch(/^COST\d{2}-BP\d{2} \(\d{4}-\d{2}-\d{2}\)$/);
    expect(typeof rule.restartNeeded).toBe('boolean');
    for (const [name, spec] of Object.entries(rule.params)) {
      expect(name).toMatch(/^[a-z][a-zA-Z0-9]+$/);
      expect(['number', 'string', 'boolean']).toContain(typeof spec.default);
      expect(spec.description.length).toBeGreaterThan(5);
    }
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s declares read-only IAM actions', (_id, rule) => {
    expect(rule.iamActions.length).toBeGreaterThan(0);
    // API Gateway authorizes reads by HTTP method: apigateway:GET is its read.
    for (const action of rule.iamActions) {
      expect(action).toMatch(/^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]+$|^apigateway:GET$/);
    }
  });

  it('reads metrics only through cloudwatch:GetMetricData, declared by every rule that reads one', () => {
    for (const file of ruleFiles) {
      const source = readFileSync(join(RULES_DIR, file), 'utf8');
      const rule = RULES.find((r) => `${r.id}.ts` === file)!;
      const readsMetrics = /\b(gauge|count|idleByMetric|lowUtilizationByMetric)\(/.test(source);
      expect(rule.iamActions.includes('cloudwatch:GetMetricData'), file).toBe(readsMetrics);
    }
  });

  it('has a test with the three cases for every rule', () => {
    const tests = readdirSync(import.meta.dirname)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'))
      .join('\n');
    for (const rule of RULES) expect(tests, rule.id).toContain(`from '../../../src/analyze/rules/${rule.id}'`);
  });

  it('exports the union of IAM actions, sorted and unique', () => {
    const all = ruleIamActions();
    expect(all).toEqual([...new Set(all)].sort());
    expect(all).toContain('ec2:DescribeVolumes');
    expect(all).toContain('cloudwatch:GetMetricData');
  });
});

const config = { ownerTags: ['owner', 'team'], ruleParams: {}, exclude: [] };
const inventory = (parts: Parameters<typeof resources>[0]) => ({
  asOf: AS_OF,
  sample: false,
  notes: [],
  resources: resources(parts),
});
const unattached = volume({ state: 'available', attachedInstanceIds: [] });

describe('evaluateRules', () => {
  it('takes the owner from the first configured tag the resource has', () => {
    const drafts = evaluateRules(inventory({ volumes: [{ ...unattached, tags: { Team: 'erp' } }] }), config);
    expect(drafts.find((d) => d.ruleId === 'ebs-volume-unattached')?.owner).toBe('erp');
    const custom = evaluateRules(inventory({ volumes: [{ ...unattached, tags: { team: 'erp', squad: 'ap' } }] }), {
      ...config,
      ownerTags: ['squad'],
    });
    expect(custom.find((d) => d.ruleId === 'ebs-volume-unattached')?.owner).toBe('ap');
  });

  it('excludes resources tagged durion-cost:ignore or kept until a later date', () => {
    const ignored = { ...unattached, id: 'vol-ignored', tags: { 'durion-cost:ignore': 'true' } };
    const kept = { ...unattached, id: 'vol-kept', tags: { 'durion-cost:keep-until': '2026-12-31' } };
    const expired = { ...unattached, id: 'vol-expired', tags: { 'durion-cost:keep-until': '2026-11-01' } };
    const ids = evaluateRules(inventory({ volumes: [ignored, kept, expired] }), config)
      .filter((d) => d.ruleId === 'ebs-volume-unattached')
      .map((d) => d.resourceId);
    expect(ids).toEqual(['vol-expired']);
  });

  it('excludes rules, resources and rule:resource pairs named in configuration', () => {
    const inv = inventory({ volumes: [unattached], addresses: [address({ associationId: undefined })] });
    const alarms = (exclude: string[]) =>
      evaluateRules(inv, { ...config, exclude })
        .filter((d) => d.status === 'alarm')
        .map((d) => `${d.ruleId}:${d.resourceId}`);
    expect(alarms([])).toEqual(['ebs-volume-unattached:vol-1', 'eip-unassociated:eipalloc-1']);
    expect(alarms(['eip-unassociated'])).toEqual(['ebs-volume-unattached:vol-1']);
    expect(alarms(['vol-1'])).toEqual(['eip-unassociated:eipalloc-1']);
    expect(alarms(['ebs-volume-unattached:vol-1'])).toEqual(['eip-unassociated:eipalloc-1']);
  });

  it('applies configured thresholds and rejects unknown rules, parameters and wrong types', () => {
    const young = { ...unattached, createTime: daysAgo(3) };
    const count = (ruleParams: Record<string, Record<string, number | string | boolean>>) =>
      evaluateRules(inventory({ volumes: [young] }), { ...config, ruleParams }).filter((d) => d.status === 'alarm')
        .length;
    expect(count({})).toBe(0);
    expect(count({ 'ebs-volume-unattached': { minAgeDays: 1 } })).toBe(1);
    expect(() => count({ 'no-such-rule': {} })).toThrow(ConfigError);
    expect(() => count({ 'ebs-volume-unattached': { maxAge: 1 } })).toThrow(/has no parameter "maxAge"/);
    expect(() => count({ 'ebs-volume-unattached': { minAgeDays: '1' } })).toThrow(/must be a number/);
  });

  it('turns a rule that throws into an error finding and runs the others', () => {
    const broken = defineRule({
      id: 'broken-rule',
      title: 'A rule that always throws',
      service: SERVICES.ec2,
      strategy: 'unused-resources',
      wellArchitected: wa('COST04-BP03'),
      severity: 'low',
      effort: 'low',
      restartNeeded: false,
      action: 'delete',
      params: {},
      iamActions: ['ec2:DescribeVolumes'],
      savingsMethod: 'none',
      confidence: 'low',
      check() {
        throw new Error('boom');
      },
    });
    const drafts = evaluateRules(inventory({ volumes: [unattached] }), config, { rules: [broken, ...RULES] });
    expect(drafts[0]).toMatchObject({
      ruleId: 'broken-rule',
      status: 'error',
      reason: 'rule broken-rule failed: boom',
    });
    expect(drafts.some((d) => d.ruleId === 'ebs-volume-unattached' && d.status === 'alarm')).toBe(true);
  });

  it('leaves ok outcomes out unless asked for them', () => {
    const inv = inventory({ volumes: [volume()] });
    expect(evaluateRules(inv, config).filter((d) => d.status === 'ok')).toEqual([]);
    expect(evaluateRules(inv, config, { keepOk: true }).some((d) => d.status === 'ok')).toBe(true);
  });

  it('yields nothing when no resources were collected', () => {
    expect(evaluateRules({ asOf: AS_OF, sample: false, notes: [] }, config)).toEqual([]);
  });
});
