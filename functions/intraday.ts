/**
 * The optional intraday schedule (off by default): only the anomaly path, on hourly spend, for alerts hours sooner
 * than the daily run. Publishes through the same topic and once-only claims as the daily run.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { createAws } from '../src/aws';
import { loadConfig } from '../src/config';
import { runIntraday } from '../src/jobs/intraday';

const logger = new Logger();
const metrics = new Metrics();
const config = loadConfig();

/** Runs the anomaly path on hourly spend up to the schedule's hour. */
export const lambdaHandler = async (event: ScheduledEvent) => {
  logger.setCorrelationId(event.id);
  const result = await runIntraday({
    aws: createAws({ mode: 'live', homeRegion: config.homeRegion }),
    now: new Date(event.time),
    config,
    storeDir: '/tmp/durion-cost/store',
  });
  metrics.addMetric('CostExplorerRequests', MetricUnit.Count, result.costExplorerRequests);
  metrics.addMetric('Anomalies', MetricUnit.Count, result.anomalies.length);
  metrics.addMetric('AlertsPublished', MetricUnit.Count, result.published);
  logger.info('intraday anomaly run finished', {
    anomalies: result.anomalies.map((a) => ({ id: a.id, kind: a.kind, impactUsd: Math.round(a.impactUsd) })),
    alerts: result.alerts.length,
    published: result.published,
    notes: result.notes,
  });
  return { anomalies: result.anomalies.length, published: result.published };
};

export const handler = middy(lambdaHandler)
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
