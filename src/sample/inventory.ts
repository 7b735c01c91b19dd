/**
 * The sample estate's resources as EC2, ELB, RDS, CloudWatch, Logs, S3, Lambda, DynamoDB, Application Auto Scaling
 * and ElastiCache answer for them, shaped like the real responses (AWS CLI examples: aws/aws-cli
 * awscli/examples/{ec2,elb,elbv2,rds}, Apache-2.0). Timestamps follow the as-of date, so every run sees the same ages.
 */

import { type AwsCall, awsError } from '../aws/replay';
import { addDays } from '../dates';
import type { SampleHandler, SampleOptions } from './index';
import {
  ADDRESSES,
  BUCKETS,
  CACHE_CLUSTERS,
  DB_INSTANCES,
  DB_SNAPSHOTS,
  DENIED_REGION,
  FUNCTIONS,
  IMAGES,
  INSTANCES,
  LOAD_BALANCERS,
  LOG_GROUPS,
  NAT_GATEWAYS,
  PROD,
  RESERVED,
  SAMPLE_REGIONS,
  SNAPSHOTS,
  TABLES,
  VOLUMES,
} from './inventory-estate';

const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;

/** The ISO time `days` before the as-of date (at 09:30 UTC, a working hour). */
const ago = (o: SampleOptions, days: number): string => `${addDays(o.asOf, -days)}T09:30:00.000Z`;

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** Resources of the region the call is for; the denied region refuses every call, as an SCP would. */
function inRegion<T extends { region: string }>(call: AwsCall, items: readonly T[]): T[] {
  if (call.region === DENIED_REGION) {
    throw awsError(
      'UnauthorizedOperation',
      `You are not authorized to perform this operation. (region ${DENIED_REGION} is denied by a service control policy)`,
    );
  }
  return items.filter((i) => i.region === call.region);
}

/** One page of `items` of at most `size`, continued by a numeric token in `tokenKey`. */
function paged<T>(call: AwsCall, items: T[], listKey: string, tokenIn: string, tokenOut: string, size: number) {
  const start = Number(call.input[tokenIn] ?? 0);
  const next = start + size;
  return { [listKey]: items.slice(start, next), ...(next < items.length ? { [tokenOut]: String(next) } : {}) };
}

const lbArn = (region: string, suffix: string) =>
  `arn:aws:elasticloadbalancing:${region}:${PROD}:loadbalancer/${suffix}`;
const tgArn = (region: string, name: string) =>
  `arn:aws:elasticloadbalancing:${region}:${PROD}:targetgroup/${name}-tg/73e2d6bc24d8a067`;

/** Daily levels of every sample metric, by `namespace|metric|dimension value`. */
const LEVELS = new Map<string, number>([
  ...INSTANCES.flatMap((i) => Object.entries(i.metrics).map(([m, v]) => [`AWS/EC2|${m}|${i.id}`, v] as const)),
  ...NAT_GATEWAYS.flatMap((n) =>
    Object.entries(n.metrics).map(([m, v]) => [`AWS/NATGateway|${m}|${n.id}`, v] as const),
  ),
  ...LOAD_BALANCERS.flatMap((lb) =>
    Object.entries(lb.metrics).map(([m, v]) => {
      const ns = { application: 'AWS/ApplicationELB', network: 'AWS/NetworkELB', classic: 'AWS/ELB' }[lb.kind];
      return [`${ns}|${m}|${lb.kind === 'classic' ? lb.name : lb.suffix}`, v] as const;
    }),
  ),
  ...DB_INSTANCES.flatMap((d) => Object.entries(d.metrics).map(([m, v]) => [`AWS/RDS|${m}|${d.id}`, v] as const)),
  ...FUNCTIONS.flatMap((f) =>
    Object.entries(f.metrics).map(
      ([m, v]) => [`${m === 'used_memory_max' ? 'LambdaInsights' : 'AWS/Lambda'}|${m}|${f.name}`, v] as const,
    ),
  ),
  ...TABLES.flatMap((t) => Object.entries(t.metrics).map(([m, v]) => [`AWS/DynamoDB|${m}|${t.name}`, v] as const)),
  ...CACHE_CLUSTERS.flatMap((c) =>
    Object.entries(c.metrics).map(([m, v]) => [`AWS/ElastiCache|${m}|${c.id}`, v] as const),
  ),
]);

/** A small deterministic wobble (±8%) per metric, day and seed, so series look measured yet repeat exactly. */
function wobble(key: string, day: number, seed: number): number {
  let h = seed;
  for (const ch of `${key}|${day}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return 1 + ((Math.abs(h) % 1600) - 800) / 10_000;
}

interface Query {
  Id: string;
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Stat: string;
  };
}

function getMetricData(call: AwsCall, o: SampleOptions) {
  const queries = call.input.MetricDataQueries as Query[];
  const start = Date.parse(call.input.StartTime as string);
  const days = Math.round((Date.parse(call.input.EndTime as string) - start) / DAY_MS);
  return {
    MetricDataResults: queries.map((q) => {
      const m = q.MetricStat.Metric;
      const key = `${m.Namespace}|${m.MetricName}|${m.Dimensions[0]?.Value}`;
      const level = LEVELS.get(key);
      // CloudWatch publishes no datapoint for a count that is zero, nor for a metric it never received.
      const points = level === undefined || (level === 0 && q.MetricStat.Stat === 'Sum') ? [] : [...Array(days).keys()];
      const percent = m.MetricName === 'CPUUtilization';
      const value = (day: number) => {
        const v = (level ?? 0) * wobble(key, day, o.seed) * (q.MetricStat.Stat === 'Maximum' ? 1.6 : 1);
        return percent ? Math.min(100, v) : v;
      };
      return {
        Id: q.Id,
        Label: m.MetricName,
        Timestamps: points.map((d) => new Date(start + d * DAY_MS).toISOString()).reverse(),
        Values: points.map((d) => Math.round(value(d) * 1000) / 1000).reverse(),
        StatusCode: 'Complete',
      };
    }),
    Messages: [],
  };
}

const instanceShape = (i: (typeof INSTANCES)[number], o: SampleOptions) => ({
  AmiLaunchIndex: 0,
  ImageId: i.image,
  InstanceId: i.id,
  InstanceType: i.type,
  LaunchTime: ago(o, i.launched),
  Placement: { AvailabilityZone: `${i.region}a`, GroupName: '', Tenancy: 'default' },
  ...(i.platform ? { Platform: i.platform, PlatformDetails: 'Windows' } : { PlatformDetails: 'Linux/UNIX' }),
  State: i.state === 'running' ? { Code: 16, Name: 'running' } : { Code: 80, Name: 'stopped' },
  StateTransitionReason:
    i.stoppedDays === undefined ? '' : `User initiated (${addDays(o.asOf, -i.stoppedDays)} 18:05:12 GMT)`,
  Architecture: i.arch,
  BlockDeviceMappings: i.volumes.map((v, n) => ({
    DeviceName: n === 0 ? '/dev/xvda' : `/dev/sd${String.fromCharCode(102 + n)}`,
    Ebs: { AttachTime: ago(o, i.launched), DeleteOnTermination: n === 0, Status: 'attached', VolumeId: v },
  })),
  Tags: tagList(i.tags),
});

/** The inventory operations of the sample account. */
export const inventoryHandlers: Record<string, SampleHandler> = {
  'ec2:DescribeRegions': () => ({
    Regions: SAMPLE_REGIONS.map((r) => ({
      Endpoint: `ec2.${r}.amazonaws.com`,
      RegionName: r,
      OptInStatus: r === DENIED_REGION ? 'opted-in' : 'opt-in-not-required',
    })),
  }),
  'ec2:DescribeInstances': (call, o) => {
    const mine = inRegion(call, INSTANCES);
    const owners = [...new Set(mine.map((i) => i.account))];
    return {
      Reservations: owners.map((owner, n) => ({
        Groups: [],
        Instances: mine.filter((i) => i.account === owner).map((i) => instanceShape(i, o)),
        OwnerId: owner,
        ReservationId: `r-0${String(n + 1).padStart(16, '0')}`,
      })),
    };
  },
  'ec2:DescribeVolumes': (call, o) =>
    paged(
      call,
      inRegion(call, VOLUMES).map((v) => ({
        Attachments: v.attachedTo
          ? [
              {
                AttachTime: ago(o, v.created),
                Device: '/dev/xvda',
                InstanceId: v.attachedTo,
                State: 'attached',
                VolumeId: v.id,
                DeleteOnTermination: false,
              },
            ]
          : [],
        AvailabilityZone: `${v.region}a`,
        CreateTime: ago(o, v.created),
        Encrypted: true,
        Size: v.size,
        SnapshotId: '',
        State: v.attachedTo ? 'in-use' : 'available',
        VolumeId: v.id,
        Iops: v.iops ?? Math.max(100, v.size * 3),
        ...(v.throughput ? { Throughput: v.throughput } : {}),
        VolumeType: v.type,
        MultiAttachEnabled: false,
        Tags: tagList(v.tags),
      })),
      'Volumes',
      'NextToken',
      'NextToken',
      5,
    ),
  'ec2:DescribeSnapshots': (call, o) => ({
    Snapshots: inRegion(call, SNAPSHOTS).map((s) => ({
      Description: s.volume === 'vol-ffffffff' ? `Created by CreateImage for ${s.id}` : `backup of ${s.volume}`,
      Encrypted: true,
      OwnerId: PROD,
      Progress: '100%',
      SnapshotId: s.id,
      StartTime: ago(o, s.age),
      State: 'completed',
      VolumeId: s.volume,
      VolumeSize: s.size,
      ...(s.fullGb ? { FullSnapshotSizeInBytes: s.fullGb * GIB } : {}),
      StorageTier: s.tier ?? 'standard',
      Tags: tagList(s.tags),
    })),
  }),
  'ec2:DescribeImages': (call, o) => ({
    Images: inRegion(call, IMAGES).map((img) => ({
      Architecture: 'x86_64',
      CreationDate: ago(o, img.age),
      ImageId: img.id,
      ImageLocation: `${PROD}/${img.name}`,
      ImageType: 'machine',
      Public: false,
      OwnerId: PROD,
      State: 'available',
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: {
            DeleteOnTermination: true,
            SnapshotId: img.snapshot,
            VolumeSize: 30,
            VolumeType: 'gp3',
            Encrypted: true,
          },
        },
      ],
      Name: img.name,
      RootDeviceName: '/dev/xvda',
      RootDeviceType: 'ebs',
      Tags: tagList(img.tags),
    })),
  }),
  'ec2:DescribeAddresses': (call) => ({
    Addresses: inRegion(call, ADDRESSES).map((a, n) => ({
      AllocationId: a.id,
      Domain: 'vpc',
      PublicIp: a.ip,
      PublicIpv4Pool: 'amazon',
      NetworkBorderGroup: a.region,
      ...('instance' in a && a.instance
        ? {
            AssociationId: `eipassoc-0a5c0a5c0a5c0000${n}`,
            InstanceId: a.instance,
            NetworkInterfaceId: `eni-0a5c0a5c0a5c0000${n}`,
          }
        : {}),
      Tags: tagList(a.tags),
    })),
  }),
  'ec2:DescribeNatGateways': (call, o) => ({
    NatGateways: inRegion(call, NAT_GATEWAYS).map((n) => ({
      CreateTime: ago(o, n.age),
      NatGatewayAddresses: [
        { AllocationId: 'eipalloc-0790180cd2EXAMPLE', PublicIp: '203.0.113.10', IsPrimary: true, Status: 'succeeded' },
      ],
      NatGatewayId: n.id,
      State: 'available',
      SubnetId: 'subnet-655eab5f08EXAMPLE',
      VpcId: 'vpc-0b1e5c0b1e5c00001',
      ConnectivityType: 'public',
      Tags: tagList(n.tags),
    })),
  }),
  'ec2:DescribeReservedInstances': (call, o) => ({
    ReservedInstances: inRegion(call, RESERVED).map((r) => ({
      Duration: 31_536_000,
      End: ago(o, -r.endInDays),
      InstanceCount: r.count,
      InstanceType: r.type,
      ProductDescription: 'Linux/UNIX',
      ReservedInstancesId: r.id,
      Start: ago(o, 365 - r.endInDays),
      State: 'active',
      OfferingClass: 'standard',
      OfferingType: 'No Upfront',
      Scope: 'Region',
    })),
  }),
  'elbv2:DescribeLoadBalancers': (call, o) => ({
    LoadBalancers: inRegion(call, LOAD_BALANCERS)
      .filter((lb) => lb.kind !== 'classic')
      .map((lb) => ({
        LoadBalancerArn: lbArn(lb.region, lb.suffix),
        DNSName: `${lb.name}-1234567890.${lb.region}.elb.amazonaws.com`,
        CreatedTime: ago(o, lb.age),
        LoadBalancerName: lb.name,
        Scheme: 'internet-facing',
        VpcId: 'vpc-0b1e5c0b1e5c00001',
        State: { Code: 'active' },
        Type: lb.kind,
        IpAddressType: 'ipv4',
      })),
  }),
  'elbv2:DescribeTargetGroups': (call) => ({
    TargetGroups: inRegion(call, LOAD_BALANCERS)
      .filter((lb) => lb.kind !== 'classic')
      .map((lb) => ({
        TargetGroupArn: tgArn(lb.region, lb.name),
        TargetGroupName: `${lb.name}-tg`,
        Protocol: lb.kind === 'network' ? 'TCP' : 'HTTP',
        Port: 80,
        TargetType: 'instance',
        LoadBalancerArns: [lbArn(lb.region, lb.suffix)],
      })),
  }),
  'elbv2:DescribeTargetHealth': (call) => {
    const lb = inRegion(call, LOAD_BALANCERS).find((l) => tgArn(l.region, l.name) === call.input.TargetGroupArn);
    return {
      TargetHealthDescriptions: Array.from({ length: lb?.targets ?? 0 }, (_, n) => ({
        HealthCheckPort: '80',
        Target: { Id: `i-0c1ea0c1ea0c1001${2 + n}`, Port: 80 },
        TargetHealth: { State: 'healthy' },
      })),
    };
  },
  'elbv2:DescribeTags': (call) => ({
    TagDescriptions: (call.input.ResourceArns as string[]).map((arn) => ({
      ResourceArn: arn,
      Tags: tagList(LOAD_BALANCERS.find((lb) => lbArn(lb.region, lb.suffix) === arn)?.tags ?? {}),
    })),
  }),
  'elb:DescribeLoadBalancers': (call, o) => ({
    LoadBalancerDescriptions: inRegion(call, LOAD_BALANCERS)
      .filter((lb) => lb.kind === 'classic')
      .map((lb) => ({
        LoadBalancerName: lb.name,
        DNSName: `${lb.name}-1234567890.${lb.region}.elb.amazonaws.com`,
        CreatedTime: ago(o, lb.age),
        Scheme: 'internet-facing',
        Instances: Array.from({ length: lb.targets }, () => ({ InstanceId: 'i-04a404a404a400009' })),
        AvailabilityZones: [`${lb.region}a`],
        ListenerDescriptions: [
          {
            Listener: { InstancePort: 80, LoadBalancerPort: 80, Protocol: 'HTTP', InstanceProtocol: 'HTTP' },
            PolicyNames: [],
          },
        ],
      })),
  }),
  'elb:DescribeTags': (call) => ({
    TagDescriptions: (call.input.LoadBalancerNames as string[]).map((name) => ({
      LoadBalancerName: name,
      Tags: tagList(LOAD_BALANCERS.find((lb) => lb.name === name)?.tags ?? {}),
    })),
  }),
  'rds:DescribeDBInstances': (call, o) => ({
    DBInstances: inRegion(call, DB_INSTANCES).map((d) => ({
      DBInstanceIdentifier: d.id,
      DBInstanceClass: d.class,
      Engine: d.engine,
      EngineVersion: d.version,
      DBInstanceStatus: 'available',
      MultiAZ: d.multiAz,
      StorageType: 'gp2',
      AllocatedStorage: d.storage,
      InstanceCreateTime: ago(o, d.age),
      DBInstanceArn: `arn:aws:rds:${d.region}:${d.account}:db:${d.id}`,
      EngineLifecycleSupport: 'open-source-rds-extended-support',
      Endpoint: {
        Address: `${d.id}.abcexample.${d.region}.rds.amazonaws.com`,
        Port: d.engine === 'mysql' ? 3306 : 5432,
      },
      TagList: tagList(d.tags),
    })),
  }),
  'rds:DescribeDBSnapshots': (call, o) => ({
    DBSnapshots: inRegion(call, DB_SNAPSHOTS).map((s) => ({
      DBSnapshotIdentifier: s.id,
      DBInstanceIdentifier: s.instance,
      SnapshotCreateTime: ago(o, s.age),
      Engine: 'mysql',
      AllocatedStorage: s.storage,
      Status: 'available',
      SnapshotType: 'manual',
      DBSnapshotArn: `arn:aws:rds:${s.region}:${s.account}:snapshot:${s.id}`,
      TagList: tagList(s.tags),
    })),
  }),
  'cloudwatch:GetMetricData': getMetricData,
  'logs:DescribeLogGroups': (call, o) =>
    paged(
      call,
      inRegion(call, LOG_GROUPS).map((g) => ({
        logGroupName: g.name,
        creationTime: Date.parse(ago(o, g.age)),
        ...(g.retention ? { retentionInDays: g.retention } : {}),
        metricFilterCount: 0,
        arn: `arn:aws:logs:${g.region}:${g.account}:log-group:${g.name}:*`,
        storedBytes: g.gb * GIB,
        logGroupClass: 'STANDARD',
      })),
      'logGroups',
      'nextToken',
      'nextToken',
      2,
    ),
  's3:ListBuckets': (_call, o) => ({
    Buckets: BUCKETS.map((b) => ({ Name: b.name, CreationDate: ago(o, b.age) })),
    Owner: { DisplayName: 'durion-production', ID: 'a1b2c3d4e5f6example' },
  }),
  's3:GetBucketLocation': (call) => {
    const region = BUCKETS.find((b) => b.name === call.input.Bucket)?.region;
    if (!region) throw awsError('NoSuchBucket', 'The specified bucket does not exist');
    return region === 'us-east-1' ? {} : { LocationConstraint: region };
  },
  's3:GetBucketTagging': (call) => {
    const b = BUCKETS.find((x) => x.name === call.input.Bucket);
    if (!b || Object.keys(b.tags).length === 0) throw awsError('NoSuchTagSet', 'The TagSet does not exist');
    return { TagSet: tagList(b.tags) };
  },
  's3:GetBucketLifecycleConfiguration': (call) => {
    const b = BUCKETS.find((x) => x.name === call.input.Bucket);
    if (!b?.rules) throw awsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist');
    return {
      Rules: b.rules.map((r, n) => ({
        ID: `rule-${n + 1}`,
        Filter: { Prefix: '' },
        Status: 'Enabled',
        ...(r.transition
          ? { Transitions: [{ Days: 30, StorageClass: 'STANDARD_IA' }], Expiration: { Days: 365 } }
          : {}),
        ...(r.abort ? { AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } } : {}),
      })),
    };
  },
  'lambda:ListFunctions': (call) => ({
    Functions: inRegion(call, FUNCTIONS).map((f) => ({
      FunctionName: f.name,
      FunctionArn: `arn:aws:lambda:${f.region}:${f.account}:function:${f.name}`,
      Runtime: f.runtime,
      Role: `arn:aws:iam::${f.account}:role/${f.name}-role`,
      Handler: 'index.handler',
      CodeSize: 5_242_880,
      Timeout: 30,
      MemorySize: f.memory,
      LastModified: '2026-06-01T10:00:00.000+0000',
      Version: '$LATEST',
      PackageType: 'Zip',
      Architectures: [f.arch],
    })),
  }),
  'lambda:ListTags': (call) => ({
    Tags:
      FUNCTIONS.find((f) => `arn:aws:lambda:${f.region}:${f.account}:function:${f.name}` === call.input.Resource)
        ?.tags ?? {},
  }),
  'dynamodb:ListTables': (call) => ({ TableNames: inRegion(call, TABLES).map((t) => t.name) }),
  'dynamodb:DescribeTable': (call, o) => {
    const t = inRegion(call, TABLES).find((x) => x.name === call.input.TableName);
    if (!t)
      throw awsError(
        'ResourceNotFoundException',
        `Requested resource not found: Table: ${call.input.TableName} not found`,
      );
    return {
      Table: {
        TableName: t.name,
        TableStatus: 'ACTIVE',
        CreationDateTime: ago(o, 500),
        TableArn: `arn:aws:dynamodb:${t.region}:${t.account}:table/${t.name}`,
        BillingModeSummary: { BillingMode: t.mode },
        ProvisionedThroughput: { ReadCapacityUnits: t.rcu, WriteCapacityUnits: t.wcu, NumberOfDecreasesToday: 0 },
        ItemCount: 120_000,
        TableSizeBytes: 48_000_000,
      },
    };
  },
  'dynamodb:ListTagsOfResource': (call) => ({
    Tags: tagList(
      TABLES.find((t) => call.input.ResourceArn === `arn:aws:dynamodb:${t.region}:${t.account}:table/${t.name}`)
        ?.tags ?? {},
    ),
  }),
  'application-autoscaling:DescribeScalableTargets': (call, o) => ({
    ScalableTargets: inRegion(call, TABLES)
      .filter((t) => t.scaled)
      .flatMap((t) =>
        ['Read', 'Write'].map((d) => ({
          ServiceNamespace: 'dynamodb',
          ResourceId: `table/${t.name}`,
          ScalableDimension: `dynamodb:table:${d}CapacityUnits`,
          MinCapacity: 5,
          MaxCapacity: d === 'Read' ? t.rcu : t.wcu,
          RoleARN: `arn:aws:iam::${t.account}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable`,
          CreationTime: ago(o, 400),
        })),
      ),
  }),
  'elasticache:DescribeCacheClusters': (call, o) => ({
    CacheClusters: inRegion(call, CACHE_CLUSTERS).map((c) => ({
      CacheClusterId: c.id,
      CacheNodeType: c.nodeType,
      Engine: 'redis',
      EngineVersion: '7.1.0',
      CacheClusterStatus: 'available',
      NumCacheNodes: c.nodes,
      CacheClusterCreateTime: ago(o, c.age),
      ARN: `arn:aws:elasticache:${c.region}:${c.account}:cluster:${c.id}`,
    })),
  }),
  'elasticache:ListTagsForResource': (call) => ({
    TagList: tagList(
      CACHE_CLUSTERS.find(
        (c) => call.input.ResourceName === `arn:aws:elasticache:${c.region}:${c.account}:cluster:${c.id}`,
      )?.tags ?? {},
    ),
  }),
};
