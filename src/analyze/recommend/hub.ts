/**
 * Cost Optimization Hub recommendations as finding drafts. The Hub's figure is after discounts unless its
 * savings-estimation preference says BeforeDiscounts; the reason says which. Effort, restart needed and rollback
 * possible come from the Hub.
 */

import type { HubData } from '../../collect/hub';
import type { Action, FindingDraft, Strategy } from '../../domain/finding';
import { usdCents } from '../../domain/money';
import type { Note } from '../../domain/note';
import { SERVICES, wa } from '../rules/define-rule';
import { effortOf, type Ingested, idFromArn, norm } from './common';
import type { IngestContext } from './optimizer';

/** Hub action types (normalized) to our action, strategy and best practice. */
const ACTION_TYPES: Record<string, { action: Action; strategy: Strategy; bp: `COST${string}-BP${string}` }> = {
  rightsize: { action: 'rightsize', strategy: 'right-sizing', bp: 'COST06-BP02' },
  scalein: { action: 'rightsize', strategy: 'auto-scaling', bp: 'COST06-BP03' },
  stop: { action: 'stop', strategy: 'unused-resources', bp: 'COST04-BP03' },
  delete: { action: 'delete', strategy: 'unused-resources', bp: 'COST04-BP03' },
  upgrade: { action: 'modernize', strategy: 'compute-optimization', bp: 'COST05-BP06' },
  migratetograviton: { action: 'modernize', strategy: 'compute-optimization', bp: 'COST05-BP06' },
  purchasesavingsplans: { action: 'purchase', strategy: 'savings-plans', bp: 'COST07-BP05' },
  purchasereservedinstances: { action: 'purchase', strategy: 'reserved-instances', bp: 'COST07-BP05' },
};

/** Reservation purchases (normalized Hub resource type) to the service they are bought for. */
const RESERVATIONS: Record<string, string> = {
  ec2reservedinstances: SERVICES.ec2,
  rdsreservedinstances: SERVICES.rds,
  elasticachereservedinstances: SERVICES.elasticache,
  opensearchreservedinstances: 'Amazon OpenSearch Service',
  redshiftreservedinstances: 'Amazon Redshift',
  memorydbreservedinstances: 'Amazon MemoryDB',
  dynamodbreservedcapacity: SERVICES.dynamodb,
};

/**
 * Hub resource types (normalized, the API reference's ResourceType enum) to the Cost Explorer service name, so a
 * finding's service reads as the bill does; a type AWS adds later keeps its own name.
 */
const SERVICE_OF: Record<string, string> = {
  ec2instance: SERVICES.ec2,
  ec2autoscalinggroup: SERVICES.ec2,
  ebsvolume: SERVICES.ec2Other,
  lambdafunction: SERVICES.lambda,
  ecsservice: 'Amazon Elastic Container Service',
  rdsdbinstance: SERVICES.rds,
  rdsdbinstancestorage: SERVICES.rds,
  auroradbclusterstorage: SERVICES.rds,
  natgateway: SERVICES.ec2Other,
  dynamodbtable: SERVICES.dynamodb,
  elasticachecluster: SERVICES.elasticache,
  memorydbcluster: 'Amazon MemoryDB',
  documentdbcluster: 'Amazon DocumentDB (with MongoDB compatibility)',
  sagemakerendpoint: 'Amazon SageMaker',
  workspaces: 'Amazon WorkSpaces',
  computesavingsplans: 'Savings Plans',
  ec2instancesavingsplans: 'Savings Plans',
  sagemakersavingsplans: 'Savings Plans',
  ...RESERVATIONS,
};

/**
 * Savings Plans are bought for the account, not a resource: the same ids as the Cost Explorer purchase findings
 * (src/recommend/commitments.ts), so the Hub's and Cost Explorer's recommendation merge into one finding.
 */
const SAVINGS_PLAN_IDS: Record<string, string> = {
  computesavingsplans: 'savings-plan:compute',
  ec2instancesavingsplans: 'savings-plan:ec2-instance',
  sagemakersavingsplans: 'savings-plan:sagemaker',
};

/** An instance, node or DB class named in a summary ("4 x m5.large", "db.r6g.large, 1 year"), or undefined. */
const CLASS_IN =
  /\b((?:db\.|cache\.)?[a-z][a-z0-9-]*\.[0-9]*(?:nano|micro|small|medium|large|xlarge|xlplus|metal)[a-z0-9-]*(?:\.search)?)\b/;

/**
 * Purchases are bought for the account, not a resource: Savings Plans by plan type and Reserved Instances by the class
 * they reserve, the same ids as the Cost Explorer purchase findings (./commitments.ts), so the Hub's and Cost
 * Explorer's recommendation for one purchase merge into one finding. Undefined for a resource recommendation.
 */
function purchaseIdOf(r: HubData['recommendations'][number]): string | undefined {
  const type = norm(r.currentResourceType);
  if (SAVINGS_PLAN_IDS[type]) return SAVINGS_PLAN_IDS[type];
  if (!RESERVATIONS[type]) return undefined;
  const reserved = CLASS_IN.exec(String(r.recommendedResourceSummary ?? ''))?.[1];
  return `reserved-instance:${reserved ?? type}`;
}

/** Cost Optimization Hub data to finding drafts; unknown action types and missing savings are notes. */
export function ingestHub(data: HubData, ctx: IngestContext): Ingested {
  const notes: Note[] = [];
  const drafts: FindingDraft[] = [];
  const after = norm(data.savingsEstimationMode ?? 'AfterDiscounts') !== 'beforediscounts';
  for (const r of data.recommendations) {
    const mapped = ACTION_TYPES[norm(r.actionType)];
    const purchase = purchaseIdOf(r);
    const plan = SAVINGS_PLAN_IDS[norm(r.currentResourceType)];
    const resourceId = purchase ?? idFromArn(r.resourceArn) ?? r.resourceId;
    if (!mapped || !resourceId) {
      notes.push({
        kind: 'error',
        source: 'cost-optimization-hub',
        message: `recommendation ${r.recommendationId ?? '?'} skipped: ${mapped ? 'no resource id' : `unknown action type "${String(r.actionType)}"`}`,
      });
      continue;
    }
    const saving = r.estimatedMonthlySavings;
    const priced = typeof saving === 'number' && Number.isFinite(saving) && saving > 0;
    const money = priced
      ? `saves ${usdCents(saving)} a month ${after ? 'after discounts' : 'before discounts (the Hub is set to BeforeDiscounts)'}`
      : 'the Hub gave no savings estimate';
    const restart = r.restartNeeded === undefined ? '' : r.restartNeeded ? ', needs a restart' : ', no restart';
    const rollback =
      r.rollbackPossible === undefined ? '' : r.rollbackPossible ? ', can be rolled back' : ', cannot be rolled back';
    const owner = ctx.ownerTags
      .map((k) => r.tags?.find((t) => t.key?.toLowerCase() === k.toLowerCase())?.value?.trim())
      .find(Boolean);
    const window = r.recommendationLookbackPeriodInDays ? ` over ${r.recommendationLookbackPeriodInDays} days` : '';
    drafts.push({
      source: 'cost-optimization-hub',
      action: mapped.action,
      ruleId: `cost-optimization-hub:${norm(r.actionType)}`,
      title: `${r.currentResourceType ?? 'Resource'}: ${r.actionType} recommended`,
      strategy: mapped.strategy,
      wellArchitected: wa(mapped.bp),
      severity: 'medium',
      accountId: r.accountId ?? ctx.accountId,
      region: plan ? ctx.homeRegion : (r.region ?? ctx.homeRegion),
      service: SERVICE_OF[norm(r.currentResourceType)] ?? String(r.currentResourceType ?? 'unknown'),
      resourceId,
      ...(r.resourceArn ? { resourceArn: r.resourceArn } : {}),
      status: priced ? 'alarm' : 'info',
      reason: `${r.actionType}: ${r.currentResourceSummary ?? '?'} to ${r.recommendedResourceSummary ?? '?'}${window}; ${money} (effort ${r.implementationEffort ?? 'unknown'}${restart}${rollback}).`,
      monthlySavingsUsd: priced ? saving : 0,
      savingsMethod: priced ? 'cost-optimization-hub' : 'none',
      savingsBasis: priced
        ? `Cost Optimization Hub estimate ${after ? 'after discounts' : 'before discounts'}, per month${window ? `, from usage${window}` : ''}`
        : 'no saving estimated',
      confidence: 'medium',
      effort: effortOf(r.implementationEffort),
      ...(owner ? { owner } : {}),
      evidence: {
        'cost-optimization-hub': {
          recommendationId: r.recommendationId,
          afterDiscounts: after,
          restartNeeded: r.restartNeeded,
          rollbackPossible: r.rollbackPossible,
          implementationEffort: r.implementationEffort,
          source: r.source,
          current: r.currentResourceSummary,
          recommended: r.recommendedResourceSummary,
          estimatedMonthlyCost: r.estimatedMonthlyCost,
        },
      },
    });
  }
  return { drafts, notes };
}
