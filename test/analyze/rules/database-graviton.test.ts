import { describe, expect, it } from 'vitest';
import elasticacheGraviton from '../../../src/analyze/rules/elasticache-graviton-candidate';
import rdsGraviton from '../../../src/analyze/rules/rds-graviton-candidate';
import { cache, db, ruleCases, run } from './fixtures';

ruleCases(rdsGraviton, {
  flagged: {
    parts: { dbInstances: [db()] },
    check: (f) => {
      // Golden: mysql db.t3.large 730 h × $0.136 = $99.28 (infracost db_instance_test); db.t4g.large scaled ×4 from
      // db.t4g.small's $0.032 (db_instance_test "Single-AZ, db.t4g.small 730 hours $23.36") = 730 h × $0.128 = $93.44.
      expect(f.monthlySavingsUsd).toBe(5.84);
      expect(f.confidence).toBe('low');
      expect(f.savingsBasis).toContain('rds.mysql.db.t4g.small.single_az scaled ×4 to db.t4g.large');
      expect(f.reason).toBe(
        'Single-AZ mysql db.t3.large runs on x86; db.t4g.large of the same size runs on Graviton (arm64): $5.84 a month cheaper, priced from another size of its family',
      );
      expect(f.evidence).toMatchObject({ suggestedClass: 'db.t4g.large' });
    },
  },
  clean: { parts: { dbInstances: [db({ instanceClass: 'db.t4g.large' })] } },
  noData: { parts: { dbInstances: [db({ engine: 'postgres' })] } },
});

describe('rds-graviton-candidate scope', () => {
  it('prices Multi-AZ on both sides', () => {
    const [f] = run(rdsGraviton, { dbInstances: [db({ multiAz: true })] });
    // 730 h × ($0.272 db.t3.large Multi-AZ − 4 × $0.065 db.t4g.small Multi-AZ) = $198.56 − $189.80.
    expect(f?.monthlySavingsUsd).toBe(8.76);
  });

  it('leaves out engines with no Graviton classes and families with no Graviton twin', () => {
    const parts = { dbInstances: [db({ engine: 'sqlserver-se' }), db({ id: 'old', instanceClass: 'db.r4.large' })] };
    expect(run(rdsGraviton, parts)).toEqual([]);
  });
});

ruleCases(elasticacheGraviton, {
  flagged: {
    parts: { cacheClusters: [cache({ nodeType: 'cache.m5.12xlarge' })] },
    check: (f) => {
      // Golden: 2 nodes × 730 h × ($0.156 cache.m5.large scaled ×24 = $3.744 − $3.557 cache.m6g.12xlarge, infracost
      // elasticache_cluster_test "730 hours $2,596.61") = $5,466.24 − $5,193.22.
      expect(f.monthlySavingsUsd).toBe(273.02);
      expect(f.confidence).toBe('low');
      expect(f.reason).toContain('redis cluster of 2 cache.m5.12xlarge node(s) runs on x86; cache.m6g.12xlarge');
      expect(f.usageTypes).toEqual(['NodeUsage:cache.m6g.12xlarge']);
    },
  },
  clean: { parts: { cacheClusters: [cache({ nodeType: 'cache.m6g.large' }), cache({ id: 'old' })] } },
  noData: { parts: { cacheClusters: [cache({ nodeType: 'cache.r5.large' })] } },
});
