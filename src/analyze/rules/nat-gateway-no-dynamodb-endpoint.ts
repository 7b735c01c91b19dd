import { count, defineRule, SERVICES, wa } from './define-rule';
import { natGb, natWithoutGatewayEndpoint } from './nat-gateway-no-s3-endpoint';

export default defineRule({
  id: 'nat-gateway-no-dynamodb-endpoint',
  title: 'NAT gateway carries traffic in a VPC without a DynamoDB gateway endpoint',
  service: SERVICES.ec2Other,
  strategy: 'data-transfer',
  wellArchitected: wa('COST08-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    dynamodbShare: {
      default: 0.1,
      description: "Assumed share of the NAT's processed bytes that are DynamoDB traffic",
    },
    minGb: { default: 10, description: 'Judge only NAT gateways that processed at least this many GB over the window' },
  },
  iamActions: ['ec2:DescribeNatGateways', 'ec2:DescribeVpcEndpoints', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params) {
    return natWithoutGatewayEndpoint(resources, {
      service: 'dynamodb',
      label: 'DynamoDB',
      share: params.dynamodbShare,
      minGb: params.minGb,
      traffic: (n) => natGb(count(n, 'BytesOutToDestination'), count(n, 'BytesInFromDestination')),
    });
  },
});
