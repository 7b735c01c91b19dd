/**
 * AWS Cost Optimization Hub (ListRecommendations, every page) and, where Compute Optimizer is off, Cost Explorer's
 * GetRightsizingRecommendation as the fallback. Each Cost Explorer page is billed $0.01, so the fallback is only
 * called when asked for.
 */
import {
  CostExplorerClient,
  paginateGetRightsizingRecommendation,
  type RightsizingRecommendation,
} from '@aws-sdk/client-cost-explorer';
import {
  CostOptimizationHubClient,
  GetPreferencesCommand,
  paginateListRecommendations,
  type Recommendation,
} from '@aws-sdk/client-cost-optimization-hub';
import type { Aws } from '../aws';
import type { Note } from '../domain/note';
import { guard } from './guard';
import { itemsOf, pager } from './pages';

/** The Hub's only endpoint; it holds every region's recommendations. */
export const HUB_REGION = 'us-east-1';

export interface HubData {
  /** 'disabled' when the account (or organization) is not enrolled in Cost Optimization Hub. */
  enrollment: 'enrolled' | 'disabled' | 'unknown';
  recommendations: Recommendation[];
  /** The Hub's savingsEstimationMode preference: AfterDiscounts (its default) or BeforeDiscounts. */
  savingsEstimationMode?: string;
}

export const HUB_HOW =
  'enable it with `aws cost-optimization-hub update-enrollment-status --status Active` (from the management ' +
  'account to cover member accounts) or in the Billing and Cost Management console';

// The Hub has no dedicated "not enrolled" error: AWS answers AccessDenied or Validation with a message about enrolment.
const NOT_ENROLLED = /enrol|opt[- ]?in|not enabled|not active/i;

/** Every Cost Optimization Hub recommendation (the top one per resource). Not enabled is a note, never a crash. */
export async function collectHub(aws: Aws, notes: Note[]): Promise<HubData> {
  const client = aws.client(CostOptimizationHubClient, HUB_REGION);
  const source = 'cost-optimization-hub:ListRecommendations';
  let enrollment: HubData['enrollment'] = 'unknown';
  const recommendations = await guard(notes, { source }, async () => {
    try {
      return await itemsOf(paginateListRecommendations(pager(client), { maxResults: 1000 }), (r) => r.items);
    } catch (err) {
      if (!(err instanceof Error) || !NOT_ENROLLED.test(`${err.name} ${err.message}`)) throw err;
      enrollment = 'disabled';
      notes.push({ kind: 'disabled', source, message: `Cost Optimization Hub is not enabled: ${HUB_HOW}` });
      return undefined;
    }
  });
  if (!recommendations) return { enrollment, recommendations: [] };
  const preferences = await guard(notes, { source: 'cost-optimization-hub:GetPreferences' }, () =>
    client.send(new GetPreferencesCommand({})),
  );
  return {
    enrollment: 'enrolled',
    recommendations,
    ...(preferences?.savingsEstimationMode ? { savingsEstimationMode: preferences.savingsEstimationMode } : {}),
  };
}

export interface RightsizingData {
  recommendations: RightsizingRecommendation[];
  /** BenefitsConsidered: true means the savings already reflect RIs and Savings Plans (after discounts). */
  benefitsConsidered: boolean;
}

/**
 * Cost Explorer EC2 rightsizing, every page (NextPageToken, PageSize up to 6000 keeps it to one $0.01 page for
 * most accounts). Savings consider RI and Savings Plans benefits, so covered instances show what they really save.
 */
export async function collectRightsizing(aws: Aws, notes: Note[]): Promise<RightsizingData | undefined> {
  const client = aws.client(CostExplorerClient, aws.homeRegion);
  const Configuration = { RecommendationTarget: 'SAME_INSTANCE_FAMILY' as const, BenefitsConsidered: true };
  const recommendations = await guard(notes, { source: 'ce:GetRightsizingRecommendation' }, () =>
    itemsOf(
      paginateGetRightsizingRecommendation(pager(client), { Service: 'AmazonEC2', Configuration, PageSize: 6000 }),
      (r) => r.RightsizingRecommendations,
    ),
  );
  return recommendations && { recommendations, benefitsConsidered: Configuration.BenefitsConsidered };
}
