import { usdCents } from '../../domain/money';
import type { RdsInstance } from '../../domain/resources';
import { monthlyCost, share } from '../../pricing';
import { dbClassVcpus, extendedSupportRate } from '../../pricing/database';
import { defineRule, noPrice, ok, SERVICES, type Verdict, wa } from './define-rule';

/**
 * RDS end of standard support by engine and major version: past it, RDS bills Extended Support per vCPU-hour unless
 * the instance opted out. Dates from the AWS RDS User Guide ("Using Amazon RDS Extended Support", "Supported MySQL
 * major versions on Amazon RDS", "Release calendar for Amazon RDS for PostgreSQL") and the Aurora User Guide.
 */
export const END_OF_STANDARD_SUPPORT: Record<string, Record<string, string>> = {
  mysql: { '5.7': '2024-02-29', '8.0': '2026-07-31' },
  postgres: { '11': '2024-02-29', '12': '2025-02-28', '13': '2026-02-28' },
  'aurora-mysql': { '5.7': '2024-10-31' },
  'aurora-postgresql': { '11': '2024-02-29', '12': '2025-02-28', '13': '2026-02-28' },
};

/** `8.0.35` → `8.0` for MySQL; `12.19` → `12` for PostgreSQL; Aurora MySQL `5.7.mysql_aurora.2.11.2` → `5.7`. */
const major = (engine: string, version: string): string => {
  const parts = version.split('.');
  return engine.includes('mysql') ? parts.slice(0, 2).join('.') : (parts[0] ?? version);
};

export default defineRule({
  id: 'rds-extended-support',
  title: 'RDS instance on an engine version billed for Extended Support',
  service: SERVICES.rds,
  strategy: 'database-optimization',
  wellArchitected: wa('COST10-BP02'),
  severity: 'high',
  effort: 'high',
  restartNeeded: true,
  action: 'modernize',
  params: {},
  iamActions: ['rds:DescribeDBInstances'],
  savingsMethod: 'price-table',
  // Year 1's rate is an infracost golden (high); years 2 and 3 rest on a third-party page (medium).
  confidence: 'medium',
  check(resources, _params, ctx) {
    return resources.dbInstances.flatMap((db) => {
      const versions = END_OF_STANDARD_SUPPORT[db.engine];
      if (!versions) return [];
      const v = major(db.engine, db.engineVersion);
      const end = versions[v];
      if (!end || end >= ctx.asOf) return [ok(db, `${db.engine} ${db.engineVersion} is in standard support`)];
      if (db.lifecycleSupport?.endsWith('-disabled'))
        return [ok(db, 'Extended Support disabled: RDS upgrades it instead')];
      return [charged(db, end, ctx.asOf)];
    });
  },
});

/** Which year of Extended Support an as-of day falls in (1 from the day after standard support ends). */
const supportYear = (end: string, asOf: string): number => {
  const [y, m, d] = end.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  const months = (ay - y) * 12 + (am - m) - (ad <= d ? 1 : 0);
  return Math.floor(Math.max(0, months) / 12) + 1;
};

/** The Extended Support charge an upgrade ends: vCPUs × hours × the year's rate, both copies for Multi-AZ. */
function charged(db: RdsInstance, end: string, asOf: string): Verdict {
  const year = supportYear(end, asOf);
  const base = `${db.engine} ${db.engineVersion} left standard support on ${end} (Extended Support year ${year})`;
  const evidence = { endOfStandardSupport: end, lifecycleSupport: db.lifecycleSupport, supportYear: year };
  const vcpus = dbClassVcpus(db.instanceClass);
  const rate = extendedSupportRate(year, db.region);
  if (vcpus === undefined || !rate) {
    return { ...noPrice(db, base, `Extended Support of ${db.instanceClass}`), evidence };
  }
  const one = monthlyCost(rate, vcpus);
  const cost = db.multiAz ? share(one, 2, 'Multi-AZ: the standby is billed too') : one;
  return {
    resource: db,
    status: 'alarm',
    reason: `${base}; its ${vcpus} vCPUs${db.multiAz ? ' on two Multi-AZ copies' : ''} bill ${usdCents(cost.monthlyUsd)} a month of Extended Support until it is upgraded`,
    savings: cost,
    evidence: { ...evidence, vcpus },
  };
}
