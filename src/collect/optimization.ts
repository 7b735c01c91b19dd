/**
 * Everything AWS already recommends, in one Inventory section: Compute Optimizer, Cost Optimization Hub, Cost
 * Explorer rightsizing (only where Compute Optimizer is off, since each page is billed) and commitments.
 */
import type { Aws } from '../aws';
import type { Config } from '../config';
import type { Note } from '../domain/note';
import { COMMITMENTS_CE_BUDGET, type CommitmentData, collectCommitments } from './commitments';
import { collectHub, collectRightsizing, type HubData, type RightsizingData } from './hub';
import { collectComputeOptimizer, type OptimizerData } from './optimizer';
import { collectTrustedAdvisor, type TrustedAdvisorData } from './trusted-advisor';

export interface OptimizationData {
  optimizer: OptimizerData;
  hub: HubData;
  /** Cost Explorer rightsizing, read only when Compute Optimizer gave nothing. */
  rightsizing?: RightsizingData;
  commitments: CommitmentData;
  /** Trusted Advisor's cost checks, where the support plan exposes them. */
  trustedAdvisor?: TrustedAdvisorData;
}

export interface OptimizationOptions {
  asOf: string;
  /** Regions to read; defaults to the configured regions, else the home region. */
  regions?: string[];
  /** What the previous run kept of its commitments (the snapshot's `extra.commitments`): weekly Cost Explorer reads are reused from it. */
  previousCommitments?: CommitmentData;
  accountId?: string;
  /** Compute Optimizer as the organization's slices read it (src/collect/organization.ts): not read again here. */
  optimizer?: OptimizerData;
}

/** Collect the recommendations and commitments section. Never throws for what AWS refuses: notes instead. */
export async function collectOptimization(
  aws: Aws,
  config: Config,
  notes: Note[],
  options: OptimizationOptions,
): Promise<OptimizationData> {
  const regions = options.regions ?? config.regions ?? [aws.homeRegion];
  const ceBefore = aws.calls.forService('ce');
  const optimizer = options.optimizer ?? (await collectComputeOptimizer(aws, regions, notes));
  const hub = await collectHub(aws, notes);
  const rightsizing = optimizer.enrollment === 'enrolled' ? undefined : await collectRightsizing(aws, notes);
  const commitments = await collectCommitments(aws, notes, {
    asOf: options.asOf,
    regions,
    previous: options.previousCommitments,
    ceBudget: COMMITMENTS_CE_BUDGET - (aws.calls.forService('ce') - ceBefore),
    accountId: options.accountId,
    tagKey: config.spend.tagKey,
    allocationTagKeys: [config.spend.tagKey, ...config.ownerTags],
    purchasesFromHub: hub.enrollment === 'enrolled',
  });
  const trustedAdvisor = await collectTrustedAdvisor(aws, notes);
  return { optimizer, hub, rightsizing, commitments, trustedAdvisor };
}

/**
 * The read-only IAM actions this section sends (DescribeBudgets is authorized as budgets:ViewBudget). AWS's
 * ComputeOptimizerReadOnlyAccess policy also lists describe actions on the resources recommended on; they are left
 * out until a call is seen refused without them (a refusal is a note, never a crash).
 */
export const OPTIMIZATION_IAM_ACTIONS = [
  'compute-optimizer:GetEC2InstanceRecommendations',
  'compute-optimizer:GetAutoScalingGroupRecommendations',
  'compute-optimizer:GetEBSVolumeRecommendations',
  'compute-optimizer:GetLambdaFunctionRecommendations',
  'compute-optimizer:GetECSServiceRecommendations',
  'compute-optimizer:GetRDSDatabaseRecommendations',
  'compute-optimizer:GetIdleRecommendations',
  'cost-optimization-hub:ListRecommendations',
  'cost-optimization-hub:GetPreferences',
  'ce:GetRightsizingRecommendation',
  'ce:GetSavingsPlansUtilization',
  'ce:GetReservationUtilization',
  'ce:GetSavingsPlansCoverage',
  'ce:GetReservationCoverage',
  'ce:GetSavingsPlansPurchaseRecommendation',
  'ce:GetReservationPurchaseRecommendation',
  'ce:ListCostAllocationTags',
  'ce:GetAnomalyMonitors',
  'budgets:ViewBudget',
  'rds:DescribeReservedDBInstances',
  'elasticache:DescribeReservedCacheNodes',
  'redshift:DescribeReservedNodes',
  'savingsplans:DescribeSavingsPlans',
  'support:DescribeTrustedAdvisorChecks',
  'support:DescribeTrustedAdvisorCheckResult',
] as const;
