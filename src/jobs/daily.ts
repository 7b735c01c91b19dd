/**
 * The daily job: collect → analyze → ledger → notify, the same in the scheduled Lambda and in `durion-cost run`.
 * Everything is computed before the store is written, so a run that fails leaves nothing half-written. The messages
 * are recorded in the outbox and the snapshot written before any is sent; a retry of the same invocation finds that
 * snapshot and only sends what is still unsent, without reading AWS again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { forecastAlert } from '../analyze/alerts/forecast';
import { slackVerdicts } from '../analyze/anomaly/merge';
import { accountsWithoutBudget, type TeamBudget, teamBudgets } from '../analyze/budgets';
import { isWeeklyDay } from '../analyze/periods';
import { analyzeOptimization, type OptimizationAnalysis } from '../analyze/recommend';
import { schedulableResources } from '../analyze/schedulable';
import { type SpendSummary, summarize } from '../analyze/summary';
import { type Creators, findUnowned, type Tagging, withOwners } from '../analyze/tagging';
import type { Aws } from '../aws';
import { collectBilled } from '../collect/billed';
import { commitmentCoverOf } from '../collect/commitment-cover';
import type { CommitmentData } from '../collect/commitments';
import { collectResources } from '../collect/inventory';
import { collectOptimization } from '../collect/optimization';
import { type Reach, reachOf } from '../collect/organization';
import { collectScheduleFailures } from '../collect/schedule-failures';
import type { RunRef, SliceStore } from '../collect/slices';
import { collectSpend } from '../collect/spend';
import { collectDataTransfer, type DataTransferRead } from '../collect/transfer';
import type { Inventory } from '../collect/types';
import type { Config } from '../config';
import type { Alert } from '../domain/alert';
import { addDays } from '../domain/dates';
import { accountLabel, type Finding, type FindingDraft } from '../domain/finding';
import type { Note } from '../domain/note';
import type { SchedulableResource, ScheduleFailure, ScheduleRecord } from '../domain/schedule';
import type { SpendData } from '../domain/spend';
import { type Reconciled, reconcile, unreadBy } from '../ledger/ledger';
import { billedRequest, claimsDue, realizedFigures, verifyClaims } from '../ledger/realized';
import { openStore } from '../ledger/store';
import type { MonthCloseRead, RunReport, Snapshot, Store } from '../ledger/types';
import { findingActions } from '../notify/buttons';
import { type Chart, dailyCharts, renderChart } from '../notify/charts';
import { buildDigest, buildOwnerDigest, type Digest } from '../notify/digest';
import { type ChartFile, type ReportOutput, writeOutputs } from '../notify/files';
import { ALERT_PREFIX, digestKey, type Outbox, outboxUntil, record, sendAll } from '../notify/outbox';
import { routeFindings } from '../notify/routing';
import type { DigestSection } from '../notify/section';
import { accountsSection } from '../notify/sections/accounts';
import { budgetsSection } from '../notify/sections/budgets';
import { checklistSection } from '../notify/sections/checklist';
import { commitmentsSection } from '../notify/sections/commitments';
import { ownersSection } from '../notify/sections/owners';
import { realizedSection } from '../notify/sections/realized';
import { rightsizingSection } from '../notify/sections/rightsizing';
import { savingsSection } from '../notify/sections/savings';
import { schedulesSection } from '../notify/sections/schedules';
import { toPublishInput } from '../notify/sns';
import { renderText } from '../notify/text';
import { pricedWith, type RegionalUnitPrices } from '../pricing';
import { type AnomalyStepResult, anomalyStep } from './anomaly';
import { creatorStep } from './creators';
import { deliveryReport, MAIN, messagesOf, transportsOf } from './delivery';
import { identify } from './identity';
import { accountScope, aggregateStep, collectOrganization, stepContext } from './organization';
import { pricedRuleDrafts } from './prices';
import { monthCloseCharts, monthCloseOf, outputOf, readMonthClose, reportMessages, weeklyOf } from './reports';

/** A run of the state machine: which execution, and the store its slices are in. */
export interface FanOut {
  run: RunRef;
  store: SliceStore;
}

export interface RunOptions {
  /** The AWS client set, built by the caller for its mode (live, sample, cassette). */
  aws: Aws;
  asOf: string;
  outDir: string;
  storeDir: string;
  config: Config;
  /** The Slack bot token, resolved by the caller (SSM in AWS, the environment locally). */
  slackBotToken?: string;
  /** The organization's slices as the state machine read them: the run aggregates them instead of reading members. */
  fanOut?: FanOut;
  /**
   * The invocation this run is (the schedule's event id): a retry of it that finds its snapshot sends what is still
   * unsent and reads nothing again. Runs without one (the CLI) always run whole.
   */
  invocationId?: string;
  /**
   * Draw the digest's charts into the out folder too (the CLI). Otherwise (a Lambda, whose /tmp is not kept) a run
   * draws only the charts it posts, when it posts them.
   */
  chartFiles?: boolean;
  now?: () => Date;
}

export interface RunResult {
  report: RunReport;
  digestText: string;
  files: string[];
}

const isSection = (s: DigestSection | undefined): s is DigestSection => s !== undefined;
/** The owners and accounts whose findings go to a channel, for the header of that channel's digest. */
const ownersOf = (input: DigestsInput, channel: string, findings: Finding[]) => {
  const named = (id: string) => findings.find((f) => f.accountId === id) ?? { accountId: id };
  const owners = Object.entries(input.ownerChannels)
    .filter(([, c]) => c === channel)
    .map(([owner]) => owner);
  const accounts = Object.entries(input.accountChannels)
    .filter(([, c]) => c === channel)
    .map(([id]) => `account ${accountLabel(named(id))}`);
  return [...owners, ...accounts].join(', ');
};

/** Days of spend kept in the snapshot for Slack answers. */
const SNAPSHOT_DAYS = 92;

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
  /** The previous snapshot's data transfer: reused until another month settles. */
  dataTransfer?: DataTransferRead;
}

/** Read everything the run needs from AWS. Collectors fetch and never judge; what they cannot read is a note. */
async function collect(
  aws: Aws,
  config: Config,
  asOf: string,
  cached: Cached,
  reach: Reach,
  fanOut?: FanOut,
): Promise<Inventory> {
  const notes: Note[] = [];
  const accountId = reach.self;
  const spend = await collectSpend(aws, { asOf, ...config.spend }, cached.spend, notes);
  // One account; the organization's slices the state machine read; or the local runner reading them now.
  const scope = accountScope(config, aws.mode);
  const organization = fanOut
    ? await aggregateStep(stepContext(aws, config, accountId, fanOut.run, fanOut.store, reach), notes)
    : scope === 'self'
      ? undefined
      : await collectOrganization(aws, config, { asOf, self: accountId, scope, reach }, notes);
  const resources = organization?.resources ?? (await collectResources(aws, config, notes, { asOf, accountId }));
  const optimization = await collectOptimization(aws, config, notes, {
    asOf,
    regions: resources.regions,
    previousCommitments: cached.commitments,
    accountId,
    ...(organization ? { optimizer: organization.optimizer } : {}),
  });
  resources.commitmentCover = commitmentCoverOf(optimization.commitments, accountId);
  const transferRequest = { asOf, metric: config.spend.metric, revisedDays: config.spend.revisedDays };
  const dataTransfer = await collectDataTransfer(aws, transferRequest, cached.dataTransfer, notes);
  // The bill holds every linked account: the rules judge the accounts this run reads, as for resources.
  const covered = new Set(organization?.accounts.map((a) => a.id) ?? [accountId]);
  resources.dataTransfer = dataTransfer?.usage.filter((u) => covered.has(u.accountId)) ?? [];
  const accounts = organization ? { accounts: organization.accounts } : {};
  return {
    asOf,
    sample: aws.mode === 'sample',
    spend,
    resources,
    optimization,
    ...(dataTransfer ? { dataTransfer } : {}),
    ...accounts,
    notes,
  };
}

/**
 * `durion-cost record`: run the collectors live with nothing cached and keep what AWS answered as a cassette,
 * account ids replaced by stable fakes. Returns the number of operation files written.
 */
export async function recordCassette(options: {
  aws: Aws;
  asOf: string;
  dir: string;
  config: Config;
}): Promise<number> {
  const { aws } = options;
  const accountId = await identify(aws);
  const reach = reachOf(accountId, options.config.accounts.memberRole);
  const inventory = await collect(aws, options.config, options.asOf, {}, reach);
  // The anomaly path reads Cost Explorer too (AWS's anomalies, root causes): record what it asks.
  const { asOf, config } = options;
  await anomalyStep(aws, { asOf, spend: inventory.spend, accountId, config, notes: inventory.notes });
  // And the month-close report its own read of the month's commitments, on the day one is due.
  if (inventory.spend)
    await readMonthClose(aws, reportRequest(config, asOf), inventory.spend, undefined, inventory.notes);
  const files = aws.recorder?.write(options.dir) ?? 0;
  // The accounts it read, so that a replay reads the same ones (ids as the cassette's fakes).
  const scope = accountScope(config, aws.mode);
  const meta: CassetteMeta = {
    asOf: options.asOf,
    ...(scope === 'self' ? {} : { accounts: aws.recorder?.scrub(scope) ?? scope }),
  };
  writeFileSync(join(options.dir, CASSETTE_META), `${JSON.stringify(meta, null, 2)}\n`);
  return files;
}

/** Beside the service folders, a cassette keeps the as-of date it was recorded for and the accounts it read. */
export const CASSETTE_META = 'cassette.json';

export interface CassetteMeta {
  asOf: string;
  /** An organization's recording: `organization`, or the account ids it listed. Absent: the own account only. */
  accounts?: 'organization' | string[];
}

/** The store key of the spend cache: one per metric and tag key. */
export const spendKey = (config: Config) => `${config.spend.metric}|${config.spend.tagKey}`;

/** What deciding a month-close needs of the run: its day and how many days Cost Explorer still revises. */
const reportRequest = (config: Config, asOf: string) => ({ asOf, revisedDays: config.spend.revisedDays });

interface DigestsInput {
  asOf: string;
  sample: boolean;
  summary: SpendSummary;
  notes: Note[];
  findings: Finding[];
  ownerChannels: Record<string, string>;
  accountChannels: Record<string, string>;
  mainChannel?: string;
  /** The spend anomalies, what a reader must not miss: the main digest's first section, kept whole (lists are cut). */
  anomalies: DigestSection | undefined;
  /** The other sections about the whole account (accounts, commitments, budgets, checklist): main channel only. */
  accountWide: (DigestSection | undefined)[];
}

/**
 * The main digest and one per owner channel. An owner's channel gets only that owner's findings, never the
 * account-wide spend; the main channel gets the spend, then the anomalies, the other findings (the lists a cut
 * shortens) and the account-wide sections, in the order Slack and digest.txt both show.
 */
function buildDigests(input: DigestsInput) {
  const { asOf, sample } = input;
  const routed = routeFindings(input.findings, input.ownerChannels, MAIN, input.accountChannels);
  const findingSections = (findings: Finding[]) =>
    [savingsSection(findings, asOf, findingActions), rightsizingSection(findings)].filter(isSection);
  const sections = [input.anomalies, ...findingSections(routed.get(MAIN) ?? []), ...input.accountWide].filter(
    isSection,
  );
  const mainInput = { asOf, sample, summary: input.summary, sections, notes: input.notes };
  const owners = [...routed].flatMap(([channel, findings]) => {
    if (channel === MAIN) return [];
    const owner = ownersOf(input, channel, findings);
    return [{ channel, digest: buildOwnerDigest({ asOf, sample, owner, sections: findingSections(findings) }) }];
  });
  return { mainInput, main: { channel: input.mainChannel, digest: buildDigest(mainInput) }, owners };
}

/** What every step of one run reads: its options, clock, account, open store and the previous snapshot. */
interface Run extends RunOptions {
  now: () => Date;
  sample: boolean;
  accountId: string;
  /** How the run reaches member accounts: each member's role is assumed once a run, whichever step needs it. */
  reach: Reach;
  store: Store;
  previous: Snapshot | undefined;
}

/** What the analysis made of the inventory: the spend summary, findings to reconcile and alerts to send. */
interface Analysis {
  summary: SpendSummary;
  /** Unit prices of other regions read from the Price List API, kept for the next runs (jobs/prices.ts). */
  prices: RegionalUnitPrices;
  /** Each team's spend this month against its AWS Budget. */
  budgets: TeamBudget[];
  /** The accounts with spend this month that no cost budget covers, as the digest names accounts. */
  unbudgeted: string[];
  /** The resources without an owner tag, with candidates and run costs, and the allocation tags not active. */
  tagging: Tagging;
  /** CloudTrail's creators of unowned resources so far, kept for the next runs (jobs/creators.ts). */
  creators: Creators;
  optimization: OptimizationAnalysis;
  anomaly: AnomalyStepResult;
  drafts: FindingDraft[];
  alerts: Alert[];
  /** The resources a schedule can act on, priced as the rules priced them, for `/durion-cost schedule`. */
  schedulable: SchedulableResource[];
  /** The ledger's schedules and the failed invocations read from their dead-letter queues. */
  schedules: { records: ScheduleRecord[]; failures: ScheduleFailure[] };
}

type Digests = ReturnType<typeof buildDigests>;

/** Run the daily job once. Safe to run twice for one date: the digest and each alert go out once. */
export async function runDaily(options: RunOptions): Promise<RunResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const { aws, config } = options;
  const accountId = await identify(aws);
  const store = await openStore({ tableName: config.tableName, storeDir: options.storeDir });
  try {
    const previous = await store.latestSnapshot();
    const reach = reachOf(accountId, config.accounts.memberRole);
    const run: Run = { ...options, now, sample: aws.mode === 'sample', accountId, reach, store, previous };
    if (isRetryOf(run, previous)) return await resume(run, previous);
    const { inventory, spend } = await collectStep(run);
    const kept = aws.mode === 'cassette' ? undefined : run.previous?.extra.monthClose;
    const closing = await readMonthClose(aws, reportRequest(config, run.asOf), spend, kept, inventory.notes);
    const analysis = {
      ...(await analyze(run, inventory, spend)),
      schedules: await schedulesStep(run, inventory.notes),
    };
    const { ledger, current } = await reconcileStep(run, analysis.drafts, inventory.notes);
    const digests = digestsOf(run, inventory, analysis, { current, all: ledger.findings });
    const charts = dailyCharts(analysis.summary, run.sample);
    const reports = reportsOf(run, { spend, inventory, findings: ledger.findings, closing, charts });
    const outgoing = alertInputs(run, analysis);
    // notify: every message recorded and the snapshot written before anything is sent, so nothing is lost
    const outbox: Outbox = { store, notes: inventory.notes, now };
    const chartFiles = options.chartFiles ? await drawCharts(charts, inventory.notes) : [];
    const channels = [{ ...digests.main, charts }, ...digests.owners];
    const { messages, unsendable } = messagesOf(config, run.asOf, outgoing, channels, run.slackBotToken);
    const posts = reportMessages(config, reports, run.slackBotToken);
    const recorded = await record(outbox, [...messages, ...posts.messages], outboxUntil(run.asOf));
    const outcome = { notes: inventory.notes, current, ledger, built: analysis.alerts.length };
    const before = deliveryReport(run.asOf, recorded, [], unsendable, recorded.length, posts.unsendable);
    const alerted = recorded.filter((e) => e.transport === 'sns').map((e) => e.key.slice(ALERT_PREFIX.length));
    const pending = buildReport(run, started, outcome, before);
    const snapshot = await persist(run, { inventory, spend, analysis, ledger, alerted, closing, report: pending });
    const delivered = await sendAll(outbox, transportsOf(config, run.slackBotToken, store), await store.unsent());
    const unsent = (await store.unsent()).length;
    const after = deliveryReport(run.asOf, recorded, delivered, unsendable, unsent, posts.unsendable);
    const report = buildReport(run, started, outcome, after);
    await store.putSnapshot({ ...snapshot, report });
    return writeFiles(run.outDir, {
      digests,
      reports,
      outgoing,
      current,
      tagging: analysis.tagging,
      report,
      chartFiles,
    });
  } finally {
    await store.close();
  }
}

/** The charts as PNG files; one that cannot be drawn is a note, and the run goes on without it. */
async function drawCharts(charts: Chart[], notes: Note[]): Promise<ChartFile[]> {
  const drawn = await Promise.all(
    charts.map(async (c) => {
      try {
        return [{ name: `${c.name}.png`, png: await renderChart(c.spec) }];
      } catch (err) {
        notes.push({
          kind: 'error',
          source: 'charts',
          message: `${c.name} could not be drawn: ${(err as Error).message}`,
        });
        return [];
      }
    }),
  );
  return drawn.flat();
}

/** Read AWS, reusing what the store kept; spend that could not be read is an error note and an empty record. */
async function collectStep(run: Run): Promise<{ inventory: Inventory; spend: SpendData }> {
  const { aws, config, store, previous } = run;
  // A cassette answers the calls it recorded: replay reads everything again rather than what a kept store lacks.
  const cached: Cached =
    aws.mode === 'cassette'
      ? {}
      : {
          spend: await store.getSpend(spendKey(config)),
          commitments: previous?.extra.commitments,
          dataTransfer: previous?.extra.dataTransfer,
        };
  const inventory = await collect(aws, config, run.asOf, cached, run.reach, run.fanOut);
  const spend = inventory.spend ?? emptySpend(config.spend.metric);
  if (!inventory.spend)
    inventory.notes.push({ kind: 'error', source: 'ce:GetCostAndUsage', message: 'no spend could be read' });
  return { inventory, spend };
}

/**
 * The schedules the ledger holds, and what failed since the previous run: each account with an active schedule has its
 * dead-letter queue read (one failure reported once: those the previous run reported are left out).
 */
async function schedulesStep(run: Run, notes: Note[]): Promise<Analysis['schedules']> {
  const records = await run.store.listSchedules();
  const accounts = [...new Set(records.filter((r) => r.state === 'active').map((r) => r.resource.accountId))].sort();
  if (accounts.length === 0) return { records, failures: [] };
  const previous = run.previous?.extra.scheduleFailures ?? [];
  const failures = await collectScheduleFailures(
    run.aws,
    {
      accounts,
      self: run.accountId,
      memberRole: run.config.accounts.memberRole,
      region: run.config.homeRegion,
      queueName: run.config.scheduling.queueName,
      since: `${run.previous?.asOf ?? addDays(run.asOf, -1)}T00:00:00.000Z`,
      reported: previous.map((f) => f.id),
    },
    notes,
  );
  return { records, failures };
}

/** Every draft with its account's name: Organizations' where the run listed the accounts, else Cost Explorer's. */
function withAccountNames(drafts: FindingDraft[], inventory: Inventory): FindingDraft[] {
  const names: Record<string, string> = { ...inventory.spend?.accountNames };
  for (const a of inventory.accounts ?? []) if (a.name !== a.id) names[a.id] = a.name;
  return drafts.map((d) => (names[d.accountId] ? { ...d, accountName: names[d.accountId] } : d));
}

/** Judge what was collected: the spend summary, optimization findings and alerts, spend anomalies, the forecast. */
async function analyze(run: Run, inventory: Inventory, spend: SpendData): Promise<Omit<Analysis, 'schedules'>> {
  const { aws, asOf, config, accountId } = run;
  const notes = inventory.notes;
  const summary = summarize(spend, asOf);
  // AWS's own recommendations join the rules' drafts: one finding per resource and action, commitment-aware.
  const rules = await pricedRuleDrafts(aws, inventory, config, { asOf, kept: run.previous?.extra.prices });
  const optimization = analyzeOptimization(inventory, rules.drafts, {
    accountId,
    homeRegion: config.homeRegion,
    ownerTags: config.ownerTags,
  });
  notes.push(...optimization.notes);
  // Spend anomalies: ours and AWS's merged, root causes, findings, alerts (re-alert on growth, daily cap).
  const anomaly = await anomalyStep(aws, {
    asOf,
    spend: inventory.spend,
    accountId,
    config,
    notes,
    previous: run.previous?.extra.anomalies,
    verdicts: slackVerdicts(await run.store.listFindings()),
  });
  const allocationTags = inventory.optimization?.commitments?.allocationTags?.value;
  // Run costs at the prices the rules used: the Price List's regional ones where the run read them.
  const { tagging, creators } = await creatorStep({
    aws,
    config,
    asOf,
    reach: run.reach,
    unowned: (known) =>
      pricedWith(rules.prices, () => findUnowned(inventory.resources, config.ownerTags, allocationTags, known)).result,
    // A cassette answers the lookups it recorded, as it answers every other read again.
    kept: aws.mode === 'cassette' ? undefined : run.previous?.extra.creators,
    notes,
  });
  const named = withAccountNames([...optimization.drafts, ...anomaly.findings], inventory);
  const drafts = withOwners(named, tagging);
  const alerts: Alert[] = [
    forecastAlert(summary, accountId, config.alerts.forecastOverLastMonth),
    ...optimization.alerts,
    ...anomaly.alerts,
  ].filter((a): a is Alert => a !== undefined);
  const readBudgets = inventory.optimization?.commitments?.budgets?.value;
  const budgets = teamBudgets(spend, readBudgets, asOf);
  const unbudgeted = accountsWithoutBudget(spend, readBudgets, asOf).map((id) =>
    accountLabel({ accountId: id, accountName: spend.accountNames[id] }),
  );
  const resources = inventory.resources;
  const schedulable = resources ? pricedWith(rules.prices, () => schedulableResources(resources)).result : [];
  const priced = { prices: rules.prices, budgets, unbudgeted, tagging, creators, schedulable };
  return { summary, ...priced, optimization, anomaly, drafts, alerts };
}

/** Merge the drafts into the stored ledger; the current findings are those seen today, highest score first. */
async function reconcileStep(
  run: Run,
  drafts: FindingDraft[],
  notes: Note[],
): Promise<{ ledger: Reconciled; current: Finding[] }> {
  const ledger = reconcile(
    drafts.filter((d) => d.status !== 'ok'),
    await run.store.listFindings(),
    run.asOf,
    run.now(),
    unreadBy(notes),
  );
  const verified = { ...ledger, findings: await verifyStep(run, ledger.findings, notes) };
  const current = verified.findings.filter((f) => f.lastSeen === run.asOf).sort((a, b) => b.score - a.score);
  return { ledger: verified, current };
}

/**
 * Check the claims whose settling days are over against the bill: one Cost Explorer request covers them all. When it
 * cannot be read (a note says why), they stay due and a later run checks them.
 */
async function verifyStep(run: Run, findings: Finding[], notes: Note[]): Promise<Finding[]> {
  const { settleDays, metric } = run.config.spend;
  const due = claimsDue(findings, run.asOf, settleDays);
  if (due.length === 0) return findings;
  const request = billedRequest(due, settleDays);
  const billed = request ? await collectBilled(run.aws, request, metric, notes) : new Map();
  return billed ? verifyClaims(findings, due, billed, { asOf: run.asOf, settleDays, metric }) : findings;
}

/** The digests of the current findings, with the account-wide sections and their buttons for the main one. */
function digestsOf(
  run: Run,
  inventory: Inventory,
  analysis: Analysis,
  { current, all }: { current: Finding[]; all: Finding[] },
): Digests {
  const { config } = run;
  return buildDigests({
    asOf: run.asOf,
    sample: run.sample,
    summary: analysis.summary,
    notes: inventory.notes,
    findings: current,
    ownerChannels: config.slack.ownerChannels,
    accountChannels: config.slack.accountChannels,
    mainChannel: config.slack.channel,
    anomalies: analysis.anomaly.section((a) => {
      const finding = current.find((f) => f.source === 'anomaly' && f.resourceId === a.id);
      return finding && findingActions(finding);
    }),
    accountWide: [
      accountsSection(analysis.summary, current, run.asOf),
      commitmentsSection(inventory.optimization?.commitments, current),
      budgetsSection(analysis.budgets, config.spend.tagKey, analysis.unbudgeted),
      ownersSection(analysis.tagging),
      checklistSection(analysis.optimization.checklist),
      realizedSection(all, config.spend.settleDays),
      schedulesSection(analysis.schedules.records, analysis.schedules.failures),
    ],
  });
}

/**
 * The reports due on this run (the weekly on Mondays, a month-close when one is due), ready to write and post, each
 * with its charts: the weekly the digest's (the top services' 14 days are its week and the week before), the
 * month-close its month's.
 */
function reportsOf(
  run: Run,
  read: {
    spend: SpendData;
    inventory: Inventory;
    findings: Finding[];
    closing: { due: boolean; mark?: MonthCloseRead };
    charts: Chart[];
  },
): ReportOutput[] {
  const ctx = {
    asOf: run.asOf,
    sample: run.sample,
    spend: read.spend,
    findings: read.findings,
    budgets: read.inventory.optimization?.commitments?.budgets?.value,
  };
  const { due, mark } = read.closing;
  const channel = run.config.slack.channel;
  return [
    ...(isWeeklyDay(run.asOf) ? [outputOf(weeklyOf(ctx), channel, read.charts)] : []),
    ...(due && mark ? [outputOf(monthCloseOf(ctx, mark.month, mark), channel, monthCloseCharts(ctx, mark.month))] : []),
  ];
}

/** The Publish input of each alert (kept in alerts.json even where no topic is configured). */
function alertInputs(run: Run, { alerts, anomaly }: Analysis): { key: string; input: PublishCommandInput }[] {
  const topicArn = run.config.topicArn ?? '(DURION_TOPIC_ARN not set)';
  return alerts.map((a) => ({
    key: a.key,
    input: a.kind === 'anomaly' ? anomaly.publishInput(a, topicArn) : toPublishInput(a, topicArn),
  }));
}

/** Whether this run is a retry of the invocation whose snapshot the store holds (the Lambda's asynchronous retry). */
function isRetryOf(run: Run, previous: Snapshot | undefined): previous is Snapshot {
  return Boolean(run.invocationId && previous?.asOf === run.asOf && previous.report.invocationId === run.invocationId);
}

/**
 * A retry of an invocation that got as far as its snapshot: send what is still unsent, as recorded, and update the
 * report; nothing is read from AWS again. The files of the first attempt stand (a Lambda's /tmp is not kept anyway).
 */
async function resume(run: Run, previous: Snapshot): Promise<RunResult> {
  const { store, asOf } = run;
  const notes = [...previous.report.notes];
  const keys = previous.report.outbox?.keys ?? [];
  const recorded = (await Promise.all(keys.map((k) => store.getOutbox(k)))).filter((e) => e !== undefined);
  const delivered = await sendAll(
    { store, notes, now: run.now },
    transportsOf(run.config, run.slackBotToken, store),
    await store.unsent(),
  );
  const recordedChannels = new Set(recorded.filter((e) => e.transport === 'slack').map((e) => e.key));
  const unsendable = previous.report.digests.filter((d) => !recordedChannels.has(digestKey(asOf, d.channel)));
  const after = deliveryReport(asOf, recorded, delivered, unsendable, (await store.unsent()).length);
  const report: RunReport = {
    ...previous.report,
    notes,
    alerts: { ...previous.report.alerts, ...after.alerts },
    digests: after.digests,
    ...(after.uploads?.length ? { uploads: after.uploads } : {}),
    ...(after.reports?.length ? { reports: after.reports } : {}),
    outbox: after.outbox,
    resumed: run.now().toISOString(),
  };
  await store.putSnapshot({ ...previous, report });
  return { report, digestText: '', files: [] };
}

/** What the run did, for run.json and the snapshot: calls, Cost Explorer requests, findings, alerts, digests. */
function buildReport(
  run: Run,
  started: Date,
  outcome: {
    notes: Note[];
    current: Finding[];
    ledger: Reconciled;
    built: number;
  },
  delivery: ReturnType<typeof deliveryReport>,
): RunReport {
  const { aws, asOf, previous } = run;
  const { current, ledger } = outcome;
  const costExplorerRequests = aws.calls.forService('ce');
  const sameMonth = previous?.asOf.slice(0, 7) === asOf.slice(0, 7);
  return {
    asOf,
    startedAt: started.toISOString(),
    durationMs: run.now().getTime() - started.getTime(),
    mode: aws.mode,
    calls: aws.calls.byOperation,
    callsByAccount: aws.calls.byAccount,
    costExplorerRequests,
    costExplorerRequestsMonth: costExplorerRequests + (sameMonth ? previous.report.costExplorerRequestsMonth : 0),
    notes: outcome.notes,
    findings: {
      total: current.length,
      alarm: current.filter((f) => f.status === 'alarm').length,
      new: ledger.newIds.length,
      resolved: ledger.resolvedIds.length,
    },
    alerts: { built: outcome.built, ...delivery.alerts },
    realized: realizedFigures(ledger.findings, run.config.spend.settleDays),
    digests: delivery.digests,
    ...(delivery.uploads?.length ? { uploads: delivery.uploads } : {}),
    ...(delivery.reports?.length ? { reports: delivery.reports } : {}),
    outbox: delivery.outbox,
    ...(run.invocationId ? { invocationId: run.invocationId } : {}),
  };
}

/** All computed, now written: the spend cache, the ledger, then the snapshot the Slack app answers from. */
async function persist(
  run: Run,
  out: {
    inventory: Inventory;
    spend: SpendData;
    analysis: Analysis;
    ledger: Reconciled;
    /** Keys of the alerts recorded in the outbox: they go out, now or on a later run. */
    alerted: string[];
    /** Where the month-close stands after this run: kept, so the month's later runs do not build it again. */
    closing: { mark: MonthCloseRead | undefined };
    report: RunReport;
  },
): Promise<Snapshot> {
  const { store, config, asOf, sample } = run;
  const { inventory, analysis } = out;
  if (inventory.spend) await store.putSpend(spendKey(config), inventory.spend);
  await store.putFindings(out.ledger.findings);
  const extra = {
    commitments: inventory.optimization?.commitments,
    checklist: analysis.optimization.checklist,
    anomalies: analysis.anomaly.stateAfter(out.alerted),
    prices: analysis.prices,
    dataTransfer: inventory.dataTransfer,
    creators: analysis.creators.lookups,
    monthClose: out.closing.mark ?? run.previous?.extra.monthClose,
    schedulable: analysis.schedulable,
    scheduleFailures: analysis.schedules.failures,
  };
  const summary = analysis.summary;
  const snapshot: Snapshot = {
    asOf,
    sample,
    summary,
    spend: lastDays(out.spend, SNAPSHOT_DAYS),
    report: out.report,
    extra,
  };
  await store.putSnapshot(snapshot);
  return snapshot;
}

/** Write the run's files: the main digest as posted and as text, the owner digests, alerts, findings, the report. */
function writeFiles(
  outDir: string,
  out: {
    digests: Digests;
    reports: ReportOutput[];
    outgoing: { input: PublishCommandInput }[];
    current: Finding[];
    tagging: Tagging;
    report: RunReport;
    chartFiles: ChartFile[];
  },
): RunResult {
  const { digests, report } = out;
  const digestText = renderText(digests.mainInput);
  const payload = ({ channel, digest }: { channel?: string; digest: Digest }) => ({
    channel: channel ?? '(SLACK_CHANNEL not set)',
    ...digest,
  });
  const files = writeOutputs(outDir, {
    digest: { payload: payload(digests.main), text: digestText },
    routed: digests.owners.map(payload),
    alerts: out.outgoing.map((a) => a.input),
    findings: out.current,
    tagging: out.tagging,
    report,
    reports: out.reports,
    charts: out.chartFiles,
  });
  return { report, digestText, files };
}
