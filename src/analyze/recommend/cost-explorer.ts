/**
 * Cost Explorer EC2 rightsizing (the fallback where Compute Optimizer is off) as finding drafts. Read with RI and
 * Savings Plans benefits considered, so the figure is after discounts and instances covered by a commitment save $0
 * (as in the anonymised export of awslabs/aws-well-architected-labs, 100_AWS_Resource_Optimization); the covered
 * hours go into the evidence.
 */

import { Amounts } from '../../collect/amounts';
import type { RightsizingData } from '../../collect/hub';
import type { FindingDraft } from '../../domain/finding';
import { usdCents } from '../../domain/money';
import type { Note } from '../../domain/note';
import { SERVICES, wa } from '../rules/define-rule';
import { type Ingested, norm } from './common';
import type { IngestContext } from './optimizer';

/** Cost Explorer names regions by their long names; findings use codes. */
export const REGION_CODES: Record<string, string> = {
  'US East (N. Virginia)': 'us-east-1',
  'US East (Ohio)': 'us-east-2',
  'US West (N. California)': 'us-west-1',
  'US West (Oregon)': 'us-west-2',
  'Africa (Cape Town)': 'af-south-1',
  'Asia Pacific (Hong Kong)': 'ap-east-1',
  'Asia Pacific (Mumbai)': 'ap-south-1',
  'Asia Pacific (Hyderabad)': 'ap-south-2',
  'Asia Pacific (Tokyo)': 'ap-northeast-1',
  'Asia Pacific (Seoul)': 'ap-northeast-2',
  'Asia Pacific (Osaka)': 'ap-northeast-3',
  'Asia Pacific (Singapore)': 'ap-southeast-1',
  'Asia Pacific (Sydney)': 'ap-southeast-2',
  'Asia Pacific (Jakarta)': 'ap-southeast-3',
  'Asia Pacific (Melbourne)': 'ap-southeast-4',
  'Canada (Central)': 'ca-central-1',
  'EU (Frankfurt)': 'eu-central-1',
  'EU (Zurich)': 'eu-central-2',
  'EU (Ireland)': 'eu-west-1',
  'EU (London)': 'eu-west-2',
  'EU (Paris)': 'eu-west-3',
  'EU (Milan)': 'eu-south-1',
  'EU (Spain)': 'eu-south-2',
  'EU (Stockholm)': 'eu-north-1',
  'Middle East (Bahrain)': 'me-south-1',
  'Middle East (UAE)': 'me-central-1',
  'South America (Sao Paulo)': 'sa-east-1',
};

/** Cost Explorer rightsizing rows to drafts. A row whose region or savings cannot be read is a note. */
export function ingestRightsizing(data: RightsizingData, ctx: IngestContext): Ingested {
  const notes: Note[] = [];
  const drafts: FindingDraft[] = [];
  const n = new Amounts('ce:GetRightsizingRecommendation', 'rightsizing figures');
  for (const r of data.recommendations) {
    const cur = r.CurrentInstance;
    const details = cur?.ResourceDetails?.EC2ResourceDetails;
    const id = cur?.ResourceId;
    const region = REGION_CODES[details?.Region ?? ''];
    const type = norm(r.RightsizingType);
    if (!id || !region || (type !== 'modify' && type !== 'terminate')) {
      notes.push({
        kind: 'error',
        source: 'ce:GetRightsizingRecommendation',
        message: `row for ${id ?? '?'} skipped: ${!region ? `unknown region "${details?.Region ?? ''}"` : `rightsizing type "${String(r.RightsizingType)}"`}`,
      });
      continue;
    }
    const target =
      r.ModifyRecommendationDetail?.TargetInstances?.find((t) => t.DefaultTargetInstance) ??
      r.ModifyRecommendationDetail?.TargetInstances?.[0];
    const saving = n.maybe(
      type === 'terminate' ? r.TerminateRecommendationDetail?.EstimatedMonthlySavings : target?.EstimatedMonthlySavings,
      id,
    );
    const hours = {
      reserved: n.usd(cur?.ReservationCoveredHoursInLookbackPeriod, id),
      savingsPlans: n.usd(cur?.SavingsPlansCoveredHoursInLookbackPeriod, id),
      total: n.usd(cur?.TotalRunningHoursInLookbackPeriod, id),
    };
    const util = cur?.ResourceUtilization?.EC2ResourceUtilization;
    const cpuOnly =
      n.maybe(util?.MaxMemoryUtilizationPercentage, id) === undefined ? ' (CPU-only: no memory metrics)' : '';
    const priced = saving !== undefined && saving > 0;
    const after = data.benefitsConsidered ? 'after discounts' : 'before discounts';
    const money =
      saving === undefined
        ? 'Cost Explorer gave no savings estimate'
        : priced
          ? `saves ${usdCents(saving)} a month ${after}`
          : `saves $0.00 a month ${after}${hours.reserved + hours.savingsPlans > 0 ? ': its hours are covered by a Reserved Instance or Savings Plan' : ''}`;
    const what =
      type === 'terminate'
        ? `${details?.InstanceType ?? '?'} looks unused (CPU max ${util?.MaxCpuUtilizationPercentage || '?'}%)`
        : `${details?.InstanceType ?? '?'} could be ${target?.ResourceDetails?.EC2ResourceDetails?.InstanceType ?? '?'} (CPU max ${util?.MaxCpuUtilizationPercentage || '?'}%)`;
    drafts.push({
      source: 'cost-explorer',
      action: type === 'terminate' ? 'delete' : 'rightsize',
      ruleId: `cost-explorer:ec2-${type}`,
      title: type === 'terminate' ? 'EC2 instance idle' : 'EC2 instance over-provisioned',
      strategy: type === 'terminate' ? 'unused-resources' : 'right-sizing',
      wellArchitected: wa(type === 'terminate' ? 'COST04-BP03' : 'COST06-BP02'),
      severity: 'medium',
      accountId: r.AccountId ?? ctx.accountId,
      region,
      service: SERVICES.ec2,
      resourceId: id,
      status: priced ? 'alarm' : 'info',
      reason: `${what}${cpuOnly} over ${hours.total || '?'} running hours; ${money}.`,
      monthlySavingsUsd: priced ? saving : 0,
      savingsMethod: priced ? 'cost-explorer-recommendation' : 'none',
      savingsBasis: priced ? `Cost Explorer rightsizing estimate ${after}, per month` : 'no saving estimated',
      confidence: 'medium',
      effort: type === 'terminate' ? 'low' : 'medium',
      evidence: {
        'cost-explorer': {
          instanceType: details?.InstanceType,
          afterDiscounts: data.benefitsConsidered,
          coveredHours: hours,
          monthlyCost: n.maybe(cur?.MonthlyCost, id),
          reasons: r.FindingReasonCodes,
        },
      },
    });
  }
  n.note(notes);
  return { drafts, notes };
}
