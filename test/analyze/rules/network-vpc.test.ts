import { expect } from 'vitest';
import ec2PublicIpv4Nonprod from '../../../src/analyze/rules/ec2-public-ipv4-nonprod';
import elbClassicToAlb from '../../../src/analyze/rules/elb-classic-to-alb';
import natGatewayNoDynamodbEndpoint from '../../../src/analyze/rules/nat-gateway-no-dynamodb-endpoint';
import natGatewayNoS3Endpoint from '../../../src/analyze/rules/nat-gateway-no-s3-endpoint';
import natGatewayPerAzNonprod from '../../../src/analyze/rules/nat-gateway-per-az-nonprod';
import transitGatewayAttachmentIdle from '../../../src/analyze/rules/transit-gateway-attachment-idle';
import vpcEndpointDuplicate from '../../../src/analyze/rules/vpc-endpoint-duplicate';
import vpcEndpointMultiAzNonprod from '../../../src/analyze/rules/vpc-endpoint-multi-az-nonprod';
import vpcInterfaceEndpointIdle from '../../../src/analyze/rules/vpc-interface-endpoint-idle';
import { address, daysAgo, flat, instance, loadBalancer, nat, ruleCases } from './fixtures';
import { attachment, endpoint, endpointsRead, gatewayEndpoint } from './fixtures-network';

// 5 GiB out and 1 GiB back a day (the nat() default) for 14 days: 84 GB, 6 GB a day = 182.50 GB a month.
const busyNat = nat({ vpcId: 'vpc-1' });

ruleCases(natGatewayNoS3Endpoint, {
  flagged: {
    parts: { natGateways: [busyNat], vpcEndpoints: [gatewayEndpoint('dynamodb')], listsRead: [endpointsRead()] },
    check: (f) => {
      // Golden: 182.50 GB × $0.045/GB NAT data processing (vpc.nat_gateway.data_processed, infracost nat_gateway
      // golden) = $8.2125, × 25% assumed S3 share = $2.0531.
      expect(f.monthlySavingsUsd).toBe(2.0531);
      expect(f.confidence).toBe('low');
      expect(f.savingsBasis).toContain("25% (assumed share of the NAT's bytes that are S3 traffic)");
      expect(f.reason).toContain('processed 84.0 GB over 14 days in VPC vpc-1');
    },
  },
  clean: { parts: { natGateways: [busyNat], vpcEndpoints: [gatewayEndpoint('s3')], listsRead: [endpointsRead()] } },
  noData: { parts: { natGateways: [nat({ vpcId: 'vpc-1', metrics: {} })], listsRead: [endpointsRead()] } },
});

ruleCases(natGatewayNoDynamodbEndpoint, {
  flagged: {
    parts: { natGateways: [busyNat], vpcEndpoints: [gatewayEndpoint('s3')], listsRead: [endpointsRead()] },
    // Golden: 182.50 GB × $0.045 = $8.2125, × 10% assumed DynamoDB share = $0.8213.
    check: (f) => expect(f.monthlySavingsUsd).toBe(0.8213),
  },
  clean: {
    // An endpoint in another VPC does not serve this one; one in its VPC does.
    parts: { natGateways: [busyNat], vpcEndpoints: [gatewayEndpoint('dynamodb')], listsRead: [endpointsRead()] },
  },
  // DescribeVpcEndpoints did not answer here: an empty list proves no endpoint is missing.
  noData: { parts: { natGateways: [busyNat], vpcEndpoints: [] } },
});

const staging = { team: 'platform', environment: 'staging' };
ruleCases(natGatewayPerAzNonprod, {
  flagged: {
    parts: {
      natGateways: [
        nat({ id: 'nat-a', vpcId: 'vpc-1', tags: staging, createTime: daysAgo(300) }),
        nat({ id: 'nat-b', vpcId: 'vpc-1', tags: staging, createTime: daysAgo(200) }),
      ],
    },
    check: (f) => {
      // Golden: the second gateway's 730 h × $0.045 (vpc.nat_gateway.hour, infracost nat_gateway golden) = $32.85.
      expect(f.monthlySavingsUsd).toBe(32.85);
      expect(f.resourceId).toBe('nat-b');
    },
  },
  clean: {
    parts: {
      natGateways: [
        nat({ id: 'nat-a', vpcId: 'vpc-1', tags: staging }),
        nat({ id: 'nat-b', vpcId: 'vpc-2', tags: staging }),
        nat({ id: 'nat-p', vpcId: 'vpc-1', tags: { environment: 'production' } }),
      ],
    },
  },
  noData: { parts: { natGateways: [nat({ tags: staging, vpcId: undefined })] } },
});

ruleCases(vpcInterfaceEndpointIdle, {
  flagged: {
    parts: { vpcEndpoints: [endpoint({ metrics: { BytesProcessed: flat(0, 0) } })] },
    check: (f) => {
      // Golden: 2 AZs × 730 h × $0.01 (vpc_endpoint.interface.hour, infracost vpc_endpoint golden $7.30) = $14.60.
      expect(f.monthlySavingsUsd).toBe(14.6);
      expect(f.reason).toBe(
        'interface endpoint for com.amazonaws.us-east-1.ssm in 2 Availability Zones processed 0 bytes over 14 days; its hours bill $14.60 a month',
      );
    },
  },
  clean: { parts: { vpcEndpoints: [endpoint(), gatewayEndpoint('s3')] } },
  noData: { parts: { vpcEndpoints: [endpoint({ metrics: {} })] } },
});

ruleCases(vpcEndpointDuplicate, {
  flagged: {
    parts: {
      vpcEndpoints: [
        endpoint({ id: 'vpce-old', vpcId: 'vpc-1', createTime: daysAgo(400) }),
        endpoint({ id: 'vpce-new', vpcId: 'vpc-2', createTime: daysAgo(100), subnetIds: ['subnet-c'] }),
      ],
    },
    check: (f) => {
      // Golden: the duplicate's 1 AZ × 730 h × $0.01 (vpc_endpoint.interface.hour) = $7.30.
      expect(f.monthlySavingsUsd).toBe(7.3);
      expect(f.resourceId).toBe('vpce-new');
      expect(f.confidence).toBe('low');
    },
  },
  clean: {
    parts: {
      vpcEndpoints: [
        endpoint({ id: 'vpce-ssm' }),
        endpoint({ id: 'vpce-ecr', serviceName: 'com.amazonaws.us-east-1.ecr.api', vpcId: 'vpc-2' }),
      ],
    },
  },
  noData: { parts: { vpcEndpoints: [endpoint({ subnetIds: [] })] } },
});

ruleCases(transitGatewayAttachmentIdle, {
  flagged: {
    parts: { transitGatewayAttachments: [attachment({ metrics: { BytesIn: flat(0, 0), BytesOut: flat(0, 0) } })] },
    // Golden: 730 h × $0.05 (transit_gateway.attachment.hour, infracost ec2_transit_gateway_vpc_attachment golden) = $36.50.
    check: (f) => expect(f.monthlySavingsUsd).toBe(36.5),
  },
  clean: { parts: { transitGatewayAttachments: [attachment()] } },
  noData: { parts: { transitGatewayAttachments: [attachment({ metrics: { BytesIn: flat(0, 0) } })] } },
});

const classic = (o = {}) => loadBalancer({ id: 'erp-clb', name: 'erp-clb', type: 'classic', ...o });
ruleCases(elbClassicToAlb, {
  flagged: {
    parts: { loadBalancers: [classic()] },
    check: (f) => {
      // Golden: 730 h × ($0.025 Classic − $0.0225 ALB) (elb.clb.hour, elb.alb.hour: infracost elb and lb goldens)
      // = $18.25 − $16.425 = $1.825; LCU and per-GB charges are not in the figure.
      expect(f.monthlySavingsUsd).toBe(1.825);
      expect(f.reason).toContain('LCU and per-GB charges not compared');
    },
  },
  clean: { parts: { loadBalancers: [loadBalancer()] } },
  noData: { parts: { loadBalancers: [classic({ metrics: {} })] } },
});

ruleCases(ec2PublicIpv4Nonprod, {
  flagged: {
    parts: { instances: [instance({ tags: staging, publicIp: '203.0.113.40' })], addresses: [address()] },
    // Golden: 730 h × $0.005 (vpc.public_ipv4, AWS public IPv4 announcement: $3.65 a month) = $3.65.
    check: (f) => expect(f.monthlySavingsUsd).toBe(3.65),
  },
  clean: {
    parts: {
      instances: [
        instance({ tags: staging }),
        // An Elastic IP's address is the EIP rules' to judge.
        instance({ id: 'i-2', tags: staging, publicIp: '198.51.100.7' }),
      ],
      addresses: [address({ instanceId: 'i-2' })],
    },
  },
  noData: { parts: {}, empty: true },
});

ruleCases(vpcEndpointMultiAzNonprod, {
  flagged: {
    parts: { vpcEndpoints: [endpoint({ tags: staging, subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'] })] },
    check: (f) => {
      // Golden: 2 extra zones × 730 h × $0.01 (vpc_endpoint.interface.hour, infracost vpc_endpoint golden) = $14.60.
      expect(f.monthlySavingsUsd).toBe(14.6);
      expect(f.owner).toBe('platform');
    },
  },
  clean: {
    parts: {
      vpcEndpoints: [
        endpoint({ tags: staging, subnetIds: ['subnet-a'] }),
        endpoint({ id: 'vpce-prod', tags: { environment: 'production' } }),
      ],
    },
  },
  noData: { parts: { vpcEndpoints: [endpoint({ tags: staging, subnetIds: [] })] } },
});
