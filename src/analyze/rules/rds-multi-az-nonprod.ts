import { usdCents } from '../../domain/money';
import { monthlyCost, saving } from '../../pricing';
import { rdsClassPrice } from '../../pricing/rds';
import { defineRule, noPrice, ok, SERVICES, tagValue, wa } from './define-rule';

export default defineRule({
  id: 'rds-multi-az-nonprod',
  title: 'Non-production RDS instance paying for Multi-AZ standby',
  service: SERVICES.rds,
  strategy: 'multi-az',
  wellArchitected: wa('COST06-BP02'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    environmentTag: { default: 'environment', description: 'Tag key naming the environment' },
    nonProdValues: {
      default: 'dev,development,staging,stage,test,qa,sandbox',
      description: 'Comma-separated non-production environment values',
    },
  },
  iamActions: ['rds:DescribeDBInstances'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const nonProd = new Set(params.nonProdValues.split(',').map((v) => v.trim().toLowerCase()));
    return resources.dbInstances.flatMap((db) => {
      const env = tagValue(db, params.environmentTag);
      if (env === undefined || !nonProd.has(env)) return [];
      if (!db.multiAz) return [ok(db, `${env} instance is Single-AZ`)];
      const multi = rdsClassPrice(db.engine, db.instanceClass, true, db.region);
      const single = rdsClassPrice(db.engine, db.instanceClass, false, db.region);
      const reason = `${env} ${db.engine} ${db.instanceClass} runs Multi-AZ`;
      if (!multi || !single) return [noPrice(db, reason, `${db.engine} ${db.instanceClass}`)];
      const save = saving(monthlyCost(multi), monthlyCost(single));
      return [
        {
          resource: db,
          status: 'alarm' as const,
          reason: `${reason}; Single-AZ saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
        },
      ];
    });
  },
});
