/**
 * The organization fan-out at scale: generated sample organizations of 10, 100 and 500 accounts x 4 regions, every
 * AWS call answered after an injected latency (BENCH_ORG_LATENCY_MS, default 50 ms), read on the local runner at
 * concurrency 1 and 20 (the state machine's steps, in-process); then the aggregate step (merge every slice) and the
 * analysis (rule catalog and AWS recommendations) with their time and the process's peak RSS; and the Step Functions
 * and Lambda cost of one daily run at list prices. Figures only, never asserted. BENCH_ORG_SIZES overrides the sizes;
 * concurrency 1 is measured up to BENCH_ORG_SERIAL_MAX accounts (default 10: a slice takes ~0.8 s of sequential calls at 50
 * ms each) and extrapolated beyond from the time per slice, and says so.
 */
import { sampleResponder } from '../fixtures/sample';
import { analyzeOptimization } from '../src/analyze/recommend';
import { evaluateRules } from '../src/analyze/rules';
import { createAws } from '../src/aws';
import { mapBounded } from '../src/collect/inventory';
import { collectOptimization } from '../src/collect/optimization';
import { memorySliceStore } from '../src/collect/slices';
import { loadConfig } from '../src/config';
import type { Note } from '../src/domain/note';
import { aggregateStep, listStep, sliceStep, stepContext } from '../src/jobs/organization';
import { price } from '../src/pricing';

const AS_OF = '2026-11-20';
const REGIONS = 'us-east-1,eu-west-1,ap-southeast-2,us-west-2';
const LATENCY = Number(process.env.BENCH_ORG_LATENCY_MS ?? 50);
const SIZES = (process.env.BENCH_ORG_SIZES ?? '10,100,500').split(',').map(Number);
const SERIAL_MAX = Number(process.env.BENCH_ORG_SERIAL_MAX ?? 10);
/** serverless.yml's memory of the slice and aggregate functions, GB. */
const SLICE_GB = 1;
const AGGREGATE_GB = 2;
/** State transitions: the parent's (list, map, aggregate, start and end) and each item's child execution. */
const PARENT_TRANSITIONS = 5;
const ITEM_TRANSITIONS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One organization read at one concurrency: the fan-out's wall time, then the aggregate and the analysis. */
async function measure(accounts: number, concurrency: number) {
  const sample = sampleResponder({ asOf: AS_OF, seed: 1, accounts });
  const aws = createAws({
    mode: 'sample',
    homeRegion: 'us-east-1',
    responder: async (call) => {
      await sleep(LATENCY);
      return sample(call);
    },
  });
  const config = loadConfig({ DURION_REGIONS: REGIONS, DURION_SLICE_CONCURRENCY: String(concurrency) });
  const ctx = stepContext(aws, config, '111111111111', { asOf: AS_OF, id: 'bench' }, memorySliceStore());
  const started = performance.now();
  const { items } = await listStep(ctx, 'organization');
  const workList = (await ctx.store.workList(ctx.run))?.items ?? [];
  await mapBounded(workList, concurrency, (item) => sliceStep(ctx, item));
  const fanOutMs = performance.now() - started;

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  const notes: Note[] = [];
  const read = await aggregateStep(ctx, notes);
  const mergeMs = performance.now() - t0;
  const inventory = { asOf: AS_OF, sample: true, notes, resources: read.resources };
  const drafts = evaluateRules(inventory, config);
  const optimization = await collectOptimization(
    createAws({ mode: 'sample', homeRegion: 'us-east-1', responder: sample }),
    config,
    notes,
    { asOf: AS_OF, regions: read.resources.regions, accountId: '111111111111', optimizer: read.optimizer },
  );
  analyzeOptimization({ ...inventory, optimization }, drafts, { accountId: '111111111111', homeRegion: 'us-east-1' });
  const aggregateMs = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { items, fanOutMs, mergeMs, aggregateMs, peakMb: peak / 1e6, resources: read.resources.instances.length };
}

/** One daily run on the state machine at list prices: transitions, and Lambda GB-seconds and requests (arm64). */
function runCost(items: number, sliceSeconds: number, aggregateSeconds: number): number {
  const transition = price('sfn.standard.transition', 'us-east-1')?.usd ?? Number.NaN;
  const gbSecond = price('lambda.duration_arm_first_7_5B', 'us-east-1')?.usd ?? Number.NaN;
  const perMillionRequests = price('lambda.requests', 'us-east-1')?.usd ?? Number.NaN;
  const transitions = PARENT_TRANSITIONS + ITEM_TRANSITIONS * items;
  const gbSeconds = items * sliceSeconds * SLICE_GB + aggregateSeconds * AGGREGATE_GB;
  return transitions * transition + gbSeconds * gbSecond + ((items + 2) / 1e6) * perMillionRequests;
}

export async function benchOrganization(): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  let perItemSerialMs: number | undefined;
  for (const accounts of SIZES) {
    const fast = await measure(accounts, 20);
    const label = `${accounts} accounts x 4 regions (${fast.items} slices, ${LATENCY} ms a call)`;
    let serial: string;
    if (accounts <= SERIAL_MAX) {
      const slow = await measure(accounts, 1);
      perItemSerialMs = slow.fanOutMs / slow.items;
      serial = `${(slow.fanOutMs / 1000).toFixed(1)} s`;
    } else {
      serial = perItemSerialMs
        ? `~${((perItemSerialMs * fast.items) / 1000).toFixed(0)} s (extrapolated from the largest measured size)`
        : 'not measured';
    }
    const sliceSeconds = (fast.fanOutMs / 1000 / fast.items) * 20; // each slice's own duration at concurrency 20
    figures[`${label}: fan-out wall time, concurrency 1`] = serial;
    figures[`${label}: fan-out wall time, concurrency 20`] = `${(fast.fanOutMs / 1000).toFixed(1)} s`;
    figures[`${label}: aggregate (merge ${fast.mergeMs.toFixed(0)} ms, then analysis)`] =
      `${(fast.aggregateMs / 1000).toFixed(2)} s, peak RSS ${fast.peakMb.toFixed(0)} MB, ${fast.resources} instances`;
    figures[`${label}: Step Functions + Lambda cost of one run`] =
      `$${runCost(fast.items, sliceSeconds, fast.aggregateMs / 1000).toFixed(4)} (list prices; slice ${sliceSeconds.toFixed(2)} s each)`;
  }
  return figures;
}
