/**
 * serverless.yml grants the daily function exactly the reads its collectors make: every action the rule catalog and
 * the inventory declare is in the CollectorReads statement, every action there is sent by some collector, and every
 * call the inventory collectors send is declared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventoryIamActions } from '../src/rules/index';

const ROOT = join(import.meta.dirname, '..');

/** The Action list of the statement with this Sid in the DailyRole (a small reader for the block style used). */
function statementActions(yml: string, sid: string): string[] {
  const lines = yml.split('\n');
  const start = lines.findIndex((l) => l.trim() === `- Sid: ${sid}`);
  if (start < 0) throw new Error(`serverless.yml has no statement with Sid ${sid}`);
  const actions: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const t = line.trim();
    if (t.startsWith('- Sid:') || t.startsWith('Resource:')) break;
    const m = t.match(/^- ([a-z0-9-]+:[A-Za-z0-9]+)$/);
    if (m?.[1]) actions.push(m[1]);
  }
  return actions;
}

/** IAM action names that differ from the API operation the SDK sends. */
const OPERATION_OF: Record<string, string> = {
  's3:ListAllMyBuckets': 'ListBuckets',
  's3:GetLifecycleConfiguration': 'GetBucketLifecycleConfiguration',
};
const IAM_OF = Object.fromEntries(Object.entries(OPERATION_OF).map(([iam, op]) => [`${iam.split(':')[0]}:${op}`, iam]));

/** The IAM prefix of each SDK client package. */
const PREFIX: Record<string, string> = {
  'client-ec2': 'ec2',
  'client-elastic-load-balancing': 'elasticloadbalancing',
  'client-elastic-load-balancing-v2': 'elasticloadbalancing',
  'client-rds': 'rds',
  'client-cloudwatch': 'cloudwatch',
  'client-cloudwatch-logs': 'logs',
  'client-s3': 's3',
  'client-lambda': 'lambda',
  'client-dynamodb': 'dynamodb',
  'client-application-auto-scaling': 'application-autoscaling',
  'client-elasticache': 'elasticache',
  'client-cost-explorer': 'ce',
  'client-compute-optimizer': 'compute-optimizer',
  'client-cost-optimization-hub': 'cost-optimization-hub',
  'client-auto-scaling': 'autoscaling',
  'client-organizations': 'organizations',
  'client-budgets': 'budgets',
  'client-pricing': 'pricing',
};

/** `service:Operation` for every command or paginator a source file imports from an AWS SDK client. */
function callsIn(source: string): string[] {
  const calls: string[] = [];
  for (const m of source.matchAll(/import\s*{([^}]*)}\s*from\s*'@aws-sdk\/(client-[a-z0-9-]+)'/g)) {
    const prefix = PREFIX[m[2] ?? ''] ?? (m[2] ?? '').replace(/^client-/, '');
    for (const raw of (m[1] ?? '').split(',')) {
      const name =
        raw
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0] ?? '';
      const op = name.match(/^paginate(\w+)$/)?.[1] ?? name.match(/^(\w+)Command$/)?.[1];
      if (op) calls.push(`${prefix}:${op}`);
    }
  }
  return calls;
}

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(ROOT, dir, f), 'utf8'));

const declared = statementActions(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), 'CollectorReads');

describe('IAM of the daily function', () => {
  it('grants every action the rules and the inventory collectors declare', () => {
    expect(inventoryIamActions().filter((a) => !declared.includes(a))).toEqual([]);
  });

  it('grants nothing that no collector sends', () => {
    const sent = new Set(sources('src').flatMap(callsIn));
    const unused = declared.filter((a) => !sent.has(`${a.split(':')[0]}:${OPERATION_OF[a] ?? a.split(':')[1]}`));
    expect(unused).toEqual([]);
  });

  it('declares every call the inventory collectors send', () => {
    const needed = new Set(inventoryIamActions());
    const undeclared = sources('src/collect/inventory')
      .flatMap(callsIn)
      .map((call) => IAM_OF[call] ?? call)
      .filter((a) => !needed.has(a));
    expect([...new Set(undeclared)]).toEqual([]);
  });

  it('reads the statement it checks', () => {
    expect(declared.length).toBeGreaterThan(20);
    expect(callsIn("import { DescribeVolumesCommand, paginateDescribeSnapshots } from '@aws-sdk/client-ec2';")).toEqual(
      ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'],
    );
  });
});
