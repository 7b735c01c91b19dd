import { defineRule, ok, SERVICES, wa } from './define-rule';

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
  savingsMethod: 'none',
  confidence: 'high',
  check(resources, _params, ctx) {
    return resources.dbInstances.flatMap((db) => {
      const versions = END_OF_STANDARD_SUPPORT[db.engine];
      if (!versions) return [];
      const v = major(db.engine, db.engineVersion);
      const end = versions[v];
      if (!end || end >= ctx.asOf) return [ok(db, `${db.engine} ${db.engineVersion} is in standard support`)];
      if (db.lifecycleSupport?.endsWith('-disabled'))
        return [ok(db, 'Extended Support disabled: RDS upgrades it instead')];
      return [
        {
          resource: db,
          status: 'info' as const,
          reason: `${db.engine} ${db.engineVersion} left standard support on ${end}; RDS bills Extended Support per vCPU-hour until it is upgraded`,
          unpriced: 'Extended Support rates are not in the bundled tables',
          evidence: { endOfStandardSupport: end, lifecycleSupport: db.lifecycleSupport },
        },
      ];
    });
  },
});
