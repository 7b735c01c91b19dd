/** IAM facts of the inventory collectors, kept free of SDK imports so the catalog can read them cheaply. */

/** Read actions the collectors make besides those the rules declare: region discovery and tags. */
export const COLLECTOR_IAM_ACTIONS = [
  'ec2:DescribeRegions',
  'elasticloadbalancing:DescribeTags',
  'lambda:ListTags',
  'dynamodb:ListTagsOfResource',
  'elasticache:ListTagsForResource',
  's3:GetBucketTagging',
  'route53:ListTagsForResources',
  'kinesis:ListTagsForStream',
  'sagemaker:ListTags',
  'es:ListTags',
  // Only with DURION_PRICE_REFRESH=true.
  'pricing:GetProducts',
] as const;
