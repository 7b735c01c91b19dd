// The Slack function's cold path as Lambda runs it, for npm run bench: a fresh Node process imports the packaged
// bundle (functions/slack.mjs), then answers one signed `/durion-cost summary`. On the way it reads both secrets
// from SSM through Powertools Parameters (a local stand-in for SSM's GetParameter on loopback) and the latest snapshot
// from DynamoDB (dynalite serving the store a sample run filled). In AWS each of those reads also pays a network round
// trip (two SSM reads side by side, then DynamoDB), which loopback does not: tens of milliseconds, not measured here.
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import dynalite from 'dynalite';

const SECRET = 'bench-signing-secret';
const TEAM = 'T0BENCH';
const APP = 'A0BENCH';
const CHANNEL = 'C0BENCH';

/** Serves SSM's GetParameter (JSON 1.1 protocol) for the two secret parameters; anything else is a 400. */
function fakeSsm(values) {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const name = req.headers['x-amz-target'] === 'AmazonSSM.GetParameter' ? JSON.parse(body).Name : undefined;
      const value = values[name];
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (value === undefined) {
        res.statusCode = 400;
        return res.end(JSON.stringify({ __type: 'ParameterNotFound', message: `no parameter ${name}` }));
      }
      res.end(JSON.stringify({ Parameter: { Name: name, Type: 'SecureString', Value: value, Version: 1 } }));
    });
  });
}

const listen = (server) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });

/** The API Gateway (HTTP API, payload 2.0) event of one signed slash command. */
function signedCommand(text) {
  const body = new URLSearchParams({
    team_id: TEAM,
    api_app_id: APP,
    channel_id: CHANNEL,
    user_id: 'U0BENCH',
    command: '/durion-cost',
    text,
    trigger_id: `bench.${Date.now()}`,
    response_url: 'http://127.0.0.1:9/unused',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-signature': signature,
      'x-slack-request-timestamp': String(ts),
    },
    requestContext: { requestId: 'bench-request' },
    body,
    isBase64Encoded: false,
  };
}

// The child: import, then one request; its figures on the last stdout line (the function's own logs and metrics
// come before it, as Lambda would print them).
const CHILD = `
const t0 = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE);
const t1 = performance.now();
const context = {
  functionName: 'durion-cost-bench-slack', functionVersion: '$LATEST', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:durion-cost-bench-slack',
  awsRequestId: 'bench-request', getRemainingTimeInMillis: () => 10000,
};
const res = await handler(JSON.parse(process.env.BENCH_EVENT), context);
const t2 = performance.now();
console.log('\\nBENCH ' + JSON.stringify({ importMs: t1 - t0, answerMs: t2 - t1, status: res.statusCode, body: res.body }));
`;

/**
 * Runs the cold path `runs` times, each in a new process, against the store under storeDir (a sample run's). Returns
 * each run's { importMs, answerMs, wallMs } (wallMs: the whole process, Node's own start included).
 */
export async function coldSlack(bundle, storeDir, runs, env) {
  const ddb = dynalite({ path: `${storeDir}/dynalite`, createTableMs: 0 });
  const ssm = fakeSsm({
    '/durion-cost/bench/slack-signing-secret': SECRET,
    '/durion-cost/bench/slack-bot-token': 'xoxb-bench',
  });
  const [ddbUrl, ssmUrl] = await Promise.all([listen(ddb), listen(ssm)]);
  try {
    const results = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      // Asynchronous: this process serves the child's SSM and DynamoDB requests while it runs.
      const { stdout: out } = await promisify(execFile)('node', ['--input-type=module', '-e', CHILD], {
        env: {
          ...env,
          BENCH_BUNDLE: bundle,
          BENCH_EVENT: JSON.stringify(signedCommand('summary')),
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
          AWS_ENDPOINT_URL_SSM: ssmUrl,
          AWS_ENDPOINT_URL_DYNAMODB: ddbUrl,
          AWS_LAMBDA_FUNCTION_NAME: 'durion-cost-bench-slack',
          DURION_TABLE: 'durion-cost',
          SLACK_SIGNING_SECRET: '',
          SLACK_BOT_TOKEN: '',
          SLACK_SIGNING_SECRET_PARAM: '/durion-cost/bench/slack-signing-secret',
          SLACK_BOT_TOKEN_PARAM: '/durion-cost/bench/slack-bot-token',
          SLACK_TEAM_ID: TEAM,
          SLACK_APP_ID: APP,
          SLACK_CHANNEL: CHANNEL,
        },
      });
      const wallMs = performance.now() - started;
      const figures = JSON.parse(out.slice(out.lastIndexOf('\nBENCH ') + 7));
      if (figures.status !== 200 || !figures.body.includes('blocks')) {
        throw new Error(`bench: the cold slash command answered ${figures.status}: ${figures.body.slice(0, 200)}`);
      }
      results.push({ importMs: figures.importMs, answerMs: figures.answerMs, wallMs });
    }
    return results;
  } finally {
    await Promise.all([ddb, ssm].map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
