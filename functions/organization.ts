/**
 * The state machine's three Lambdas (deploy/organization.asl.json): list the work items, read one slice, aggregate
 * and deliver. Each takes what the state machine passes, checked here, and runs the step of src/jobs/organization.ts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { createAws } from '../src/aws';
import { secret } from '../src/aws/secrets';
import { loadConfig } from '../src/config';
import { todayUtc } from '../src/domain/dates';
import { UsageError } from '../src/domain/errors';
import { runDaily } from '../src/jobs/daily';
import { fanOutOf, readSlice, startRun } from '../src/jobs/organization';

const logger = new Logger();
const metrics = new Metrics();
const config = loadConfig();
const live = () => createAws({ mode: 'live', homeRegion: config.homeRegion });

const Run = z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), id: z.string().min(1).max(80) });
const Item = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
  bucketRegions: z.array(z.string()).optional(),
  optimizer: z.literal('management').optional(),
});

/** The event as the state machine passes it, or a UsageError naming what is wrong (the execution then fails). */
function parse<T>(schema: z.ZodType<T>, event: unknown, what: string): T {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new UsageError(`${what}: the state machine's input is not as expected: ${fields}`);
}

/** Step 1: the run is the execution; its day is the day the execution started (UTC). */
export const listHandler = async (event: unknown) => {
  const e = parse(z.object({ executionName: z.string().min(1).max(80), startedAt: z.string() }), event, 'list');
  // The execution's name on every log line of its three steps.
  logger.setCorrelationId(e.executionName);
  const run = { asOf: todayUtc(new Date(e.startedAt)), id: e.executionName };
  const out = await startRun(live(), config, run);
  logger.info('work list kept', { run, items: out.items });
  return out;
};

/** Step 2: one slice. */
export const sliceHandler = async (event: unknown) => {
  const e = parse(z.object({ run: Run, item: Item }), event, 'slice');
  logger.setCorrelationId(e.run.id);
  return readSlice(live(), config, e.run, e.item);
};

/** Step 3: every slice merged, then the daily job's analysis, ledger and delivery, once. */
export const aggregateHandler = async (event: unknown) => {
  const { run } = parse(z.object({ run: Run }), event, 'aggregate');
  logger.setCorrelationId(run.id);
  const aws = live();
  const { report } = await runDaily({
    aws,
    asOf: run.asOf,
    outDir: '/tmp/durion-cost/out',
    storeDir: '/tmp/durion-cost/store',
    config,
    slackBotToken: await secret(config.slack.botToken, config.slack.botTokenParam),
    fanOut: fanOutOf(aws, config, run),
    // The execution: the state machine's retry of this step, or a redrive, resumes from the snapshot.
    invocationId: run.id,
  });
  // MissedRunAlarm (serverless.yml) counts these: a day without one is an alarm.
  metrics.addMetric('RunsCompleted', MetricUnit.Count, 1);
  metrics.addMetric('Findings', MetricUnit.Count, report.findings.total);
  metrics.addMetric('Failures', MetricUnit.Count, report.notes.filter((n) => n.kind !== 'estimated').length);
  logger.info('organization run finished', { run, findings: report.findings, digests: report.digests });
  return { asOf: run.asOf, findings: report.findings };
};

const wrap = <E, R>(fn: (e: E) => Promise<R>) =>
  middy(fn)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));

export const list = wrap(listHandler);
export const slice = wrap(sliceHandler);
export const aggregate = wrap(aggregateHandler);
