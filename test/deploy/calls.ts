/**
 * What the project's modules send to AWS, read from their SDK imports: the IAM tests compare roles and templates
 * with it (test/deploy/iam.test.ts for serverless.yml, member-role.test.ts for deploy/member-role.yml).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** IAM action names that differ from the API operation the SDK sends. */
const OPERATION_OF: Record<string, string> = {
  's3:ListAllMyBuckets': 'ListBuckets',
  's3:GetLifecycleConfiguration': 'GetBucketLifecycleConfiguration',
  'budgets:ViewBudget': 'DescribeBudgets',
  'apigateway:GET': 'GetRestApis',
  's3:ListBucketMultipartUploads': 'ListMultipartUploads',
  's3:ListMultipartUploadParts': 'ListParts',
};
const IAM_OF = Object.fromEntries(Object.entries(OPERATION_OF).map(([iam, op]) => [`${iam.split(':')[0]}:${op}`, iam]));
/** Calls AWS answers for any caller, without a grant. */
const NEEDS_NO_GRANT = new Set(['sts:GetCallerIdentity']);
/** The IAM actions for calls (`service:Operation`), without those that need no grant, sorted and unique. */
export const iamActions = (calls: Iterable<string>) =>
  [...new Set([...calls].filter((c) => !NEEDS_NO_GRANT.has(c)).map((c) => IAM_OF[c] ?? c))].sort();

/** The IAM prefix of each SDK client package, where it is not the package name. */
const PREFIX: Record<string, string> = {
  'client-application-auto-scaling': 'application-autoscaling',
  'client-elastic-load-balancing': 'elasticloadbalancing',
  'client-elastic-load-balancing-v2': 'elasticloadbalancing',
  'client-cloudwatch-logs': 'logs',
  'client-cost-explorer': 'ce',
  'client-efs': 'elasticfilesystem',
  'client-route-53': 'route53',
  'client-auto-scaling': 'autoscaling',
  'client-api-gateway': 'apigateway',
  'client-opensearch': 'es',
};

/** `service:Operation` for every command or paginator a source file imports from an AWS SDK client. */
export function callsIn(source: string): string[] {
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

/** The .ts files under a folder, relative to the project. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

export const callsOf = (files: string[]) => iamActions(files.flatMap((f) => callsIn(read(f))));
