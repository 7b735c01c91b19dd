/**
 * The Slack endpoint (POST /slack/events): slash commands and interactivity, through Bolt's AwsLambdaReceiver.
 * Secrets come from SSM SecureString in AWS (kept SECRET_TTL_S) and from the environment locally.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import middy from '@middy/core';
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type ClientLimits, createAws } from '../src/aws';
import { secret, setSsmClient } from '../src/aws/secrets';
import { loadConfig } from '../src/config';
import { ConfigError } from '../src/domain/errors';
import { openStore } from '../src/ledger/store';
import { createSlackApp } from '../src/slack/app';
import { anomalyFeedback } from '../src/slack/feedback';
import { schedulingContext } from '../src/slack/scheduler';

const logger = new Logger();
const metrics = new Metrics();
const config = loadConfig();

/**
 * Slack shows the user an error when an answer takes over 3 s. The cold path itself (import, both secrets, the store
 * read, the answer) takes about 0.4 s on the bench machine (`npm run bench`); what could pass 3 s is an AWS call that
 * hangs, so each one on this path gives up after a second, untried again (a retry would spend the user's 3 s): the
 * user then reads that the store could not be reached and to try again, not Slack's timeout. (The SDK's default has
 * no request timeout, and only warns on one unless told to throw.)
 */
const BOUNDED: ClientLimits = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 300, requestTimeout: 1000, throwOnRequestTimeout: true },
};
setSsmClient(new SSMClient(BOUNDED));

/**
 * Bolt's logs go to the structured logger. Its debug level is dropped on purpose: there Bolt prints whole requests
 * (headers, bodies, Slack's verification token), and secrets are never logged.
 */
const boltLogger: BoltLogger = {
  debug: () => {},
  info: (...msg) => logger.info(msg.join(' ')),
  warn: (...msg) => logger.warn(msg.join(' ')),
  error: (...msg) => logger.error(msg.join(' ')),
  setLevel: () => {},
  getLevel: () => LogLevel.INFO,
  setName: () => {},
};

type Handler = ReturnType<typeof createSlackApp>['handler'];
let app: Promise<Handler> | undefined;

/** The app, built once per container: secrets read, store opened, AWS client factory made. */
async function build(): Promise<Handler> {
  const [signingSecret, botToken] = await Promise.all([
    secret(config.slack.signingSecret, config.slack.signingSecretParam),
    secret(config.slack.botToken, config.slack.botTokenParam),
  ]);
  if (!signingSecret) throw new ConfigError('SLACK_SIGNING_SECRET (or SLACK_SIGNING_SECRET_PARAM) is not set');
  if (!botToken) logger.warn('no Slack bot token: commands answer, but the Keep button cannot open its form');
  const store = await openStore({
    tableName: config.tableName,
    storeDir: config.storeDir,
    ...(config.tableName ? { client: new DynamoDBClient(BOUNDED) } : {}),
  });
  // Anomaly feedback and schedules are on the 3 s path too: bounded as the store and the secrets are.
  const aws = createAws({ mode: 'live', homeRegion: config.homeRegion, limits: BOUNDED });
  return createSlackApp({
    config: config.slack,
    signingSecret,
    botToken: botToken ?? '',
    store,
    sendFeedback: anomalyFeedback(aws),
    // Only a stack deployed with scheduling=on has the schedule role and the write permissions this needs.
    ...(config.scheduling.enabled ? { scheduling: schedulingContext(aws, config) } : {}),
    logger: boltLogger,
  }).handler;
}

/** Verifies, acks and answers one Slack request. */
export const lambdaHandler = async (
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const started = performance.now();
  // Every log line of the request (Bolt's too) carries API Gateway's request id.
  logger.setCorrelationId(event.requestContext?.requestId ?? context.awsRequestId);
  if (!app) {
    app = build();
    // A failed start (SSM unreachable, secret missing) is not cached: the next request tries again.
    app.catch(() => {
      app = undefined;
    });
  }
  const result = await (await app)(event, context);
  const ms = performance.now() - started;
  metrics.addMetric('SlackLatency', MetricUnit.Milliseconds, ms);
  if (result.statusCode >= 400) metrics.addMetric('SlackRefused', MetricUnit.Count, 1);
  // The status and timing only: request bodies carry user text and the signature headers.
  logger.info('slack request', { statusCode: result.statusCode, ms: Math.round(ms) });
  return result;
};

export const handler = middy(lambdaHandler)
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
