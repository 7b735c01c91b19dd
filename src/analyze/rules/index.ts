/**
 * The rule catalog: RULES, generated into catalog.ts from the folder by scripts/rules-index.mjs (bundlers need static
 * imports; a test checks it against the folder), and the runner
 * that gives each rule its parameters and turns a rule that throws into an error finding, so the run goes on.
 */
import { COLLECTOR_IAM_ACTIONS } from '../../collect/inventory/iam';
import type { Inventory } from '../../collect/types';
import type { Config } from '../../config';
import { ConfigError } from '../../domain/errors';
import type { FindingDraft } from '../../domain/finding';
import { RULES } from './catalog';
import type { Params, Rule, RuleContext } from './define-rule';

export { RULES };

/** The read-only IAM actions the catalog's collectors need, sorted. */
export const ruleIamActions = (): string[] => [...new Set(RULES.flatMap((r) => r.iamActions))].sort();

/**
 * Every read the inventory makes: what the rules declare plus region discovery and tags, less Cost Explorer (the rules
 * on the bill's data transfer read it once in the running account, src/collect/transfer.ts). For serverless.yml and
 * the member role.
 */
export const inventoryIamActions = (): string[] =>
  [...new Set([...ruleIamActions(), ...COLLECTOR_IAM_ACTIONS])].filter((a) => !a.startsWith('ce:')).sort();

/**
 * A rule's parameters: its defaults with the configured overrides. Overrides naming an unknown rule or parameter,
 * or of the wrong type, are a ConfigError naming them.
 */
export function resolveParams(rule: Rule, overrides: Config['ruleParams']): Params {
  const given = overrides[rule.id] ?? {};
  const params: Params = Object.fromEntries(Object.entries(rule.params).map(([k, spec]) => [k, spec.default]));
  for (const [key, value] of Object.entries(given)) {
    const spec = rule.params[key];
    if (!spec) throw new ConfigError(`DURION_RULE_PARAMS: rule ${rule.id} has no parameter "${key}"`);
    if (typeof value !== typeof spec.default) {
      throw new ConfigError(
        `DURION_RULE_PARAMS: ${rule.id}.${key} must be a ${typeof spec.default}; got ${JSON.stringify(value)}`,
      );
    }
    params[key] = value;
  }
  return params;
}

export type RuleConfig = Pick<Config, 'ownerTags' | 'ruleParams' | 'exclude'>;

/**
 * Run every rule over the inventory's resources: findings of every outcome but ok (unless `keepOk`, for tests and
 * audits: ok drafts are most of them and nobody acts on them); none without resources.
 */
export function evaluateRules(
  inventory: Inventory,
  config: RuleConfig,
  options: { rules?: readonly Rule[]; keepOk?: boolean } = {},
): FindingDraft[] {
  const rules = options.rules ?? RULES;
  const ids = new Set(rules.map((r) => r.id));
  for (const id of Object.keys(config.ruleParams)) {
    if (!ids.has(id)) throw new ConfigError(`DURION_RULE_PARAMS names an unknown rule "${id}"`);
  }
  const resources = inventory.resources;
  if (!resources) return [];
  const ctx: RuleContext = {
    asOf: inventory.asOf,
    ownerTags: config.ownerTags,
    exclude: config.exclude,
    keepOk: options.keepOk ?? false,
    ec2Prices: resources.ec2Prices,
  };
  const active = rules.filter((r) => !config.exclude.includes(r.id));
  const withParams = active.map((rule) => ({ rule, params: resolveParams(rule, config.ruleParams) }));
  return withParams.flatMap(({ rule, params }) => {
    try {
      return rule.evaluate(resources, params, ctx);
    } catch (err) {
      return [ruleError(rule, err)];
    }
  });
}

/** The finding a rule that threw leaves behind: the run goes on, and the error is visible. */
function ruleError(rule: Rule, err: unknown): FindingDraft {
  return {
    source: 'rule',
    ruleId: rule.id,
    title: rule.title,
    strategy: rule.strategy,
    wellArchitected: rule.wellArchitected,
    severity: rule.severity,
    accountId: 'all',
    region: 'all',
    service: rule.service,
    resourceId: `rule:${rule.id}`,
    status: 'error',
    reason: `rule ${rule.id} failed: ${err instanceof Error ? err.message : String(err)}`,
    monthlySavingsUsd: 0,
    savingsMethod: 'none',
    savingsBasis: 'the rule did not finish',
    confidence: 'low',
    effort: rule.effort,
    evidence: { error: err instanceof Error ? err.name : 'unknown' },
  };
}
