/** SDK client class name to the AWS CLI service name used in cassette folders and call counts. */
export const SERVICE_NAMES: Record<string, string> = {
  CostExplorerClient: 'ce',
  ComputeOptimizerClient: 'compute-optimizer',
  CostOptimizationHubClient: 'cost-optimization-hub',
  EC2Client: 'ec2',
  ElasticLoadBalancingV2Client: 'elbv2',
  ElasticLoadBalancingClient: 'elb',
  RDSClient: 'rds',
  CloudWatchClient: 'cloudwatch',
  CloudWatchLogsClient: 'logs',
  S3Client: 's3',
  SNSClient: 'sns',
  STSClient: 'sts',
  OrganizationsClient: 'organizations',
  PricingClient: 'pricing',
  LambdaClient: 'lambda',
  ElastiCacheClient: 'elasticache',
  BudgetsClient: 'budgets',
  AutoScalingClient: 'autoscaling',
  ApplicationAutoScalingClient: 'application-autoscaling',
  DynamoDBClient: 'dynamodb',
  SSMClient: 'ssm',
  SavingsplansClient: 'savingsplans',
  SupportClient: 'support',
  RedshiftClient: 'redshift',
  KinesisClient: 'kinesis',
};

/** The CLI service name for a client, falling back to the class name without "Client". */
export const serviceName = (clientName: string): string =>
  SERVICE_NAMES[clientName] ?? clientName.replace(/Client$/, '').toLowerCase();

/** Services whose timestamps are plain strings in the SDK (Cost Explorer dates), so replay must not make Dates. */
export const STRING_DATE_SERVICES = new Set(['ce']);
