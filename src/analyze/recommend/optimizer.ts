/**
 * Compute Optimizer recommendations as finding drafts: one per resource that can save, with the top-ranked option,
 * savings after discounts where AWS gives them (else before, and the reason says which), confidence from the
 * option's performance risk, and "CPU-only" where memory was not measured. Enums are open strings.
 */

import type { OptimizerData } from '../../collect/optimizer';
import { OPT_IN_HOW } from '../../collect/optimizer';
import type { Action, Confidence, Effort, FindingDraft, Severity, Strategy } from '../../domain/finding';
import { usdCents } from '../../domain/money';
import type { Note } from '../../domain/note';
import { SERVICES, wa } from '../rules/define-rule';
import { confidenceOf, effortOf, type Ingested, idFromArn, norm, regionFromArn } from './common';

/** Where ingestion checks that a resource still exists: undefined when it cannot tell (region or kind not read). */
export type Exists = (kind: ResourceKindKey, accountId: string, region: string, id: string) => boolean | undefined;
export type ResourceKindKey = 'instances' | 'volumes' | 'functions' | 'dbInstances' | 'natGateways';

export interface IngestContext {
  ownerTags: string[];
  exists: Exists;
  /** The account findings about the whole account (opt-in) are filed under. */
  accountId: string;
  homeRegion: string;
}

interface Saving {
  usd: number;
  afterDiscounts: boolean;
  /** Before discounts, when AWS gave both. */
  beforeUsd?: number;
}

interface SavingsFields {
  savingsOpportunity?: { estimatedMonthlySavings?: { value?: number } };
  savingsOpportunityAfterDiscounts?: { estimatedMonthlySavings?: { value?: number } };
}

const finite = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** The monthly saving of an option: after discounts where given, else before; undefined when AWS gave none. */
export function savingOf(option: SavingsFields | undefined): Saving | undefined {
  const after = option?.savingsOpportunityAfterDiscounts?.estimatedMonthlySavings?.value;
  const before = option?.savingsOpportunity?.estimatedMonthlySavings?.value;
  if (finite(after)) return { usd: after, afterDiscounts: true, ...(finite(before) ? { beforeUsd: before } : {}) };
  if (finite(before)) return { usd: before, afterDiscounts: false };
  return undefined;
}

/** The top-ranked option (lowest rank; the first when ranks are absent). */
const top = <T extends { rank?: number }>(options: T[] | undefined): T | undefined =>
  [...(options ?? [])].sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER))[0];

const ownerFrom = (tags: { key?: string; value?: string }[] | undefined, ownerTags: string[]): string | undefined => {
  for (const want of ownerTags) {
    const value = tags?.find((t) => t.key?.toLowerCase() === want.toLowerCase())?.value?.trim();
    if (value) return value;
  }
  return undefined;
};

/** Metric names present, normalized; memory absent means Compute Optimizer judged on CPU alone. */
const hasMemory = (metrics: { name?: string }[] | undefined): boolean =>
  (metrics ?? []).some((m) => norm(m.name) === 'memory');

const metricValue = (metrics: { name?: string; statistic?: string; value?: number }[] | undefined, name: string) =>
  metrics?.find((m) => norm(m.name) === norm(name) && norm(m.statistic ?? 'maximum') === 'maximum')?.value;

interface Proposal {
  ruleId: string;
  title: string;
  action: Action;
  strategy: Strategy;
  wellArchitected: string;
  service: string;
  severity: Severity;
  arn?: string;
  accountId?: string;
  resourceId?: string;
  /** What was found and what to do, without the money (added from `saving`). */
  what: string;
  saving: Saving | undefined;
  lookbackDays?: number;
  confidence: Confidence;
  effort: Effort;
  tags?: { key?: string; value?: string }[];
  /** Underprovisioned findings cost more to fix: info, never savings. */
  informational?: boolean;
  evidence: Record<string, unknown>;
}

/** The money part of a reason, which always says whether the figure is after or before discounts. */
function savingText(s: Saving | undefined): string {
  if (!s) return 'Compute Optimizer gave no savings estimate';
  if (s.afterDiscounts && s.usd <= 0 && (s.beforeUsd ?? 0) > 0) {
    return `saves $0.00 a month after discounts (${usdCents(s.beforeUsd ?? 0)} before): the usage is already covered by discounts or commitments`;
  }
  if (s.usd <= 0) return 'Compute Optimizer estimates no saving';
  return `saves ${usdCents(s.usd)} a month ${s.afterDiscounts ? 'after discounts' : 'before discounts (public prices; AWS gave no after-discount figure)'}`;
}

function toDraft(p: Proposal, ctx: IngestContext, notes: Note[]): FindingDraft | undefined {
  const region = regionFromArn(p.arn) ?? ctx.homeRegion;
  const resourceId = p.resourceId ?? idFromArn(p.arn);
  const accountId = p.accountId ?? ctx.accountId;
  if (!resourceId) {
    notes.push({
      kind: 'error',
      source: 'compute-optimizer',
      message: `${p.ruleId}: a recommendation without a resource was skipped`,
    });
    return undefined;
  }
  const priced = !p.informational && p.saving !== undefined && p.saving.usd > 0;
  const owner = ownerFrom(p.tags, ctx.ownerTags);
  const window = p.lookbackDays ? ` over ${p.lookbackDays} days` : '';
  return {
    source: 'compute-optimizer',
    action: p.action,
    ruleId: p.ruleId,
    title: p.title,
    strategy: p.strategy,
    wellArchitected: p.wellArchitected,
    severity: p.severity,
    accountId,
    region,
    service: p.service,
    resourceId,
    ...(p.arn ? { resourceArn: p.arn } : {}),
    status: priced ? 'alarm' : 'info',
    reason: `${p.lookbackDays ? `Over ${p.lookbackDays} days: ` : ''}${p.what}; ${p.informational ? 'no saving (it needs more capacity)' : savingText(p.saving)}.`,
    monthlySavingsUsd: priced ? (p.saving?.usd ?? 0) : 0,
    savingsMethod: priced ? 'compute-optimizer' : 'none',
    savingsBasis: priced
      ? `Compute Optimizer estimate ${p.saving?.afterDiscounts ? 'after discounts' : 'before discounts'}, per month${window ? `, from metrics${window}` : ''}`
      : 'no saving estimated',
    confidence: p.confidence,
    effort: p.effort,
    ...(owner ? { owner } : {}),
    evidence: {
      'compute-optimizer': { ...p.evidence, afterDiscounts: p.saving?.afterDiscounts ?? false, saving: p.saving },
    },
  };
}

const RIGHTSIZE = {
  action: 'rightsize' as const,
  strategy: 'right-sizing' as const,
  wellArchitected: wa('COST06-BP02'),
};
const cpuOnly = (metrics: { name?: string }[] | undefined) =>
  hasMemory(metrics) ? '' : ' (CPU-only: no memory metrics, install the CloudWatch agent for a surer answer)';

/** A finding value Compute Optimizer has not documented: said in a note, and the recommendation skipped. */
function unknownFinding(notes: Note[], source: string, finding: unknown, id: string): void {
  notes.push({ kind: 'error', source, message: `unknown finding "${String(finding)}" for ${id}; skipped` });
}

/** Classify a sizing finding; unknown values become a note and no draft. */
function sizing(finding: unknown, source: string, id: string, notes: Note[]): 'over' | 'under' | 'none' {
  const f = norm(finding);
  if (f === 'overprovisioned' || f === 'notoptimized') return 'over';
  if (f === 'underprovisioned') return 'under';
  if (f === 'optimized' || f === 'unavailable') return 'none';
  unknownFinding(notes, source, finding, id);
  return 'none';
}

/** Files a proposal as a draft, unless it has no resource or the inventory says the resource is gone. */
type Add = (p: Proposal, gone?: { kind: ResourceKindKey }) => void;

/** The `add` of one ingestion: drafts and notes collected in the order the recommendations came. */
function adder(ctx: IngestContext, notes: Note[], drafts: FindingDraft[]): Add {
  return (p, gone) => {
    const draft = toDraft(p, ctx, notes);
    if (!draft) return;
    if (gone && ctx.exists(gone.kind, draft.accountId, draft.region, draft.resourceId) === false) {
      notes.push({
        kind: 'unavailable',
        source: 'compute-optimizer',
        region: draft.region,
        accountId: draft.accountId,
        message: `${draft.resourceId} no longer exists; Compute Optimizer's ${p.ruleId} recommendation for it was dropped`,
      });
      return;
    }
    drafts.push(draft);
  };
}

/** The one finding of an account not enrolled: how to opt in, since every other recommendation is missing. */
function optInDraft(data: OptimizerData, ctx: IngestContext): FindingDraft {
  return {
    source: 'compute-optimizer',
    action: 'configure',
    ruleId: 'compute-optimizer:opt-in',
    title: 'Compute Optimizer is not enabled',
    strategy: 'compute-optimization',
    wellArchitected: wa('COST06-BP03'),
    severity: 'medium',
    accountId: ctx.accountId,
    region: ctx.homeRegion,
    service: 'AWS Compute Optimizer',
    resourceId: 'compute-optimizer',
    status: 'info',
    reason: `The account is not enrolled in Compute Optimizer, so AWS's rightsizing and idle recommendations are missing; ${OPT_IN_HOW}.`,
    monthlySavingsUsd: 0,
    savingsMethod: 'none',
    savingsBasis: 'no saving estimated: enabling it is free and unlocks recommendations',
    confidence: 'high',
    effort: 'low',
    evidence: { 'compute-optimizer': { enrollment: data.enrollment } },
  };
}

/** An EC2 instance recommendation: rightsizing, or a modernization when the top option changes architecture. */
function ingestEc2(r: OptimizerData['ec2'][number], notes: Note[], add: Add): void {
  const id = idFromArn(r.instanceArn) ?? '?';
  if (norm(r.instanceState) === 'terminated') {
    notes.push({
      kind: 'unavailable',
      source: 'compute-optimizer',
      message: `${id} is terminated; its recommendation was dropped`,
    });
    return;
  }
  if (norm(r.idle) === 'true') return; // GetIdleRecommendations proposes deleting it instead
  const kind = sizing(r.finding, 'compute-optimizer:GetEC2InstanceRecommendations', id, notes);
  if (kind === 'none') return;
  const o = top(r.recommendationOptions);
  // An option on another architecture (Graviton) is the move the Graviton rule proposes: a modernization.
  const graviton = kind === 'over' && (o?.platformDifferences ?? []).some((d) => norm(d) === 'architecture');
  const arch = graviton ? ' (a Graviton/architecture change)' : '';
  add(
    {
      ...RIGHTSIZE,
      ...(graviton ? { action: 'modernize' as const, strategy: 'compute-optimization' as const } : {}),
      ruleId: 'compute-optimizer:ec2-instance',
      title: graviton
        ? 'EC2 instance could run on Graviton'
        : kind === 'over'
          ? 'EC2 instance over-provisioned'
          : 'EC2 instance under-provisioned',
      service: SERVICES.ec2,
      severity: kind === 'over' ? 'medium' : 'low',
      arn: r.instanceArn,
      accountId: r.accountId,
      what: `${r.currentInstanceType} is ${kind === 'over' ? 'over' : 'under'}-provisioned (CPU max ${metricValue(r.utilizationMetrics, 'Cpu') ?? '?'}%)${cpuOnly(r.utilizationMetrics)}; Compute Optimizer suggests ${o?.instanceType ?? '?'}${arch}`,
      saving: savingOf(o),
      lookbackDays: r.lookBackPeriodInDays,
      confidence: confidenceOf(o?.performanceRisk),
      effort: effortOf(o?.migrationEffort),
      tags: r.tags,
      informational: kind === 'under',
      evidence: {
        instanceType: r.currentInstanceType,
        recommended: o?.instanceType,
        finding: r.finding,
        reasons: r.findingReasonCodes,
      },
    },
    { kind: 'instances' },
  );
}

/** An Auto Scaling group recommendation: the group's instance type, over or under its needs. */
function ingestAsg(r: OptimizerData['asg'][number], notes: Note[], add: Add): void {
  const id = r.autoScalingGroupName ?? idFromArn(r.autoScalingGroupArn) ?? '?';
  const kind = sizing(r.finding, 'compute-optimizer:GetAutoScalingGroupRecommendations', id, notes);
  if (kind === 'none') return;
  const o = top(r.recommendationOptions);
  add({
    ...RIGHTSIZE,
    strategy: 'auto-scaling',
    ruleId: 'compute-optimizer:auto-scaling-group',
    title:
      kind === 'over'
        ? 'Auto Scaling group instances over-provisioned'
        : 'Auto Scaling group instances under-provisioned',
    service: SERVICES.ec2,
    severity: kind === 'over' ? 'medium' : 'low',
    arn: r.autoScalingGroupArn,
    accountId: r.accountId,
    resourceId: id,
    what: `${r.currentConfiguration?.desiredCapacity ?? '?'} x ${r.currentConfiguration?.instanceType ?? '?'} (CPU max ${metricValue(r.utilizationMetrics, 'Cpu') ?? '?'}%)${cpuOnly(r.utilizationMetrics)}; Compute Optimizer suggests ${o?.configuration?.instanceType ?? '?'}`,
    saving: savingOf(o),
    lookbackDays: r.lookBackPeriodInDays,
    confidence: confidenceOf(o?.performanceRisk),
    effort: effortOf(o?.migrationEffort),
    informational: kind === 'under',
    evidence: {
      instanceType: r.currentConfiguration?.instanceType,
      desiredCapacity: r.currentConfiguration?.desiredCapacity,
      recommended: o?.configuration?.instanceType,
      finding: r.finding,
    },
  });
}

/** An EBS volume recommendation: a cheaper volume type (modernize) or a smaller one (rightsize). */
function ingestEbs(r: OptimizerData['ebs'][number], notes: Note[], add: Add): void {
  const id = idFromArn(r.volumeArn) ?? '?';
  const f = norm(r.finding);
  if (f === 'optimized') return;
  if (f !== 'notoptimized') {
    unknownFinding(notes, 'compute-optimizer:GetEBSVolumeRecommendations', r.finding, id);
    return;
  }
  const o = top(r.volumeRecommendationOptions);
  const from = r.currentConfiguration;
  const to = o?.configuration;
  const typeChange = from?.volumeType !== to?.volumeType;
  add(
    {
      action: typeChange ? 'modernize' : 'rightsize',
      strategy: 'storage-tiering',
      wellArchitected: wa('COST06-BP02'),
      ruleId: 'compute-optimizer:ebs-volume',
      title: typeChange ? 'EBS volume on a costlier volume type than it needs' : 'EBS volume over-provisioned',
      service: SERVICES.ec2Other,
      severity: 'low',
      arn: r.volumeArn,
      accountId: r.accountId,
      what: `${from?.volumeType ?? '?'} ${from?.volumeSize ?? '?'} GiB (${from?.volumeBaselineIOPS ?? '?'} IOPS) could be ${to?.volumeType ?? '?'} ${to?.volumeSize ?? '?'} GiB (${to?.volumeBaselineIOPS ?? '?'} IOPS)`,
      saving: savingOf(o),
      lookbackDays: r.lookBackPeriodInDays,
      confidence: confidenceOf(o?.performanceRisk),
      effort: 'low',
      tags: r.tags,
      evidence: { volumeType: from?.volumeType, sizeGb: from?.volumeSize, recommended: to },
    },
    { kind: 'volumes' },
  );
}

/** A Lambda function recommendation: its memory size; an unavailable one says why in a note. */
function ingestLambda(r: OptimizerData['lambda'][number], notes: Note[], add: Add): void {
  const id = idFromArn(r.functionArn) ?? '?';
  const f = norm(r.finding);
  if (f === 'optimized') return;
  if (f === 'unavailable') {
    notes.push({
      kind: 'unavailable',
      source: 'compute-optimizer:GetLambdaFunctionRecommendations',
      region: regionFromArn(r.functionArn),
      message: `no recommendation for ${id}: ${(r.findingReasonCodes ?? []).join(', ') || 'unavailable'}`,
    });
    return;
  }
  if (f !== 'notoptimized') {
    unknownFinding(notes, 'compute-optimizer:GetLambdaFunctionRecommendations', r.finding, id);
    return;
  }
  const under = (r.findingReasonCodes ?? []).some((c) => norm(c) === 'memoryunderprovisioned');
  const o = top(r.memorySizeRecommendationOptions);
  add(
    {
      ...RIGHTSIZE,
      ruleId: 'compute-optimizer:lambda-function',
      title: under ? 'Lambda function memory under-provisioned' : 'Lambda function memory over-provisioned',
      service: SERVICES.lambda,
      severity: 'low',
      arn: r.functionArn,
      accountId: r.accountId,
      what: `${r.currentMemorySize ?? '?'} MB (memory used max ${metricValue(r.utilizationMetrics, 'Memory') ?? '?'} MB, ${r.numberOfInvocations ?? '?'} invocations) could be ${o?.memorySize ?? '?'} MB`,
      saving: savingOf(o),
      lookbackDays: r.lookbackPeriodInDays,
      confidence: norm(r.currentPerformanceRisk) === 'high' ? 'low' : 'medium',
      effort: 'low',
      tags: r.tags,
      informational: under,
      evidence: { memoryMb: r.currentMemorySize, recommendedMb: o?.memorySize, reasons: r.findingReasonCodes },
    },
    { kind: 'functions' },
  );
}

/** An ECS service recommendation: the task size of a Fargate service. */
function ingestEcs(r: OptimizerData['ecs'][number], notes: Note[], add: Add): void {
  const id = idFromArn(r.serviceArn) ?? '?';
  if (r.launchType && norm(r.launchType) !== 'fargate') return; // Compute Optimizer sizes Fargate services only
  const kind = sizing(r.finding, 'compute-optimizer:GetECSServiceRecommendations', id, notes);
  if (kind === 'none') return;
  const o = r.serviceRecommendationOptions?.[0];
  const cur = r.currentServiceConfiguration;
  add({
    ...RIGHTSIZE,
    ruleId: 'compute-optimizer:ecs-service',
    title: kind === 'over' ? 'ECS service on Fargate over-provisioned' : 'ECS service on Fargate under-provisioned',
    service: 'Amazon Elastic Container Service',
    severity: 'low',
    arn: r.serviceArn,
    accountId: r.accountId,
    what: `task size ${cur?.cpu ?? '?'} CPU units / ${cur?.memory ?? '?'} MB (CPU max ${metricValue(r.utilizationMetrics, 'Cpu') ?? '?'}%, memory max ${metricValue(r.utilizationMetrics, 'Memory') ?? '?'}%) could be ${o?.cpu ?? '?'} / ${o?.memory ?? '?'} MB`,
    saving: savingOf(o),
    lookbackDays: r.lookbackPeriodInDays,
    confidence: norm(r.currentPerformanceRisk) === 'high' ? 'low' : 'medium',
    effort: 'low',
    tags: r.tags,
    informational: kind === 'under',
    evidence: { cpu: cur?.cpu, memoryMb: cur?.memory, recommended: { cpu: o?.cpu, memoryMb: o?.memory } },
  });
}

/** An RDS recommendation: its instance class, then its storage. */
function ingestRds(r: OptimizerData['rds'][number], notes: Note[], add: Add): void {
  const id = idFromArn(r.resourceArn) ?? '?';
  if (norm(r.idle) === 'true') return; // GetIdleRecommendations proposes deleting it instead
  const kind = sizing(r.instanceFinding, 'compute-optimizer:GetRDSDatabaseRecommendations', id, notes);
  if (kind !== 'none') rdsInstance(r, kind, add);
  rdsStorage(r, add);
}

/** An RDS instance class over or under its needs. */
function rdsInstance(r: OptimizerData['rds'][number], kind: 'over' | 'under', add: Add): void {
  const o = top(r.instanceRecommendationOptions);
  add(
    {
      ...RIGHTSIZE,
      strategy: 'database-optimization',
      ruleId: 'compute-optimizer:rds-instance',
      title: kind === 'over' ? 'RDS instance over-provisioned' : 'RDS instance under-provisioned',
      service: SERVICES.rds,
      severity: kind === 'over' ? 'medium' : 'low',
      arn: r.resourceArn,
      accountId: r.accountId,
      what: `${r.engine ?? ''} ${r.currentDBInstanceClass ?? '?'} (CPU max ${metricValue(r.utilizationMetrics, 'CPU') ?? '?'}%)${cpuOnly(r.utilizationMetrics)}; Compute Optimizer suggests ${o?.dbInstanceClass ?? '?'}`.trim(),
      saving: savingOf(o),
      lookbackDays: r.lookbackPeriodInDays,
      confidence: confidenceOf(o?.performanceRisk),
      effort: 'medium',
      tags: r.tags,
      informational: kind === 'under',
      evidence: {
        instanceClass: r.currentDBInstanceClass,
        recommended: o?.dbInstanceClass,
        finding: r.instanceFinding,
      },
    },
    { kind: 'dbInstances' },
  );
}

/** RDS storage: only where it saves; a storage option at $0 (gp2 to gp3 on RDS is the same price) is not a finding. */
function rdsStorage(r: OptimizerData['rds'][number], add: Add): void {
  const s = top(r.storageRecommendationOptions);
  const storageSaving = savingOf(s);
  if (norm(r.storageFinding) === 'optimized' || !storageSaving || storageSaving.usd <= 0) return;
  add({
    action: 'modernize',
    strategy: 'database-optimization',
    wellArchitected: wa('COST06-BP02'),
    ruleId: 'compute-optimizer:rds-storage',
    title: 'RDS storage on a costlier configuration than it needs',
    service: SERVICES.rds,
    severity: 'low',
    arn: r.resourceArn,
    accountId: r.accountId,
    what: `${r.currentStorageConfiguration?.storageType ?? '?'} storage could be ${s?.storageConfiguration?.storageType ?? '?'}`,
    saving: storageSaving,
    lookbackDays: r.lookbackPeriodInDays,
    confidence: 'medium',
    effort: 'low',
    tags: r.tags,
    evidence: { storage: r.currentStorageConfiguration, recommended: s?.storageConfiguration },
  });
}

/** An idle, unattached or unused resource: a proposal to delete it. */
function ingestIdle(r: OptimizerData['idle'][number], notes: Note[], add: Add): void {
  const type = norm(r.resourceType);
  const f = norm(r.finding);
  if (!['idle', 'unattached', 'unused'].includes(f)) {
    unknownFinding(notes, 'compute-optimizer:GetIdleRecommendations', r.finding, `${r.resourceId ?? r.resourceArn}`);
    return;
  }
  const gone = IDLE_KINDS[type];
  add(
    {
      action: 'delete',
      strategy: 'unused-resources',
      wellArchitected: wa('COST04-BP03'),
      ruleId: 'compute-optimizer:idle',
      title: `${r.resourceType ?? 'Resource'} ${f}`,
      service: gone?.service ?? String(r.resourceType ?? ''),
      severity: 'medium',
      arn: r.resourceArn,
      accountId: r.accountId,
      resourceId: r.resourceId ?? idFromArn(r.resourceArn),
      what: `${r.resourceType ?? 'resource'} ${r.resourceId ?? ''} is ${f} (${(r.findingDescription ?? 'no usage').replace(/\.$/, '')})`,
      saving: savingOf(r),
      lookbackDays: r.lookBackPeriodInDays,
      confidence: 'high',
      effort: 'low',
      tags: r.tags,
      evidence: { resourceType: r.resourceType, finding: r.finding, metrics: r.utilizationMetrics },
    },
    gone?.kind ? { kind: gone.kind } : undefined,
  );
}

/** Compute Optimizer data to finding drafts and notes (what was unusable, gone or unknown). */
export function ingestComputeOptimizer(data: OptimizerData, ctx: IngestContext): Ingested {
  const notes: Note[] = [];
  const drafts: FindingDraft[] = [];
  if (data.enrollment === 'not-enrolled') return { drafts: [optInDraft(data, ctx)], notes };
  const add = adder(ctx, notes, drafts);
  for (const r of data.ec2) ingestEc2(r, notes, add);
  for (const r of data.asg) ingestAsg(r, notes, add);
  for (const r of data.ebs) ingestEbs(r, notes, add);
  for (const r of data.lambda) ingestLambda(r, notes, add);
  for (const r of data.ecs) ingestEcs(r, notes, add);
  for (const r of data.rds) ingestRds(r, notes, add);
  for (const r of data.idle) ingestIdle(r, notes, add);
  return { drafts, notes };
}

/** Idle resource types (normalized) to the service name and the inventory list that says whether it still exists. */
const IDLE_KINDS: Record<string, { service: string; kind?: ResourceKindKey }> = {
  ec2instance: { service: SERVICES.ec2, kind: 'instances' },
  autoscalinggroup: { service: SERVICES.ec2 },
  ebsvolume: { service: SERVICES.ec2Other, kind: 'volumes' },
  ecsservice: { service: 'Amazon Elastic Container Service' },
  rdsdbinstance: { service: SERVICES.rds, kind: 'dbInstances' },
  natgateway: { service: SERVICES.ec2Other, kind: 'natGateways' },
  dynamodbtable: { service: SERVICES.dynamodb },
  elasticachecluster: { service: SERVICES.elasticache },
};
