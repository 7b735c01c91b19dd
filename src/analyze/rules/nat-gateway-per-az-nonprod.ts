import { usdCents } from '../../domain/money';
import type { NatGateway } from '../../domain/resources';
import { monthlyCost, price } from '../../pricing';
import { defineRule, ok, priced, SERVICES, tagValue, type Verdict, wa } from './define-rule';

export default defineRule({
  id: 'nat-gateway-per-az-nonprod',
  title: 'Non-production VPC runs a NAT gateway in more than one Availability Zone',
  service: SERVICES.ec2Other,
  strategy: 'data-transfer',
  wellArchitected: wa('COST06-BP04'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    environmentTag: { default: 'environment', description: 'Tag key naming the environment' },
    nonProdValues: {
      default: 'dev,development,staging,stage,test,qa,sandbox',
      description: 'Comma-separated non-production environment values',
    },
  },
  iamActions: ['ec2:DescribeNatGateways'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params) {
    const nonProd = new Set(params.nonProdValues.split(',').map((v) => v.trim().toLowerCase()));
    const byVpc = new Map<string, NatGateway[]>();
    const verdicts: Verdict[] = [];
    for (const n of resources.natGateways) {
      if (n.state !== 'available') continue;
      const env = tagValue(n, params.environmentTag);
      if (env === undefined || !nonProd.has(env)) continue;
      if (!n.vpcId) {
        verdicts.push({
          resource: n,
          status: 'skip',
          reason: 'NAT gateway has no VPC id, so its VPC cannot be judged',
        });
        continue;
      }
      const key = `${n.accountId}/${n.region}/${n.vpcId}`;
      byVpc.set(key, [...(byVpc.get(key) ?? []), n]);
    }
    for (const nats of byVpc.values()) {
      // The oldest stays (it is the one most routes already use); every other is an extra zone's gateway.
      const [kept, ...extra] = [...nats].sort((a, b) => (a.createTime ?? '').localeCompare(b.createTime ?? ''));
      if (!kept) continue;
      if (extra.length === 0) verdicts.push(ok(kept, `the only NAT gateway of non-production VPC ${kept.vpcId}`));
      for (const n of extra) {
        const rate = price('vpc.nat_gateway.hour', n.region);
        const cost = rate && monthlyCost(rate);
        const reason = `non-production VPC ${n.vpcId} runs ${nats.length} NAT gateways; routing its subnets through ${kept.id} instead saves this one's hours${cost ? `, ${usdCents(cost.monthlyUsd)} a month` : ''} (cross-zone transfer at $0.01/GB each way then applies, not in the figure)`;
        verdicts.push(priced(n, reason, cost, 'NAT gateway hours', { vpcId: n.vpcId, keep: kept.id }));
      }
    }
    return verdicts;
  },
});
