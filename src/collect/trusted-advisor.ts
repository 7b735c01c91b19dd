/**
 * Trusted Advisor's cost checks, where the account's support plan exposes them (Business, Enterprise On-Ramp or
 * Enterprise; the AWS Support API answers SubscriptionRequiredException otherwise, which is an opt-in note). Only the
 * checks that name a resource the inventory names the same way are read (TRUSTED_ADVISOR_CHECKS): the others mirror
 * Compute Optimizer, Cost Optimization Hub or the commitments analyzer, which are read already. The Support API is
 * answered in us-east-1 only; it costs nothing.
 */
import {
  DescribeTrustedAdvisorCheckResultCommand,
  DescribeTrustedAdvisorChecksCommand,
  SupportClient,
} from '@aws-sdk/client-support';
import type { Aws } from '../aws';
import type { Note } from '../domain/note';
import { guard } from './guard';

/** The Support API's only endpoint for Trusted Advisor. */
export const SUPPORT_REGION = 'us-east-1';

/** What kind of resource a check flags; the analyzer names its service. */
export type TrustedAdvisorResource =
  | 'instance'
  | 'volume'
  | 'db-instance'
  | 'load-balancer'
  | 'redshift-cluster'
  | 'function';

/**
 * The cost checks read, by check ID (AWS Trusted Advisor check reference), with what they propose and the kind of
 * resource they flag. The action names it as the rules do, so a rule's and Trusted Advisor's finding on one resource
 * merge.
 */
export const TRUSTED_ADVISOR_CHECKS: Record<
  string,
  { action: 'stop' | 'delete' | 'rightsize'; resource: TrustedAdvisorResource }
> = {
  Qch7DwouX1: { action: 'stop', resource: 'instance' }, // Low Utilization Amazon EC2 Instances
  DAvU99Dc4C: { action: 'delete', resource: 'volume' }, // Underutilized Amazon EBS Volumes
  Ti39halfu8: { action: 'delete', resource: 'db-instance' }, // Amazon RDS Idle DB Instances
  hjLMh88uM8: { action: 'delete', resource: 'load-balancer' }, // Idle Load Balancers (Classic)
  G31sQ1E9U: { action: 'stop', resource: 'redshift-cluster' }, // Underutilized Amazon Redshift Clusters
  COr6dfpM05: { action: 'rightsize', resource: 'function' }, // AWS Lambda over-provisioned functions for memory size
};

export interface TrustedAdvisorCheck {
  id: string;
  name: string;
  /** The column names of each flagged resource's metadata, in order. */
  columns: string[];
  flagged: { status: string; region?: string; metadata: (string | null)[] }[];
}

export interface TrustedAdvisorData {
  /** 'unavailable' when the support plan does not expose Trusted Advisor (or it could not be read). */
  status: 'read' | 'unavailable';
  checks: TrustedAdvisorCheck[];
}

/** The ingested cost checks' results; the plan not exposing them is a note, never a crash. */
export async function collectTrustedAdvisor(aws: Aws, notes: Note[]): Promise<TrustedAdvisorData> {
  const client = aws.client(SupportClient, SUPPORT_REGION);
  const listed = await guard(notes, { source: 'support:DescribeTrustedAdvisorChecks' }, async () => {
    const r = await client.send(new DescribeTrustedAdvisorChecksCommand({ language: 'en' }));
    return (r.checks ?? []).filter((c) => c.category === 'cost_optimizing' && c.id && TRUSTED_ADVISOR_CHECKS[c.id]);
  });
  if (!listed) return { status: 'unavailable', checks: [] };
  const checks: TrustedAdvisorCheck[] = [];
  for (const c of listed) {
    const id = c.id ?? '';
    const result = await guard(notes, { source: 'support:DescribeTrustedAdvisorCheckResult' }, () =>
      client.send(new DescribeTrustedAdvisorCheckResultCommand({ checkId: id, language: 'en' })),
    );
    if (!result?.result) continue;
    checks.push({
      id,
      name: c.name ?? id,
      columns: (c.metadata ?? []).map((m) => m ?? ''),
      flagged: (result.result.flaggedResources ?? [])
        .filter((f) => !f.isSuppressed && f.status !== 'ok')
        .map((f) => ({
          status: f.status ?? '',
          ...(f.region ? { region: f.region } : {}),
          metadata: f.metadata ?? [],
        })),
    });
  }
  return { status: 'read', checks };
}
