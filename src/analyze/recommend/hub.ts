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

/** Hub resource types (normalized) to the Cost Explorer service name. */
const SERVICE_OF: Record<string, string> = {
  ec2instance: SERVICES.ec2,
  ec2autoscalinggroup: SERVICES.ec2,
  ebsvolume: SERVICES.ec2Other,
  lambdafunction: SERVICES.lambda,
  ecsservice: 'Amazon Elastic Container Service',
  rdsdbinstance: SERVICES.rds,
  rdsdbinstancestorage: SERVICES.rds,
  natgateway: SERVICES.ec2Other,
  dynamodbtable: SERVICES.dynamodb,
  elasticachecluster: SERVICES.elasticache,
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

/** Cost Optimization Hub data to finding drafts; unknown action types and missing savings are notes. */
export function ingestHub(data: HubData, ctx: IngestContext): Ingested {
  const notes: Note[] = [];
  const drafts: FindingDraft[] = [];
  const after = norm(data.savingsEstimationMode ?? 'AfterDiscounts') !== 'beforediscounts';
  for (const r of data.recommendations) {
    const mapped = ACTION_TYPES[norm(r.actionType)];
    const plan = SAVINGS_PLAN_IDS[norm(r.currentResourceType)];
    const resourceId = plan ?? idFromArn(r.resourceArn) ?? r.resourceId;
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
