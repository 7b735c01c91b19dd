import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STORE_DOWN } from '../../src/slack/listeners/deps';
import { APP, CHANNEL, httpEvent, SECRET, slashBody, TEAM } from '../slack/helpers';

const context = { functionName: 'durion-cost-test-slack', awsRequestId: 'req-1' } as Context;

describe('functions/slack: an AWS call that hangs', () => {
  let hung: Server;
  let requests = 0;

  beforeAll(async () => {
    // A DynamoDB endpoint that takes each request and never answers.
    hung = createServer(() => {
      requests++;
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', `http://127.0.0.1:${(hung.address() as AddressInfo).port}`);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    vi.stubEnv('DURION_TABLE', 'durion-cost-test');
    vi.stubEnv('SLACK_SIGNING_SECRET', SECRET);
    vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test-token');
    vi.stubEnv('SLACK_TEAM_ID', TEAM);
    vi.stubEnv('SLACK_APP_ID', APP);
    vi.stubEnv('SLACK_CHANNEL', CHANNEL);
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'durion-cost-test');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    hung.closeAllConnections();
    await new Promise((resolve) => hung.close(resolve));
  });

  it('gives up on the store after its request timeout and tells the user instead of hanging', async () => {
    const { handler } = await import('../../functions/slack');
    const res = (await handler(
      httpEvent(slashBody({ text: 'summary' })),
      context,
    )) as APIGatewayProxyStructuredResultV2;
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(STORE_DOWN);
    expect(requests).toBeGreaterThanOrEqual(1);
  });
});
