/**
 * Request rules from the API references (Cost Explorer's, Compute Optimizer's one-account rule and CloudTrail's
 * LookupEvents limits), checked before the sample account or a cassette answers, so a
 * request AWS would refuse with a ValidationException is refused offline too instead of being answered as valid.
 * API reference: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_Operations_AWS_Cost_Explorer_Service.html
 * (the pages API_GetCostAndUsage.html, API_GetSavingsPlansCoverage.html, API_GetReservationCoverage.html and
 * API_GetReservationUtilization.html beside it).
 */
type Input = Record<string, unknown>;

/** One rule of the API reference: what it says, and what is wrong with an input that breaks it (else undefined). */
export interface Constraint {
  service: string;
  /** The operations it holds for; every operation of the service when absent. */
  operations?: readonly string[];
  /** The API reference's words, quoted in the error. */
  rule: string;
  broken: (input: Input) => string | undefined;
}

const listed = (value: unknown): unknown[] | undefined => (Array.isArray(value) && value.length ? value : undefined);

/** End after Start, both present; date-times (HOURLY) and dates compare as instants. */
function periodProblem(input: Input): string | undefined {
  if (input.TimePeriod === undefined) return undefined;
  const { Start, End } = input.TimePeriod as { Start?: string; End?: string };
  if (!Start || !End) return `TimePeriod has no ${Start ? 'End' : 'Start'}`;
  return Date.parse(End) > Date.parse(Start) ? undefined : `TimePeriod ends (${End}) on or before it starts (${Start})`;
}

export const API_CONSTRAINTS: readonly Constraint[] = [
  {
    service: 'ce',
    operations: ['GetSavingsPlansCoverage', 'GetReservationCoverage', 'GetReservationUtilization'],
    rule: "Granularity can't be set if GroupBy is set",
    broken: (input) =>
      input.Granularity !== undefined && listed(input.GroupBy) ? 'Granularity and GroupBy are both set' : undefined,
  },
  {
    service: 'ce',
    operations: ['GetCostAndUsage'],
    rule: 'Granularity: Required: Yes',
    broken: (input) => (input.Granularity === undefined ? 'Granularity is missing' : undefined),
  },
  {
    service: 'ce',
    operations: ['GetCostAndUsage'],
    rule: 'Metrics: Required: Yes',
    // Only a missing list: the reference does not say whether an empty one is refused.
    broken: (input) => (input.Metrics === undefined ? 'Metrics is missing' : undefined),
  },
  {
    service: 'ce',
    operations: ['GetCostAndUsage'],
    rule: 'You can group Amazon Web Services costs using up to two different groups',
    broken: (input) => {
      const groups = listed(input.GroupBy)?.length ?? 0;
      return groups > 2 ? `GroupBy has ${groups} entries` : undefined;
    },
  },
  {
    service: 'ce',
    rule: 'The End date must be after the Start date',
    broken: periodProblem,
  },
  {
    // Compute Optimizer API reference, GetEC2InstanceRecommendations and the other Get*Recommendations: accountIds.
    service: 'compute-optimizer',
    rule: 'Only one account ID can be specified per request',
    broken: (input) => {
      const ids = listed(input.accountIds)?.length ?? 0;
      return ids > 1 ? `accountIds names ${ids} accounts` : undefined;
    },
  },
  {
    // CloudTrail API reference, LookupEvents: LookupAttributes.
    service: 'cloudtrail',
    operations: ['LookupEvents'],
    rule: 'Currently the list can contain only one item',
    broken: (input) => {
      const n = listed(input.LookupAttributes)?.length ?? 0;
      return n > 1 ? `LookupAttributes has ${n} items` : undefined;
    },
  },
  {
    // CloudTrail API reference, LookupEvents: MaxResults.
    service: 'cloudtrail',
    operations: ['LookupEvents'],
    rule: 'The number of events to return. Possible values are 1 through 50. The default is 50',
    broken: (input) => {
      const n = input.MaxResults;
      return typeof n === 'number' && (n < 1 || n > 50) ? `MaxResults is ${n}` : undefined;
    },
  },
];

/** What is wrong with the call by the first rule it breaks, as "<operation>: <what> (API reference: "<rule>")". */
export function violation(
  call: { service: string; operation: string; input: Input },
  constraints: readonly Constraint[] = API_CONSTRAINTS,
): string | undefined {
  for (const c of constraints) {
    if (c.service !== call.service || (c.operations && !c.operations.includes(call.operation))) continue;
    const what = c.broken(call.input);
    if (what) return `${call.operation}: ${what} (API reference: "${c.rule}")`;
  }
  return undefined;
}
