/**
 * Slash command latency: a few hundred correctly signed requests through the real Slack handler (Bolt's
 * AwsLambdaReceiver, in process) against a local store filled by a sample run. Figures are printed, never asserted.
 */

import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliAws } from '../src/cli/aws';
import { loadConfig } from '../src/config';
import { runDaily } from '../src/jobs/daily';
import { openStore } from '../src/ledger/store';
import { createSlackApp } from '../src/slack/app';

const REQUESTS = 300;
const SECRET = 'bench-signing-secret';
const TEXTS = [
  'summary',
  'top services 5 30',
  'top accounts',
  'unused',
  'savings service',
  'status',
  'rightsizing',
  'help',
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Signed slash commands through the handler, one after another (a warm Lambda serves one request at a time). */
export async function benchSlack(): Promise<Record<string, string>> {
  const work = mkdtempSync(join(tmpdir(), 'durion-bench-slack-'));
  const env = { SLACK_TEAM_ID: 'T0BENCH', SLACK_APP_ID: 'A0BENCH', SLACK_CHANNEL: 'C0BENCH' };
  const config = loadConfig(env);
  await runDaily({
    aws: cliAws({ mode: 'sample', homeRegion: config.homeRegion, asOf: '2026-11-20' }),
    asOf: '2026-11-20',
    outDir: join(work, 'out'),
    storeDir: join(work, 'store'),
    config,
  });
  const store = await openStore({ storeDir: join(work, 'store') });
  try {
    const { handler } = createSlackApp({
      config: config.slack,
      signingSecret: SECRET,
      botToken: 'xoxb-bench',
      store,
      sendFeedback: async () => {},
    });
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const body = new URLSearchParams({
        team_id: env.SLACK_TEAM_ID,
        api_app_id: env.SLACK_APP_ID,
        channel_id: env.SLACK_CHANNEL,
        user_id: 'U0BENCH',
        command: '/durion-cost',
        text: TEXTS[i % TEXTS.length] ?? 'summary',
        trigger_id: `bench.${i}`,
        response_url: 'http://127.0.0.1:9/unused',
      }).toString();
      const ts = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      const event = {
        version: '2.0',
        routeKey: 'POST /slack/events',
        rawPath: '/slack/events',
        rawQueryString: '',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-signature': signature,
          'x-slack-request-timestamp': String(ts),
        },
        requestContext: {},
        body,
        isBase64Encoded: false,
      };
      const started = performance.now();
      const res = await handler(event, {});
      times.push(performance.now() - started);
      if (res.statusCode !== 200) throw new Error(`bench: "${TEXTS[i % TEXTS.length]}" answered ${res.statusCode}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      [`slash latency p50 (${REQUESTS} signed requests)`]: `${percentile(sorted, 0.5).toFixed(1)} ms`,
      'slash latency p95': `${percentile(sorted, 0.95).toFixed(1)} ms`,
      'slash latency max': `${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
    };
  } finally {
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}
