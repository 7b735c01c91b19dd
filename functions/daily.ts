/** The scheduled daily run: the same pipeline as `durion-cost run`, live, on the stack's table and topic. */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { createAws } from '../src/aws';
import { secret } from '../src/aws/secrets';
import { loadConfig } from '../src/config';
import { todayUtc } from '../src/domain/dates';
import { runDaily } from '../src/jobs/daily';

const logger = new Logger();
const metrics = new Metrics();
const config = loadConfig();

/** Runs the daily job for the schedule's day (UTC). */
export const lambdaHandler = async (event: ScheduledEvent) => {
  // Every log line of the run carries the schedule event's id: the same on Lambda's retry of it.
  logger.setCorrelationId(event.id);
  const asOf = todayUtc(new Date(event.time));
  const slackBotToken = await secret(config.slack.botToken, config.slack.botTokenParam);
  const { report } = await runDaily({
    aws: createAws({ mode: 'live', homeRegion: config.homeRegion }),
    asOf,
    outDir: '/tmp/durion-cost/out',
    storeDir: '/tmp/durion-cost/store',
    config,
    slackBotToken,
    // The schedule's event id is the same on each of Lambda's asynchronous retries: a retry resumes.
    invocationId: event.id,
  });
  // MissedRunAlarm (serverless.yml) counts these: a day without one is an alarm.
  metrics.addMetric('RunsCompleted', MetricUnit.Count, 1);
  metrics.addMetric('RunDuration', MetricUnit.Milliseconds, report.durationMs);
  metrics.addMetric('CostExplorerRequests', MetricUnit.Count, report.costExplorerRequests);
  metrics.addMetric('Findings', MetricUnit.Count, report.findings.total);
  metrics.addMetric('Failures', MetricUnit.Count, report.notes.filter((n) => n.kind !== 'estimated').length);
  // Counts and reasons only: no token, no figures beyond what the digest already shows.
  logger.info('daily run finished', {
    asOf,
    calls: report.calls,
    findings: report.findings,
    alerts: report.alerts,
    digests: report.digests,
    notes: report.notes,
  });
  return { asOf, findings: report.findings, costExplorerRequests: report.costExplorerRequests };
};

export const handler = middy(lambdaHandler)
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
