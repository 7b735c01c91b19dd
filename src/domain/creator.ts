/**
 * Who created a resource, as CloudTrail's event history recorded its create event: the vocabulary shared by the
 * collector that looks it up (src/collect/cloudtrail.ts), the owner candidates (src/analyze/tagging.ts) and the
 * snapshot that keeps each lookup so a resource is looked up once.
 */

/** The identity of a create event. */
export interface Creator {
  /** In words: `alice@example.com (SSO PowerUserAccess)`, `IAM user deploy-bot`, `role ci (session gh-42)`, `root`. */
  name: string;
  /**
   * What DURION_TEAM_MAP's `creator:` patterns are matched against, as CloudTrail spells them: the ARN, principal id,
   * user, role and session names, and the session issuer's ARN.
   */
  names: string[];
  /** The person-like name, where there is one: the IAM user's name or the role session's (often an email). */
  person?: string;
  /** The create event's name (RunInstances, CreateVolume) and time (ISO-8601). */
  event: string;
  at: string;
}

/** One resource's lookup as the snapshot keeps it: the creator, or why there is none. */
export interface CreatorLookup {
  /** The run that looked it up (YYYY-MM-DD). */
  asOf: string;
  creator?: Creator;
  /** Why no creator: created before CloudTrail's 90 days, or no create event names it. */
  missing?: string;
}

/** The key of a resource's lookup: account, region and id. */
export const creatorKey = (r: { accountId: string; region: string; id: string }): string =>
  `${r.accountId}|${r.region}|${r.id}`;
