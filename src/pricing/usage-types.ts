/**
 * What the bill calls a unit price: Cost Explorer's USAGE_TYPE. A usage type is a region's billing code and a name,
 * e.g. `EU-EBS:VolumeUsage.gp2` (in us-east-1 also without the code: `BoxUsage:m5.large`). Checking a claimed saving
 * against the bill measures the usage types its price was built from.
 *
 * Region billing codes: "AWS Region billing codes", AWS Regions and Availability Zones guide
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html) for North America,
 * Africa and Asia Pacific; Europe, the Middle East, South America and GovCloud from "Understanding your AWS billing and
 * usage reports for Amazon S3" (Amazon S3 User Guide, aws-usage-report-understand.html), which also says us-east-1
 * usage types come with `USE1` or no prefix. A region not listed has no usage type we can name: its claims are said
 * to be not checkable, never guessed.
 *
 * Names: as Cost Explorer's USAGE_TYPE dimension reports them (EC2 `BoxUsage:<type>`, EBS `EBS:VolumeUsage.<type>`
 * with `piops` for io1, RDS `InstanceUsage:` and `Multi-AZUsage:<class>`, ElastiCache `NodeUsage:<type>`; AWS CLI's
 * `ce get-dimension-values --dimension USAGE_TYPE` example and the EC2, EBS and RDS pricing pages; OpenSearch
 * `ESInstance:<type>` without its `.search` suffix, SageMaker `Host:<type>` and `Notebk:<type>`, as public cost tooling
 * quotes them from Cost Explorer and the Price List, data/PROVENANCE.md). A price whose usage type other services share
 * (`TimedStorage-ByteHrs` is S3, EFS and CloudWatch Logs at once) maps to none: a drop in it would not say whose it
 * was. Nor does a price scaled from another size (`... scaled ×4 to ...`): the bill names the scaled class.
 */

export const REGION_BILLING_CODES: Readonly<Record<string, string>> = {
  'us-east-1': 'USE1',
  'us-east-2': 'USE2',
  'us-west-1': 'USW1',
  'us-west-2': 'USW2',
  'ca-central-1': 'CAN1',
  'ca-west-1': 'CAN2',
  'mx-central-1': 'MXC1',
  'af-south-1': 'AFS1',
  'ap-east-1': 'APE1',
  'ap-east-2': 'APE2',
  'ap-northeast-1': 'APN1',
  'ap-northeast-2': 'APN2',
  'ap-northeast-3': 'APN3',
  'ap-southeast-1': 'APS1',
  'ap-southeast-2': 'APS2',
  'ap-south-1': 'APS3',
  'ap-southeast-3': 'APS4',
  'ap-south-2': 'APS5',
  'ap-southeast-4': 'APS6',
  'ap-southeast-5': 'APS7',
  'ap-southeast-6': 'APS8',
  'ap-southeast-7': 'APS9',
  'eu-west-1': 'EU',
  'eu-west-2': 'EUW2',
  'eu-west-3': 'EUW3',
  'eu-central-1': 'EUC1',
  'eu-north-1': 'EUN1',
  'eu-south-1': 'EUS1',
  'me-south-1': 'MES1',
  'sa-east-1': 'SAE1',
  'us-gov-west-1': 'UGW1',
};

/** Price keys (src/pricing/data) to the usage type they are billed under, region code left out. */
const USAGE_TYPES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^ebs\.(gp2|gp3|io2|st1|sc1)\.storage$/, (m) => `EBS:VolumeUsage.${m[1]}`],
  [/^ebs\.io1\.storage$/, () => 'EBS:VolumeUsage.piops'],
  [/^ebs\.standard\.storage$/, () => 'EBS:VolumeUsage'],
  [/^ebs\.standard\.io_requests$/, () => 'EBS:VolumeIOUsage'],
  [/^ebs\.gp3\.iops_over_3000$/, () => 'EBS:VolumeP-IOPS.gp3'],
  [/^ebs\.gp3\.throughput_over_125$/, () => 'EBS:VolumeP-Throughput.gp3'],
  [/^ebs\.io1\.iops$/, () => 'EBS:VolumeP-IOPS.piops'],
  [/^ebs\.io2\.iops/, () => 'EBS:VolumeP-IOPS.io2'],
  [/^ebs\.snapshot\.standard$/, () => 'EBS:SnapshotUsage'],
  [/^ebs\.snapshot\.archive$/, () => 'EBS:SnapshotArchiveStorage'],
  [/^vpc\.public_ipv4$/, () => 'PublicIPv4:IdleAddress'],
  [/^vpc\.nat_gateway\.hour$/, () => 'NatGateway-Hours'],
  [/^vpc\.nat_gateway\.data_processed$/, () => 'NatGateway-Bytes'],
  [/^elb\.(alb|nlb|clb)\.hour$/, () => 'LoadBalancerUsage'],
  [/^elb\.(alb\.lcu|nlb\.nlcu)_hour$/, () => 'LCUUsage'],
  [/^rds\.[a-z-]+\.(db\.[a-z0-9]+\.[a-z0-9]+)\.single_az$/, (m) => `InstanceUsage:${m[1]}`],
  [/^rds\.[a-z-]+\.(db\.[a-z0-9]+\.[a-z0-9]+)\.multi_az$/, (m) => `Multi-AZUsage:${m[1]}`],
  [/^rds\.storage\.(gp2|gp3)$/, (m) => `RDS:${m[1]?.toUpperCase()}-Storage`],
  [/^rds\.storage\.io1$/, () => 'RDS:PIOPS-Storage'],
  [/^rds\.backup_storage_additional$/, () => 'RDS:ChargedBackupUsage'],
  [/^elasticache\.(cache\.[a-z0-9]+\.[a-z0-9]+)$/, (m) => `NodeUsage:${m[1]}`],
  [/^opensearch\.(?!ultrawarm)([a-z0-9]+\.[a-z0-9]+)\.search$/, (m) => `ESInstance:${m[1]}`],
  [/^sagemaker\.host\.(ml\.[a-z0-9]+\.[a-z0-9]+)$/, (m) => `Host:${m[1]}`],
  [/^sagemaker\.notebook\.(ml\.[a-z0-9]+\.[a-z0-9]+)$/, (m) => `Notebk:${m[1]}`],
  [/^lambda\.duration_x86/, () => 'Lambda-GB-Second'],
  [/^lambda\.duration_arm/, () => 'Lambda-GB-Second-ARM'],
  [/^fargate\.linux_x86\.vcpu_hour$/, () => 'Fargate-vCPU-Hours:perCPU'],
  [/^fargate\.linux_x86\.gb_hour$/, () => 'Fargate-GB-Hours'],
  [/^dynamodb\.rcu_hour$/, () => 'ReadCapacityUnit-Hrs'],
  [/^dynamodb\.wcu_hour$/, () => 'WriteCapacityUnit-Hrs'],
  [/^ec2\.cpu_credits/, () => 'CPUCredits:t3'],
  [/^ec2\.([a-z0-9-]+\.[a-z0-9]+)$/, (m) => `BoxUsage:${m[1]}`],
];

/** The usage type a price key is billed under (without the region code), or undefined when it has none of its own. */
export function usageTypeOf(priceKey: string): string | undefined {
  if (known.has(priceKey)) return known.get(priceKey);
  let found: string | undefined;
  for (const [re, name] of USAGE_TYPES) {
    const m = re.exec(priceKey);
    if (m) {
      found = name(m);
      break;
    }
  }
  known.set(priceKey, found);
  return found;
}

/** Each key's usage type once worked out: every estimate asks (the catalog prices tens of thousands a run). */
const known = new Map<string, string | undefined>();

/**
 * The USAGE_TYPE values a usage type has in a region's bill: `<code>-<name>`, and in us-east-1 the bare name too.
 * Empty for a region with no billing code we know.
 */
export function billedUsageTypes(usageType: string, region: string): string[] {
  const code = REGION_BILLING_CODES[region];
  if (!code) return [];
  return region === 'us-east-1' ? [`${code}-${usageType}`, usageType] : [`${code}-${usageType}`];
}

const REGION_OF_CODE = new Map(Object.entries(REGION_BILLING_CODES).map(([region, code]) => [code, region]));

/**
 * The region a usage type is billed in, from the billing code it starts with: `EU-NatGateway-Hours` is eu-west-1's, a
 * transfer `USE1-EUC1-AWS-Out-Bytes` is billed where it leaves (us-east-1), a name with no code is us-east-1's (the
 * S3 guide above), and KMS names the region itself (`eu-west-1-KMS-Requests`). Undefined for a code not in the table.
 * Global services (CloudFront, Route 53) start with edge-location codes instead, which this does not read.
 */
export function regionOfUsageType(usageType: string): string | undefined {
  const named = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)-/.exec(usageType)?.[1];
  if (named) return named;
  const code = /^([A-Z]{2,4}\d{0,2})-/.exec(usageType)?.[1];
  return code === undefined ? 'us-east-1' : REGION_OF_CODE.get(code);
}
