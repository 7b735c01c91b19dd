/**
 * The daily job: collect → analyze → ledger → notify, the same in the scheduled Lambda and in `durion-cost run`.
 * Everything is computed before the store is written, so a run that fails leaves nothing half-written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { forecastAlert } from './alerts/forecast';
import { anomalyStep } from './anomaly/step';
import { type Aws, type AwsMode, createAws } from './aws';
import type { CommitmentData } from './collect/commitments';
import { collectResources } from './collect/inventory';
import { collectOptimization } from './collect/optimization';
import { collectSpend } from './collect/spend';
import type { Config } from './config';
import { addDays } from './dates';
import { CredentialsError } from './errors';
import { reconcile } from './ledger/ledger';
import { openStore } from './ledger/store';
import type { RunReport, Snapshot } from './ledger/types';
import type { Alert, FindingDraft, Inventory, Note, SpendData } from './model';
import { buildDigest, type DigestSection } from './notify/digest';
import { checklistSection } from './notify/sections/checklist';
import { commitmentsSection } from './notify/sections/commitments';
import { rightsizingSection } from './notify/sections/rightsizing';
import { savingsSection } from './notify/sections/savings';
import { postMessage } from './notify/slack-post';
import { publishAlerts, toPublishInput } from './notify/sns';
import { renderText } from './notify/text';
import { writeOutputs } from './output';
import { analyzeOptimization } from './recommend';
import { evaluateRules } from './rules';
import { sampleResponder } from './sample';
import { summarize } from './summary';

export interface RunOptions {
  mode: AwsMode;
  asOf: string;
  outDir: string;
  storeDir: string;
  config: Config;
  cassetteDir?: string;
  /** Sample account seed. */
  seed?: number;
  /** The Slack bot token, resolved by the caller (SSM in AWS, the environment locally). */
  slackBotToken?: string;
  now?: () => Date;
}

export interface RunResult {
  report: RunReport;
  digestText: string;
  files: string[];
}

/**
 * Where alerts go is real even on the sample account or a cassette: a configured topic is a real topic. So the SNS
 * client is a plain one (mocked at the client in tests), not one of the factory's replayed clients.
 */
let snsClient: SNSClient | undefined;
const sns = (region: string) => {
  snsClient ??= new SNSClient({ region });
  return snsClient;
};

/** Days of spend kept in the snapshot for Slack answers. */
const SNAPSHOT_DAYS = 92;
/** Claims outlive the day they guard by this long (TTL deletes them after). */
const CLAIM_DAYS = 45;

/** Who we are: the account the credentials belong to. No credentials is a usage error that points at --sample. */
async function identify(aws: Aws): Promise<string> {
  try {
    const id = await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
    return id.Account ?? 'unknown';
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'CredentialsProviderError' || /credential/i.test((err as Error).message)) {
      throw new CredentialsError(
        'no AWS credentials found (default credential chain: environment, profile, SSO, instance role). ' +
          'Set AWS_PROFILE or run `durion-cost run --sample` to try the bundled sample account.',
        { cause: err },
      );
    }
    throw err;
  }
}

const emptySpend = (metric: SpendData['metric']): SpendData => ({
  metric,
  days: [],
  estimated: [],
  total: [],
  byService: {},
  byAccount: {},
  byAccountService: {},
  byRegion: {},
  accountNames: {},
});

/** The last `n` days of a spend record, for the snapshot. */
function lastDays(spend: SpendData, n: number): SpendData {
  const from = Math.max(0, spend.days.length - n);
  const cut = (series: Record<string, number[]>) =>
    Object.fromEntries(Object.entries(series).map(([k, v]) => [k, v.slice(from)]));
  return {
    ...spend,
    days: spend.days.slice(from),
    estimated: spend.estimated.slice(from),
    total: spend.total.slice(from),
    byService: cut(spend.byService),
    byAccount: cut(spend.byAccount),
    byAccountService: cut(spend.byAccountService),
    byRegion: cut(spend.byRegion),
    ...(spend.byTag ? { byTag: { key: spend.byTag.key, values: cut(spend.byTag.values) } } : {}),
  };
}

/** What collectors may reuse from earlier runs. */
interface Cached {
  spend?: SpendData;
  /** The previous snapshot's commitments: their weekly Cost Explorer reads are reused. */
  commitments?: CommitmentData;
}

/** Read everything the run needs from AWS. Collectors fetch and never judge; what they cannot read is a note. */
async function collect(aws: Aws, config: Config, asOf: string, cached: Cached, accountId: string): Promise<Inventory> {
  const notes: Note[] = [];
  const spend = await collectSpend(aws, { asOf, ...config.spend }, cached.spend, notes);
  const resources = await collectResources(aws, config, notes, { asOf, accountId });
  const optimization = await collectOptimization(aws, config, notes, {
    asOf,
    regions: resources.regions,
    previousCommitments: cached.commitments,
    accountId,
  });
  return { asOf, sample: aws.mode === 'sample', spend, resources, optimization, notes };
}

/**
 * `durion-cost record`: run the collectors live with nothing cached and keep what AWS answered as a cassette,
 * account ids replaced by stable fakes. Returns the number of operation files written.
 */
export async function recordCassette(options: { asOf: string; dir: string; config: Config }): Promise<number> {
  const aws = createAws({ mode: 'record', homeRegion: options.config.homeRegion });
  const accountId = await identify(aws);
  const inventory = await collect(aws, options.config, options.asOf, {}, accountId);
  // The anomaly path reads Cost Explorer too (AWS's anomalies, root causes): record what it asks.
  const { asOf, config } = options;
  await anomalyStep(aws, { asOf, spend: inventory.spend, accountId, config, notes: inventory.notes });
  const files = aws.recorder?.write(options.dir) ?? 0;
  writeFileSync(join(options.dir, CASSETTE_META), `${JSON.stringify({ asOf: options.asOf }, null, 2)}\n`);
  return files;
}

/** Beside the service folders, a cassette keeps the as-of date it was recorded for. */
export const CASSETTE_META = 'cassette.json';

const spendKey = (config: Config) => `${config.spend.metric}|${config.spend.tagKey}`;

/** Run the daily job once. Safe to run twice for one date: the digest and each alert go out once. */
export async function runDaily(options: RunOptions): Promise<RunResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const { config, asOf } = options;
  const sample = options.mode === 'sample';
  const aws = createAws({
    mode: options.mode,
    homeRegion: config.homeRegion,
    responder: sample ? sampleResponder({ asOf, seed: options.seed ?? 1 }) : undefined,
    cassetteDir: options.cassetteDir,
  });
  const accountId = await identify(aws);
  const store = await openStore({ tableName: config.tableName, storeDir: options.storeDir });
  try {
    // A cassette answers the calls it recorded: replay reads everything again rather than what a kept store lacks.
    const cached: Cached =
      options.mode === 'cassette'
        ? {}
        : {
            spend: await store.getSpend(spendKey(config)),
            commitments: (await store.latestSnapshot())?.extra.commitments as CommitmentData | undefined,
          };
    const inventory = await collect(aws, config, asOf, cached, accountId);
    const notes = inventory.notes;
    const spend = inventory.spend ?? emptySpend(config.spend.metric);
    if (!inventory.spend)
      notes.push({ kind: 'error', source: 'ce:GetCostAndUsage', message: 'no spend could be read' });

    // analyze
    const summary = summarize(spend, asOf);
    // AWS's own recommendations join the rules' drafts: one finding per resource and action, commitment-aware.
    const optimization = analyzeOptimization(
      inventory,
      evaluateRules(inventory, config).filter((d) => d.status !== 'ok'),
      { accountId, homeRegion: config.homeRegion, ownerTags: config.ownerTags },
    );
    notes.push(...optimization.notes);
    // Spend anomalies: ours and AWS's merged, root causes, findings, alerts (re-alert on growth, daily cap).
    const anomaly = await anomalyStep(aws, {
      asOf,
      spend: inventory.spend,
      accountId,
      config,
      notes,
      previous: (await store.latestSnapshot())?.extra.anomalies,
    });
    const drafts: FindingDraft[] = [...optimization.drafts, ...anomaly.findings];
    const alerts: Alert[] = [
      forecastAlert(summary, accountId, config.alerts.forecastOverLastMonth),
      ...optimization.alerts,
      ...anomaly.alerts,
    ].filter((a): a is Alert => a !== undefined);
    const sections: DigestSection[] = [];

    // ledger
    const ledger = reconcile(
      drafts.filter((d) => d.status !== 'ok'),
      await store.listFindings(),
      asOf,
      now(),
    );
    const current = ledger.findings.filter((f) => f.lastSeen === asOf).sort((a, b) => b.score - a.score);
    const savings = savingsSection(current, asOf);
    if (savings) sections.push(savings);
    for (const section of [
      rightsizingSection(current),
      commitmentsSection(inventory.optimization?.commitments, current),
      anomaly.section,
      checklistSection(optimization.checklist),
    ]) {
      if (section) sections.push(section);
    }

    // notify: claims first, so a retried or repeated run never sends twice
    const claimUntil = new Date(`${addDays(asOf, CLAIM_DAYS)}T00:00:00Z`);
    const topicArn = config.topicArn ?? 'arn:aws:sns:us-east-1:000000000000:durion-cost-alerts-not-configured';
    const alertInputs = alerts.map((a) =>
      a.kind === 'anomaly' ? anomaly.publishInput(a, topicArn) : toPublishInput(a, topicArn),
    );
    let published = 0;
    let duplicates = 0;
    const publishedKeys: string[] = [];
    if (config.topicArn) {
      const fresh = new Map<PublishCommandInput, string>();
      for (const [i, alert] of alerts.entries()) {
        const key = `alert#${alert.key}`;
        if (await store.claim(key, claimUntil)) fresh.set(alertInputs[i]!, key);
        else duplicates++;
      }
      const failed = await publishAlerts(sns(config.homeRegion), [...fresh.keys()], notes);
      // An alert SNS refused is released, so the next run tries it again.
      for (const input of failed) await store.release(fresh.get(input)!);
      published = fresh.size - failed.length;
      for (const [input, key] of fresh) if (!failed.includes(input)) publishedKeys.push(key.replace(/^alert#/, ''));
    }

    const digestInput = { asOf, sample, summary, sections, notes };
    const digest = buildDigest(digestInput);
    const channel = config.slack.channel;
    const payload = { channel: channel ?? '(SLACK_CHANNEL not configured)', text: digest.text, blocks: digest.blocks };
    let digestStatus: RunReport['digest'] = { posted: false, reason: 'SLACK_BOT_TOKEN or SLACK_CHANNEL not set' };
    if (options.slackBotToken && channel) {
      const key = `digest#${asOf}#${channel}`;
      if (!(await store.claim(key, claimUntil))) {
        digestStatus = { posted: false, channel, reason: `already posted for ${asOf}` };
      } else {
        try {
          await postMessage({ apiUrl: config.slack.apiUrl, token: options.slackBotToken, channel, ...digest });
          digestStatus = { posted: true, channel, reason: 'posted' };
        } catch (err) {
          await store.release(key);
          notes.push({ kind: 'error', source: 'slack:chat.postMessage', message: (err as Error).message });
          digestStatus = { posted: false, channel, reason: (err as Error).message };
        }
      }
    }

    const report: RunReport = {
      asOf,
      startedAt: started.toISOString(),
      durationMs: now().getTime() - started.getTime(),
      mode: options.mode,
      calls: aws.calls.byOperation,
      costExplorerRequests: aws.calls.forService('ce'),
      notes,
      findings: {
        total: current.length,
        alarm: current.filter((f) => f.status === 'alarm').length,
        new: ledger.newIds.length,
        resolved: ledger.resolvedIds.length,
      },
      alerts: { built: alerts.length, published, duplicates },
      digest: digestStatus,
    };

    // persist: all computed, now written
    if (inventory.spend) await store.putSpend(spendKey(config), inventory.spend);
    await store.putFindings(ledger.findings);
    const extra = {
      commitments: inventory.optimization?.commitments,
      checklist: optimization.checklist,
      anomalies: anomaly.stateAfter(publishedKeys),
    };
    const snapshot: Snapshot = { asOf, sample, summary, spend: lastDays(spend, SNAPSHOT_DAYS), report, extra };
    await store.putSnapshot(snapshot);

    const digestText = renderText(digestInput);
    const files = writeOutputs(options.outDir, {
      digest: { payload, text: digestText },
      alerts: alertInputs,
      findings: current,
      report,
    });
    return { report, digestText, files };
  } finally {
    await store.close();
  }
}
