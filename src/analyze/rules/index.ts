/**
 * The rule catalog: a static list (bundlers need static imports; a test checks it against the folder) and the runner
 * that gives each rule its parameters and turns a rule that throws into an error finding, so the run goes on.
 */
import { COLLECTOR_IAM_ACTIONS } from '../../collect/inventory/iam';
import type { Inventory } from '../../collect/types';
import type { Config } from '../../config';
import { ConfigError } from '../../domain/errors';
import type { FindingDraft } from '../../domain/finding';
import type { Params, Rule, RuleContext } from './define-rule';
import dynamodbProvisionedNoAutoscaling from './dynamodb-provisioned-no-autoscaling';
import ebsGp2ToGp3 from './ebs-gp2-to-gp3';
import ebsIoToGp3 from './ebs-io-to-gp3';
import ebsSnapshotArchiveCandidate from './ebs-snapshot-archive-candidate';
import ebsSnapshotOld from './ebs-snapshot-old';
import ebsSnapshotOrphaned from './ebs-snapshot-orphaned';
import ebsVolumeOnStoppedInstance from './ebs-volume-on-stopped-instance';
import ebsVolumeUnattached from './ebs-volume-unattached';
import ec2AmiUnused from './ec2-ami-unused';
import ec2GravitonCandidate from './ec2-graviton-candidate';
import ec2InstanceLowUtilization from './ec2-instance-low-utilization';
import ec2InstanceStoppedLong from './ec2-instance-stopped-long';
import ec2NoCommitmentCover from './ec2-no-commitment-cover';
import ec2NonprodAlwaysOn from './ec2-nonprod-always-on';
import ec2PreviousGeneration from './ec2-previous-generation';
import eipOnStoppedInstance from './eip-on-stopped-instance';
import eipUnassociated from './eip-unassociated';
import elasticacheClusterIdle from './elasticache-cluster-idle';
import elbNoTargets from './elb-no-targets';
import elbNoTraffic from './elb-no-traffic';
import lambdaMemoryOverprovisioned from './lambda-memory-overprovisioned';
import lambdaX86ToArm64 from './lambda-x86-to-arm64';
import logsNoRetention from './logs-no-retention';
import natGatewayIdle from './nat-gateway-idle';
import rdsExtendedSupport from './rds-extended-support';
import rdsInstanceIdle from './rds-instance-idle';
import rdsInstanceLowCpu from './rds-instance-low-cpu';
import rdsMultiAzNonprod from './rds-multi-az-nonprod';
import rdsSnapshotOrphaned from './rds-snapshot-orphaned';
import s3NoAbortMultipart from './s3-no-abort-multipart';
import s3NoLifecycle from './s3-no-lifecycle';

/** Every rule, in catalog order. */
export const RULES: readonly Rule[] = [
  dynamodbProvisionedNoAutoscaling,
  ebsGp2ToGp3,
  ebsIoToGp3,
  ebsSnapshotArchiveCandidate,
  ebsSnapshotOld,
  ebsSnapshotOrphaned,
  ebsVolumeOnStoppedInstance,
  ebsVolumeUnattached,
  ec2AmiUnused,
  ec2GravitonCandidate,
  ec2InstanceLowUtilization,
  ec2InstanceStoppedLong,
  ec2NoCommitmentCover,
  ec2NonprodAlwaysOn,
  ec2PreviousGeneration,
  eipOnStoppedInstance,
  eipUnassociated,
  elasticacheClusterIdle,
  elbNoTargets,
  elbNoTraffic,
  lambdaMemoryOverprovisioned,
  lambdaX86ToArm64,
  logsNoRetention,
  natGatewayIdle,
  rdsExtendedSupport,
  rdsInstanceIdle,
  rdsInstanceLowCpu,
  rdsMultiAzNonprod,
  rdsSnapshotOrphaned,
  s3NoAbortMultipart,
  s3NoLifecycle,
];

/** The read-only IAM actions the catalog's collectors need, sorted. */
export const ruleIamActions = (): string[] => [...new Set(RULES.flatMap((r) => r.iamActions))].sort();

/** Every read the inventory makes: what the rules declare plus region discovery and tags. For serverless.yml. */
export const inventoryIamActions = (): string[] => [...new Set([...ruleIamActions(), ...COLLECTOR_IAM_ACTIONS])].sort();

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
