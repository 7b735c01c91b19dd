import { readFileSync } from 'node:fs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setSsmClient } from '../../src/aws/secrets';
import { openStore } from '../../src/ledger/store';
import { tempDir } from '../ledger/helpers';
import { APP, CHANNEL, fakeSlack, SECRET, seedStore, sign, TEAM } from '../slack/helpers';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../events/slack/${name}.json`, import.meta.url), 'utf8'),
  ) as APIGatewayProxyEventV2;

/** The fixture with its body changed by `edit` and signed now, as Slack would send it. */
const resigned = (event: APIGatewayProxyEventV2, edit: (body: string) => string = (b) => b) => {
  const body = edit(event.body ?? '');
  return { ...event, body, headers: { ...event.headers, ...sign(body) } };
};

const context = { functionName: 'durion-cost-test-slack', awsRequestId: 'req-1' } as Context;

describe('functions/slack (middy handler, secrets from SSM, store on dynalite)', () => {
  const tmp = tempDir();
  const ssm = mockClient(SSMClient);
  let slack: Awaited<ReturnType<typeof fakeSlack>>;
  let findingId: string;
  let handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
  const output: string[] = [];

  beforeAll(async () => {
    const store = await openStore({ storeDir: tmp.dir });
    findingId = (await seedStore(store)).byResource('vol-0aaa').id;
    await store.close();
    slack = await fakeSlack();
    ssm.on(GetParameterCommand, { Name: '/durion-cost/test/slack-signing-secret', WithDecryption: true }).resolves({
      Parameter: { Value: SECRET },
    });
    setSsmClient(new SSMClient({ region: 'us-east-1' }));
    vi.stubEnv('SLACK_SIGNING_SECRET_PARAM', '/durion-cost/test/slack-signing-secret');
    vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test-token');
    vi.stubEnv('SLACK_API_URL', slack.apiUrl);
    vi.stubEnv('SLACK_TEAM_ID', TEAM);
    vi.stubEnv('SLACK_APP_ID', APP);
    vi.stubEnv('SLACK_CHANNEL', CHANNEL);
    vi.stubEnv('SLACK_ADMIN_USERS', 'U0ADMIN');
    vi.stubEnv('DURION_STORE_DIR', tmp.dir);
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'durion-cost-test');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    ({ handler } = await import('../../functions/slack'));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await slack.close();
    tmp.cleanup();
  });

  it('answers a signed slash command from the event fixture with the stored figures', async () => {
    const res = await handler(resigned(fixture('command-summary')), context);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Month-to-date');
  });

  it('refuses the fixture as recorded: its timestamp is stale', async () => {
    expect((await handler(fixture('command-summary'), context)).statusCode).toBe(401);
  });

  it('acknowledges a finding from the interaction fixture', async () => {
    const event = resigned(fixture('interaction-ack'), (body) =>
      body
        .replaceAll('FINDING_ID', findingId)
        .replace(
          encodeURIComponent('https://hooks.slack.com/actions/T0TEST/2/def'),
          encodeURIComponent(slack.responseUrl()),
        ),
    );
    expect((await handler(event, context)).statusCode).toBe(200);
    expect(JSON.stringify(slack.to('/hooks/')[0]?.body)).toContain(`Acknowledged \`${findingId}\``);
  });

  it('reads the signing secret from SSM once within its time to live and never logs a secret', () => {
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    const logs = output.join('');
    // Each request's log lines carry API Gateway's request id.
    const requestId = fixture('command-summary').requestContext.requestId;
    expect(logs).toContain(`"correlation_id":"${requestId}"`);
    expect(logs).toContain('"statusCode":401');
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain('xoxb-test-token');
  });
});
