import { usdCents } from '../../domain/money';
import type { VpcEndpoint } from '../../domain/resources-network';
import { monthlyCost, price } from '../../pricing';
import { defineRule, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

export default defineRule({
  id: 'vpc-endpoint-duplicate',
  title: 'The same service has interface endpoints in several VPCs of one account and region',
  service: SERVICES.vpc,
  strategy: 'data-transfer',
  wellArchitected: wa('COST06-BP04'),
  severity: 'low',
  effort: 'high',
  restartNeeded: false,
  action: 'delete',
  params: {},
  iamActions: ['ec2:DescribeVpcEndpoints'],
  savingsMethod: 'price-table',
  // Sharing one endpoint needs the VPCs connected (Transit Gateway or peering) and Route 53 private zones set up.
  confidence: 'low',
  check(resources) {
    const byService = new Map<string, VpcEndpoint[]>();
    const verdicts: Verdict[] = [];
    for (const e of resources.vpcEndpoints) {
      if (e.endpointType !== 'Interface' || e.state !== 'available') continue;
      if (e.subnetIds.length === 0) {
        verdicts.push({
          resource: e,
          status: 'skip',
          reason: 'interface endpoint lists no subnets, so its hours are unknown',
        });
        continue;
      }
      const key = `${e.accountId}/${e.region}/${e.serviceName}`;
      byService.set(key, [...(byService.get(key) ?? []), e]);
    }
    for (const endpoints of byService.values()) {
      const vpcs = new Set(endpoints.map((e) => e.vpcId));
      // The oldest stays as the shared endpoint; the others are the duplicates (one per VPC beyond it).
      const [kept, ...rest] = [...endpoints].sort((a, b) => (a.createTime ?? '').localeCompare(b.createTime ?? ''));
      if (!kept) continue;
      // The kept endpoint is not judged beside its duplicates: only the one of its service in the account is ok.
      if (rest.length === 0)
        verdicts.push(ok(kept, `the only ${kept.serviceName} endpoint of this account and region`));
      for (const e of rest) {
        if (e.vpcId === kept.vpcId) {
          verdicts.push(
            ok(e, `a second ${e.serviceName} endpoint in the same VPC (a policy split, not a duplicate VPC)`),
          );
          continue;
        }
        const rate = price('vpc_endpoint.interface.hour', e.region);
        const cost = rate && monthlyCost(rate, e.subnetIds.length);
        const reason = `${e.serviceName} has interface endpoints in ${vpcs.size} VPCs of this account; serving ${e.vpcId} from ${kept.id} in ${kept.vpcId} would end this endpoint's hours in ${e.subnetIds.length} Availability Zone${e.subnetIds.length > 1 ? 's' : ''}${cost ? `, ${usdCents(cost.monthlyUsd)} a month` : ''}`;
        verdicts.push(priced(e, reason, cost, 'interface endpoint hours', { keep: kept.id, vpcs: [...vpcs] }));
      }
    }
    return verdicts;
  },
});
