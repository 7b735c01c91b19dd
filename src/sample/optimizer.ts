/**
 * The sample estate's Compute Optimizer and Cost Optimization Hub answers: every recommendation kind, shaped as the
 * real responses are (the Compute Optimizer service model as botocore publishes it; EC2
 * findings in their wire form OVER_PROVISIONED, the others CamelCase). Several resources are also in the sample
 * inventory, so the same instance or volume is proposed by a rule, Compute Optimizer and the Hub, and the bot must
 * merge them. Figures are us-east-1 On-Demand list prices x 730 h (m5.xlarge $0.192/h, c5.2xlarge $0.34/h, ...).
 */
import type { AwsCall } from '../aws/replay';
import type { SampleHandler } from './index';

const PROD = '111111111111';
const DEV = '333333333333';

/** Resource ids shared with the sample inventory (src/sample/inventory*.ts), so deduplication is exercised. */
export const SAMPLE_OPTIMIZER_IDS = {
  /** m5.xlarge in production, covered by the Compute Savings Plan: its saving is $0 until the plan ends. */
  coveredInstance: 'i-0a11ce5e5e5e50001',
  /** c5.2xlarge in production, over-provisioned: Compute Optimizer (after discounts) and the Hub both propose it. */
  oversizedInstance: 'i-0c5c5c5c5c5c50002',
  optimizedInstance: 'i-0b0b0b0b0b0b00004',
  /** Compute Optimizer still lists it; the inventory shows it is gone. */
  terminatedInstance: 'i-0dead0dead0dead05',
  gravitonInstance: 'i-0e0e0e0e0e0e00006',
  gp2Volume: 'vol-0a2a2a2a2a2a20001',
  io1Volume: 'vol-0b1b1b1b1b1b10002',
  unattachedVolume: 'vol-0ffffffffffff0003',
  unusedNat: 'nat-0a0a0a0a0a0a0a0a1',
} as const;

const ids = SAMPLE_OPTIMIZER_IDS;
const REFRESH = '2026-01-01T03:21:45.512Z';
const money = (value: number) => ({ currency: 'USD', value });
const saving = (value: number, pct: number) => ({
  savingsOpportunityPercentage: pct,
  estimatedMonthlySavings: money(value),
});
const ec2Arn = (region: string, account: string, kind: string, id: string) =>
  `arn:aws:ec2:${region}:${account}:${kind}/${id}`;

/** The refresh timestamp follows the as-of date: Compute Optimizer refreshes daily. */
const refreshed = (asOf: string) => `${asOf}T03:21:45.512Z`;

function ec2Recommendations(region: string, asOf: string) {
  const rec = (
    account: string,
    id: string,
    name: string,
    type: string,
    finding: string,
    cpuMax: number,
    options: unknown[],
    extra: Record<string, unknown> = {},
  ) => ({
    instanceArn: ec2Arn(region, account, 'instance', id),
    accountId: account,
    instanceName: name,
    currentInstanceType: type,
    finding,
    findingReasonCodes:
      finding === 'OVER_PROVISIONED'
        ? ['CPUOverprovisioned']
        : finding === 'UNDER_PROVISIONED'
          ? ['CPUUnderprovisioned']
          : [],
    utilizationMetrics: [{ name: 'Cpu', statistic: 'Maximum', value: cpuMax }],
    lookBackPeriodInDays: 14,
    recommendationOptions: options,
    lastRefreshTimestamp: refreshed(asOf),
    currentPerformanceRisk: 'VeryLow',
    instanceState: 'running',
    idle: 'False',
    tags: [{ key: 'team', value: 'erp-core' }],
    ...extra,
  });
  const option = (type: string, rank: number, risk: number, before: number, after?: number, extra = {}) => ({
    instanceType: type,
    projectedUtilizationMetrics: [{ name: 'Cpu', statistic: 'Maximum', value: 60 }],
    platformDifferences: [],
    performanceRisk: risk,
    rank,
    savingsOpportunity: saving(before, 50),
    ...(after === undefined ? {} : { savingsOpportunityAfterDiscounts: saving(after, 50) }),
    migrationEffort: 'VeryLow',
    ...extra,
  });
  if (region === 'eu-west-1') {
    return [
      // Same size on Graviton: a modernization the Graviton rule also proposes.
      rec(PROD, ids.gravitonInstance, 'erp-batch-eu', 'm5.large', 'OVER_PROVISIONED', 41.0, [
        option('m7g.large', 1, 1, 18.62, undefined, {
          platformDifferences: ['Architecture'],
          migrationEffort: 'Medium',
        }),
      ]),
    ];
  }
  if (region !== 'us-east-1') return [];
  return [
    // Public pricing only: the bot must scale it by the Savings Plans coverage of m5 (all of it).
    rec(PROD, ids.coveredInstance, 'erp-app-1', 'm5.xlarge', 'OVER_PROVISIONED', 24.1, [
      option('m5.large', 1, 1, 70.08),
    ]),
    rec(
      PROD,
      ids.oversizedInstance,
      'erp-batch',
      'c5.2xlarge',
      'OVER_PROVISIONED',
      9.8,
      [option('c5.xlarge', 1, 1, 124.1, 105.49), option('c6g.xlarge', 2, 2, 144.18, 122.55)],
      {
        utilizationMetrics: [
          { name: 'Cpu', statistic: 'Maximum', value: 9.8 },
          { name: 'Memory', statistic: 'Maximum', value: 31.0 },
        ],
        tags: [
          { key: 'owner', value: 'bob' },
          { key: 'team', value: 'data' },
        ],
      },
    ),
    rec(PROD, ids.optimizedInstance, 'bastion', 't3.small', 'OPTIMIZED', 35.0, [option('t4g.small', 1, 1, 3.07)]),
    rec(DEV, ids.terminatedInstance, 'old-build', 'c5.xlarge', 'OVER_PROVISIONED', 4.2, [
      option('c5.large', 1, 1, 62.05),
    ]),
  ];
}

function idleRecommendations(region: string, asOf: string) {
  const idle = (
    type: string,
    account: string,
    id: string,
    arn: string,
    finding: string,
    value: number,
    description: string,
  ) => ({
    resourceArn: arn,
    resourceId: id,
    resourceType: type,
    accountId: account,
    finding,
    findingDescription: description,
    savingsOpportunity: saving(value, 100),
    savingsOpportunityAfterDiscounts: saving(value, 100),
    utilizationMetrics: [],
    lookBackPeriodInDays: 14,
    lastRefreshTimestamp: refreshed(asOf),
    tags: [],
  });
  if (region === 'eu-west-1') {
    return [
      idle(
        'NatGateway',
        PROD,
        ids.unusedNat,
        ec2Arn(region, PROD, 'natgateway', ids.unusedNat),
        'Unused',
        32.85,
        'No active connections and a few KB a day over the lookback period.',
      ),
    ];
  }
  return [
    idle(
      'EBSVolume',
      PROD,
      ids.unattachedVolume,
      ec2Arn(region, PROD, 'volume', ids.unattachedVolume),
      'Unattached',
      16.0,
      'Volume not attached to any instance during the lookback period.',
    ),
    idle(
      'RDSDBInstance',
      PROD,
      'erp-reporting-old',
      `arn:aws:rds:${region}:${PROD}:db:erp-reporting-old`,
      'Idle',
      101.58,
      'No database connections during the lookback period.',
    ),
  ];
}

const usEast = <T>(region: string, items: T[]): T[] => (region === 'us-east-1' ? items : []);

function asgRecommendations(region: string, asOf: string) {
  return usEast(region, [
    {
      accountId: PROD,
      autoScalingGroupArn: `arn:aws:autoscaling:${region}:${PROD}:autoScalingGroup:7d1c2b3a-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/erp-web-asg`,
      autoScalingGroupName: 'erp-web-asg',
      finding: 'NOT_OPTIMIZED',
      utilizationMetrics: [{ name: 'Cpu', statistic: 'Maximum', value: 27.4 }],
      lookBackPeriodInDays: 14,
      currentConfiguration: {
        desiredCapacity: 4,
        instanceType: 'c5.2xlarge',
        maxSize: 8,
        minSize: 2,
        type: 'SingleInstanceType',
      },
      recommendationOptions: [
        {
          configuration: {
            desiredCapacity: 4,
            instanceType: 'c5.xlarge',
            maxSize: 8,
            minSize: 2,
            type: 'SingleInstanceType',
          },
          performanceRisk: 1,
          rank: 1,
          savingsOpportunity: saving(496.4, 50),
          migrationEffort: 'VeryLow',
        },
      ],
      lastRefreshTimestamp: refreshed(asOf),
      currentPerformanceRisk: 'VeryLow',
    },
  ]);
}

function ebsRecommendations(region: string, asOf: string) {
  const vol = (
    id: string,
    from: Record<string, unknown>,
    to: Record<string, unknown>,
    value: number,
    pct: number,
    risk: number,
  ) => ({
    volumeArn: ec2Arn(region, PROD, 'volume', id),
    accountId: PROD,
    currentConfiguration: from,
    finding: 'NotOptimized',
    utilizationMetrics: [{ name: 'VolumeReadOpsPerSecond', statistic: 'Maximum', value: 120 }],
    lookBackPeriodInDays: 14,
    volumeRecommendationOptions: [
      {
        configuration: to,
        performanceRisk: risk,
        rank: 1,
        savingsOpportunity: saving(value, pct),
        savingsOpportunityAfterDiscounts: saving(value, pct),
      },
    ],
    lastRefreshTimestamp: refreshed(asOf),
    currentPerformanceRisk: 'VeryLow',
    tags: [{ key: 'team', value: 'data' }],
  });
  return usEast(region, [
    vol(
      ids.gp2Volume,
      { volumeType: 'gp2', volumeSize: 500, volumeBaselineIOPS: 1500, volumeBurstIOPS: 3000, rootVolume: false },
      { volumeType: 'gp3', volumeSize: 500, volumeBaselineIOPS: 3000, volumeBurstIOPS: 3000, rootVolume: false },
      10.0,
      20,
      0,
    ),
    vol(
      ids.io1Volume,
      { volumeType: 'io1', volumeSize: 1000, volumeBaselineIOPS: 10000, volumeBurstIOPS: 10000, rootVolume: false },
      { volumeType: 'gp3', volumeSize: 1000, volumeBaselineIOPS: 10000, volumeBurstIOPS: 10000, rootVolume: false },
      655.0,
      84.52,
      1,
    ),
  ]);
}

function lambdaRecommendations(region: string, asOf: string) {
  const fn = (
    account: string,
    name: string,
    memory: number,
    finding: string,
    reasons: string[],
    options: unknown[],
  ) => ({
    functionArn: `arn:aws:lambda:${region}:${account}:function:${name}:$LATEST`,
    functionVersion: '$LATEST',
    accountId: account,
    currentMemorySize: memory,
    numberOfInvocations: 280_000,
    utilizationMetrics: [{ name: 'Memory', statistic: 'Maximum', value: 410 }],
    lookbackPeriodInDays: 14,
    lastRefreshTimestamp: refreshed(asOf),
    finding,
    findingReasonCodes: reasons,
    memorySizeRecommendationOptions: options,
    currentPerformanceRisk: 'Low',
    tags: [{ key: 'owner', value: 'erp-integrations' }],
  });
  return usEast(region, [
    // 600k invocations a month x 1.9 s x 1.9375 GB less, at $0.0000166667 per GB-second.
    fn(
      PROD,
      'erp-pdf-render',
      3008,
      'NotOptimized',
      ['MemoryOverprovisioned'],
      [{ rank: 1, memorySize: 1024, savingsOpportunity: saving(36.81, 65.96) }],
    ),
    fn(DEV, 'erp-api', 512, 'Unavailable', ['InsufficientData'], []),
  ]);
}

function ecsRecommendations(region: string, asOf: string) {
  return usEast(region, [
    {
      serviceArn: `arn:aws:ecs:${region}:${PROD}:service/erp-cluster/erp-api`,
      accountId: PROD,
      currentServiceConfiguration: { memory: 4096, cpu: 2048, autoScalingConfiguration: 'TargetTrackingScalingCpu' },
      utilizationMetrics: [
        { name: 'Cpu', statistic: 'Maximum', value: 34.0 },
        { name: 'Memory', statistic: 'Maximum', value: 41.5 },
      ],
      lookbackPeriodInDays: 14,
      launchType: 'Fargate',
      lastRefreshTimestamp: refreshed(asOf),
      finding: 'Overprovisioned',
      findingReasonCodes: ['CPUOverprovisioned', 'MemoryOverprovisioned'],
      serviceRecommendationOptions: [{ memory: 2048, cpu: 1024, savingsOpportunity: saving(108.12, 50) }],
      currentPerformanceRisk: 'Low',
      tags: [{ key: 'team', value: 'erp-core' }],
    },
  ]);
}

function rdsRecommendations(region: string, asOf: string) {
  return usEast(region, [
    {
      resourceArn: `arn:aws:rds:${region}:${PROD}:db:erp-prod-db`,
      accountId: PROD,
      engine: 'postgres',
      engineVersion: '16.4',
      currentDBInstanceClass: 'db.t3.large',
      currentStorageConfiguration: { storageType: 'gp2', allocatedStorage: 200, iops: 600 },
      idle: 'False',
      instanceFinding: 'Overprovisioned',
      storageFinding: 'NotOptimized',
      instanceFindingReasonCodes: ['CPUOverprovisioned'],
      currentInstancePerformanceRisk: 'VeryLow',
      instanceRecommendationOptions: [
        { dbInstanceClass: 'db.t3.medium', performanceRisk: 1, rank: 1, savingsOpportunity: saving(49.64, 50) },
      ],
      storageRecommendationOptions: [
        {
          storageConfiguration: { storageType: 'gp3', allocatedStorage: 200, iops: 3000, storageThroughput: 125 },
          rank: 1,
          savingsOpportunity: saving(0, 0),
        },
      ],
      utilizationMetrics: [{ name: 'CPU', statistic: 'Maximum', value: 12.0 }],
      lookbackPeriodInDays: 14,
      lastRefreshTimestamp: refreshed(asOf),
      tags: [{ key: 'team', value: 'erp-core' }],
    },
  ]);
}

/** One page of `items` as Compute Optimizer and the Hub page them: `nextToken` is the next offset. */
function page(call: AwsCall, key: string, items: unknown[]) {
  const max = Number(call.input.maxResults ?? 1000) || 1000;
  const from = Number(call.input.nextToken ?? 0) || 0;
  const next = from + max;
  return { [key]: items.slice(from, next), ...(next < items.length ? { nextToken: String(next) } : {}), errors: [] };
}

function hubRecommendations() {
  const rec = (
    n: number,
    account: string,
    resourceType: string,
    id: string,
    arn: string | undefined,
    actionType: string,
    current: string,
    recommended: string,
    monthly: number,
    cost: number,
    extra: Record<string, unknown> = {},
  ) => ({
    recommendationId: `c2FtcGxlLWh1Yi0${n}`,
    accountId: account,
    region: 'us-east-1',
    resourceId: id,
    ...(arn ? { resourceArn: arn } : {}),
    currentResourceType: resourceType,
    recommendedResourceType: resourceType,
    estimatedMonthlySavings: monthly,
    estimatedSavingsPercentage: cost > 0 ? Math.round((monthly / cost) * 10000) / 100 : 0,
    estimatedMonthlyCost: cost,
    currencyCode: 'USD',
    implementationEffort: 'VeryLow',
    restartNeeded: true,
    actionType,
    rollbackPossible: true,
    currentResourceSummary: current,
    recommendedResourceSummary: recommended,
    lastRefreshTimestamp: REFRESH,
    recommendationLookbackPeriodInDays: 14,
    source: 'ComputeOptimizer',
    tags: [],
    ...extra,
  });
  return [
    rec(
      1,
      PROD,
      'Ec2Instance',
      ids.oversizedInstance,
      ec2Arn('us-east-1', PROD, 'instance', ids.oversizedInstance),
      'Rightsize',
      'c5.2xlarge',
      'c5.xlarge',
      105.49,
      248.2,
    ),
    rec(
      2,
      PROD,
      'EbsVolume',
      ids.unattachedVolume,
      ec2Arn('us-east-1', PROD, 'volume', ids.unattachedVolume),
      'Delete',
      '200 GiB gp3',
      'delete',
      16.0,
      16.0,
      { restartNeeded: false, rollbackPossible: false },
    ),
    rec(
      3,
      PROD,
      'LambdaFunction',
      'erp-thumbnailer',
      `arn:aws:lambda:us-east-1:${PROD}:function:erp-thumbnailer`,
      'MigrateToGraviton',
      'x86_64 1024 MB',
      'arm64 1024 MB',
      6.12,
      30.6,
      { implementationEffort: 'Low', restartNeeded: false },
    ),
    rec(
      4,
      DEV,
      'Ec2Instance',
      'i-0de5de5de5de50008',
      ec2Arn('us-east-1', DEV, 'instance', 'i-0de5de5de5de50008'),
      'Stop',
      'm5.large',
      'stopped outside working hours',
      50.37,
      70.08,
      { implementationEffort: 'Low', restartNeeded: true },
    ),
    rec(
      5,
      PROD,
      'ComputeSavingsPlans',
      PROD,
      undefined,
      'PurchaseSavingsPlans',
      'On-Demand compute',
      'Compute Savings Plan $0.350/h, 1 year, no upfront',
      101.2,
      255.5,
      { restartNeeded: false, rollbackPossible: false, source: 'CostExplorer', implementationEffort: 'VeryLow' },
    ),
  ];
}

/** Compute Optimizer and Cost Optimization Hub answers for the sample estate. */
export const optimizerHandlers: Record<string, SampleHandler> = {
  'compute-optimizer:GetEC2InstanceRecommendations': (call, o) =>
    page(call, 'instanceRecommendations', ec2Recommendations(call.region, o.asOf)),
  'compute-optimizer:GetAutoScalingGroupRecommendations': (call, o) =>
    page(call, 'autoScalingGroupRecommendations', asgRecommendations(call.region, o.asOf)),
  'compute-optimizer:GetEBSVolumeRecommendations': (call, o) =>
    page(call, 'volumeRecommendations', ebsRecommendations(call.region, o.asOf)),
  'compute-optimizer:GetLambdaFunctionRecommendations': (call, o) => {
    const { errors: _none, ...rest } = page(
      call,
      'lambdaFunctionRecommendations',
      lambdaRecommendations(call.region, o.asOf),
    );
    return rest;
  },
  'compute-optimizer:GetECSServiceRecommendations': (call, o) =>
    page(call, 'ecsServiceRecommendations', ecsRecommendations(call.region, o.asOf)),
  'compute-optimizer:GetRDSDatabaseRecommendations': (call, o) =>
    page(call, 'rdsDBRecommendations', rdsRecommendations(call.region, o.asOf)),
  'compute-optimizer:GetIdleRecommendations': (call, o) =>
    page(call, 'idleRecommendations', idleRecommendations(call.region, o.asOf)),
  'cost-optimization-hub:ListRecommendations': (call) => {
    const { errors: _none, ...rest } = page(call, 'items', hubRecommendations());
    return rest;
  },
  'cost-optimization-hub:GetPreferences': () => ({
    savingsEstimationMode: 'AfterDiscounts',
    memberAccountDiscountVisibility: 'All',
  }),
};
