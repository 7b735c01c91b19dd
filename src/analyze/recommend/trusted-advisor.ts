/**
 * Trusted Advisor's cost checks as finding drafts: one per flagged resource, its id from the check's id column
 * (Instance ID, Volume ID, DB Instance Name, Load Balancer Name, Cluster, Function ARN cut to the name the inventory
 * uses), its figure from the check's estimated monthly savings column. Trusted Advisor prices at On-Demand rates,
 * before discounts, as of its last refresh; the basis says so. Drafts merge per resource and action with the rules',
 * Compute Optimizer's and the Hub's, which rank above it when they price the same action.
 */
import {
  TRUSTED_ADVISOR_CHECKS,
  type TrustedAdvisorData,
  type TrustedAdvisorResource,
} from '../../collect/trusted-advisor';
import type { FindingDraft } from '../../domain/finding';
import { usdCents } from '../../domain/money';
import type { Note } from '../../domain/note';
import { SERVICES, wa } from '../rules/define-rule';
import { type Ingested, idFromArn } from './common';
import type { IngestContext } from './optimizer';

const SERVICE_OF: Record<TrustedAdvisorResource, string> = {
  instance: SERVICES.ec2,
  volume: SERVICES.ec2Other,
  'db-instance': SERVICES.rds,
  'load-balancer': SERVICES.elb,
  'redshift-cluster': 'Amazon Redshift',
  function: SERVICES.lambda,
};

const ID_COLUMN =
  /^(instance id|volume id|db instance (name|id)|load balancer name|cluster( id)?|function (arn|name))$/i;
const SAVINGS_COLUMN = /estimated monthly savings|monthly storage cost/i;
const REGION_COLUMN = /^region/i;

/** "$1,234.50" or "1234.5" as a number; undefined when it is not one. */
const dollars = (text: string | null | undefined): number | undefined => {
  if (!text) return undefined;
  const n = Number(text.replace(/[$,\s]/g, ''));
  return Number.isFinite(n) ? n : undefined;
};

/** The draft of one flagged resource, or a note saying why it has none. */
function draftOf(
  check: TrustedAdvisorData['checks'][number],
  flagged: TrustedAdvisorData['checks'][number]['flagged'][number],
  ctx: IngestContext,
): FindingDraft | string {
  const spec = TRUSTED_ADVISOR_CHECKS[check.id];
  const at = (re: RegExp) => {
    const i = check.columns.findIndex((c) => re.test(c.trim()));
    return i < 0 ? undefined : (flagged.metadata[i] ?? undefined);
  };
  const raw = at(ID_COLUMN);
  const resourceId = raw?.startsWith('arn:') ? idFromArn(raw) : raw;
  if (!spec || !resourceId) return `a flagged resource of "${check.name}" names no resource id`;
  const savingsText = at(SAVINGS_COLUMN);
  const saving = dollars(savingsText);
  if (savingsText && saving === undefined)
    return `"${check.name}" on ${resourceId}: savings "${savingsText}" is not a number`;
  const priced = saving !== undefined && saving > 0;
  // The Region column may hold an Availability Zone ("us-east-1a").
  const region = flagged.region ?? at(REGION_COLUMN)?.replace(/[a-z]$/, '') ?? ctx.homeRegion;
  const evidence = Object.fromEntries(check.columns.map((c, i) => [c, flagged.metadata[i] ?? null]));
  return {
    source: 'trusted-advisor',
    action: spec.action,
    ruleId: `trusted-advisor:${check.id}`,
    title: `Trusted Advisor: ${check.name}`,
    strategy: spec.action === 'rightsize' ? 'right-sizing' : 'unused-resources',
    wellArchitected: wa(spec.action === 'rightsize' ? 'COST06-BP02' : 'COST04-BP03'),
    severity: 'medium',
    accountId: ctx.accountId,
    region,
    service: SERVICE_OF[spec.resource],
    resourceId,
    status: priced ? 'alarm' : 'info',
    reason: `Trusted Advisor flags ${resourceId} (${check.name}, ${flagged.status})${priced ? `; it estimates ${usdCents(saving)} a month` : '; no savings estimate'}.`,
    monthlySavingsUsd: priced ? saving : 0,
    savingsMethod: priced ? 'trusted-advisor' : 'none',
    savingsBasis: priced
      ? "Trusted Advisor estimate at On-Demand prices (before discounts), per month, as of the check's last refresh"
      : 'no saving estimated',
    confidence: 'medium',
    effort: 'low',
    evidence: { 'trusted-advisor': { checkId: check.id, status: flagged.status, ...evidence } },
  };
}

/** Every flagged resource of the ingested checks; what cannot be read is one note per check. */
export function ingestTrustedAdvisor(data: TrustedAdvisorData | undefined, ctx: IngestContext): Ingested {
  const drafts: FindingDraft[] = [];
  const notes: Note[] = [];
  for (const check of data?.checks ?? []) {
    const problems: string[] = [];
    for (const flagged of check.flagged) {
      const draft = draftOf(check, flagged, ctx);
      if (typeof draft === 'string') problems.push(draft);
      else drafts.push(draft);
    }
    if (problems.length) {
      notes.push({
        kind: 'error',
        source: 'support:DescribeTrustedAdvisorCheckResult',
        message: `${problems.length} flagged resource(s) skipped, e.g. ${problems[0]}`,
      });
    }
  }
  return { drafts, notes };
}
