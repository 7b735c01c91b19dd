/**
 * AWS Compute Optimizer collector: the seven recommendation kinds the bot ingests, every page of each, per region.
 * It fetches and never judges (src/recommend/ turns these into findings). Compute Optimizer is opt-in per account:
 * the first OptInRequiredException stops every further call and is kept as `enrollment: 'not-enrolled'`.
 */
import {
  type AutoScalingGroupRecommendation,
  ComputeOptimizerClient,
  type ECSServiceRecommendation,
  GetAutoScalingGroupRecommendationsCommand,
  GetEBSVolumeRecommendationsCommand,
  GetEC2InstanceRecommendationsCommand,
  GetECSServiceRecommendationsCommand,
  GetIdleRecommendationsCommand,
  GetRDSDatabaseRecommendationsCommand,
  type IdleRecommendation,
  type InstanceRecommendation,
  type LambdaFunctionRecommendation,
  paginateGetLambdaFunctionRecommendations,
  type RDSDBRecommendation,
  type VolumeRecommendation,
} from '@aws-sdk/client-compute-optimizer';
import type { Aws } from '../aws';
import type { Note } from '../domain/note';
import { guard } from './guard';
import { itemsOf, pager, tokenPages } from './pages';

/** The seven kinds, in the order they are read. */
export const OPTIMIZER_KINDS = ['ec2', 'asg', 'ebs', 'lambda', 'ecs', 'rds', 'idle'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

export interface OptimizerData {
  /** 'not-enrolled' when AWS answered OptInRequiredException; 'unknown' when every call failed otherwise. */
  enrollment: 'enrolled' | 'not-enrolled' | 'unknown';
  regions: string[];
  ec2: InstanceRecommendation[];
  asg: AutoScalingGroupRecommendation[];
  ebs: VolumeRecommendation[];
  lambda: LambdaFunctionRecommendation[];
  ecs: ECSServiceRecommendation[];
  rds: RDSDBRecommendation[];
  idle: IdleRecommendation[];
}

/** Compute Optimizer data with no recommendation of any kind yet. */
export const emptyOptimizerData = (enrollment: OptimizerData['enrollment'], regions: string[] = []): OptimizerData => ({
  enrollment,
  regions,
  ec2: [],
  asg: [],
  ebs: [],
  lambda: [],
  ecs: [],
  rds: [],
  idle: [],
});

/** How to enrol, quoted in the note and in the opt-in finding. */
export const OPT_IN_HOW =
  'opt in with `aws compute-optimizer update-enrollment-status --status Active` (add --include-member-accounts from ' +
  'the management account) or in the console; recommendations appear after about 12 hours';

/** A page as every Compute Optimizer list operation returns it: items under a kind-specific key, and nextToken. */
interface Page<T> {
  items: T[];
  nextToken?: string;
  errors: { identifier?: string; code?: string; message?: string }[];
}

/**
 * Every page of one kind: the SDK's paginator where it has one (Lambda), else a token loop. `scope` names the member
 * account when the management account reads for it (`accountIds`: "Only one account ID can be specified per request").
 */
type PageReader<T> = (client: ComputeOptimizerClient, scope: { accountIds?: string[] }) => AsyncIterable<Page<T>>;

// maxResults: 1000 is each list operation's maximum, 100 for GetIdleRecommendations (pagination_summary.json).
const READERS: { [K in OptimizerKind]: { operation: string; read: PageReader<OptimizerData[K][number]> } } = {
  ec2: {
    operation: 'GetEC2InstanceRecommendations',
    read: (c, scope) =>
      tokenPages(async (nextToken) => {
        const r = await c.send(new GetEC2InstanceRecommendationsCommand({ ...scope, maxResults: 1000, nextToken }));
        return { items: r.instanceRecommendations ?? [], nextToken: r.nextToken, errors: r.errors ?? [] };
      }),
  },
  asg: {
    operation: 'GetAutoScalingGroupRecommendations',
    read: (c, scope) =>
      tokenPages(async (nextToken) => {
        const r = await c.send(
          new GetAutoScalingGroupRecommendationsCommand({ ...scope, maxResults: 1000, nextToken }),
        );
        return { items: r.autoScalingGroupRecommendations ?? [], nextToken: r.nextToken, errors: r.errors ?? [] };
      }),
  },
  ebs: {
    operation: 'GetEBSVolumeRecommendations',
    read: (c, scope) =>
      tokenPages(async (nextToken) => {
        const r = await c.send(new GetEBSVolumeRecommendationsCommand({ ...scope, maxResults: 1000, nextToken }));
        return { items: r.volumeRecommendations ?? [], nextToken: r.nextToken, errors: r.errors ?? [] };
      }),
  },
  lambda: {
    operation: 'GetLambdaFunctionRecommendations',
    read: async function* (c, scope) {
      for await (const r of paginateGetLambdaFunctionRecommendations(pager(c), { ...scope, maxResults: 1000 })) {
        yield { items: r.lambdaFunctionRecommendations ?? [], errors: [] };
      }
    },
  },
  ecs: {
    operation: 'GetECSServiceRecommendations',
    read: (c, scope) =>
      tokenPages(async (nextToken) => {
        const r = await c.send(new GetECSServiceRecommendationsCommand({ ...scope, maxResults: 1000, nextToken }));
        return { items: r.ecsServiceRecommendations ?? [], nextToken: r.nextToken, errors: r.errors ?? [] };
      }),
  },
  rds: {
    operation: 'GetRDSDatabaseRecommendations',
    read: (c, scope) =>
      tokenPages(async (nextToken) => {
        const r = await c.send(new GetRDSDatabaseRecommendationsCommand({ ...scope, maxResults: 1000, nextToken }));
        return { items: r.rdsDBRecommendations ?? [], nextToken: r.nextToken, errors: r.errors ?? [] };
      }),
  },
  idle: {
    operation: 'GetIdleRecommendations',
    read: (c, scope) =>
      tokenPages(async (nextToken) => {
        const r = await c.send(new GetIdleRecommendationsCommand({ ...scope, maxResults: 100, nextToken }));
        return { items: r.idleRecommendations ?? [], nextToken: r.nextToken, errors: r.errors ?? [] };
      }),
  },
};

const isOptIn = (err: unknown): boolean => err instanceof Error && /OptInRequired/i.test(err.name);

/**
 * Read every Compute Optimizer recommendation kind in each region: the caller's own, or with `forAccount` a member
 * account's as its organization's management account (or delegated administrator) sees them. Failures become notes;
 * the run goes on.
 */
export async function collectComputeOptimizer(
  aws: Aws,
  regions: string[],
  notes: Note[],
  forAccount?: string,
): Promise<OptimizerData> {
  const scope = forAccount ? { accountIds: [forAccount] } : {};
  const data = emptyOptimizerData('unknown', regions);
  for (const region of regions) {
    const client = aws.client(ComputeOptimizerClient, region);
    for (const kind of OPTIMIZER_KINDS) {
      if (data.enrollment === 'not-enrolled') return data;
      // The mapped type ties each kind to its item type; inside the loop the items are only moved, never read.
      const { operation, read } = READERS[kind] as { operation: string; read: PageReader<unknown> };
      const source = `compute-optimizer:${operation}`;
      const itemErrors: Page<unknown>['errors'] = [];
      const items = await guard(notes, { source, region }, async () => {
        try {
          return await itemsOf(read(client, scope), (page) => {
            itemErrors.push(...page.errors);
            return page.items;
          });
        } catch (err) {
          if (!isOptIn(err)) throw err;
          data.enrollment = 'not-enrolled';
          notes.push({ kind: 'opt-in', source, region, message: `Compute Optimizer is not enabled: ${OPT_IN_HOW}` });
          return undefined;
        }
      });
      if (items === undefined) continue;
      data.enrollment = 'enrolled';
      (data[kind] as unknown[]).push(...items);
      if (itemErrors.length > 0) {
        const first = itemErrors[0];
        notes.push({
          kind: 'unavailable',
          source,
          region,
          message:
            `${itemErrors.length} resource(s) had no recommendation, e.g. ${first?.identifier ?? '?'}: ${first?.code ?? ''} ${first?.message ?? ''}`.trim(),
        });
      }
    }
  }
  return data;
}
