/** The durion-cost command: the daily job and its tools, on the sample account, a cassette, or live AWS. */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { parseAsOf, todayUtc } from '../domain/dates';
import { CassetteError, DurionError, UsageError } from '../domain/errors';
import { CE_REQUEST_USD, usdCents } from '../domain/money';
import type { CassetteMeta } from '../jobs/daily';
import { REPORT_KINDS, type ReportKind } from '../notify/reports/report';

/** Each command's usage, as `durion-cost help` lists them and `durion-cost COMMAND --help` prints one. */
const USAGE: Record<string, string> = {
  run: `durion-cost run [--sample [--sample-accounts N] | --cassette DIR] [--as-of YYYY-MM-DD] [--out DIR] [--store DIR] [--seed N]
    The whole daily job. Without --sample or --cassette it reads your AWS account (read-only) through the
    default credential chain. --sample-accounts N grows the sample organization to N accounts (copies of
    staging) for scale runs. Writes digest.blocks.json, digest.txt, alerts.json, findings.json,
    findings.csv, run.json and the digest's charts (chart-spend.png, chart-services.png) to --out (default
    ./out), and weekly.* on Mondays and month-close.* when last month's close is due (see report); keeps its
    store in --store (default ./.durion-cost).`,
  record: `durion-cost record --out DIR [--as-of YYYY-MM-DD]
    Runs the collectors live (read-only) and writes what AWS answered to DIR as a cassette, account ids
    replaced by stable fakes, so a run can be replayed (run --cassette DIR) or shared without your account.`,
  slash: `durion-cost slash "TEXT" [--user ID] [--channel ID] [--store DIR]
    What /durion-cost TEXT would answer in Slack, from the local store that run filled (try "help"). On a
    sample store, schedule/unschedule act on the sample account, on the day of its run.`,
  detect: `durion-cost detect --csv FILE [--granularity auto|daily|hourly|5m|...] [--min-impact USD]
    The anomaly detector on your own export: CSV columns timestamp,value or timestamp,series,value (USD;
    --min-impact 0 turns the dollar floors off for other metrics). The granularity (any step that divides
    a day) is inferred from the timestamps unless given. Prints a JSON array of anomalies {series, start,
    end, detectedAt, expected, actual, impactUsd, score, kind}; detectedAt is when the alert would fire.`,
  report: `durion-cost report weekly|month-close [--as-of YYYY-MM-DD] [--out DIR] [--store DIR]
    A report built from the local store that run filled, for a day up to its latest run (default: that
    run's day): weekly, the last whole week (Monday to Sunday) against the week before; month-close, the
    month before against its own month before, once Cost Explorer has settled it. Writes KIND.blocks.json,
    KIND.txt and KIND.csv to --out (default ./out). Posts nothing: run posts each report once.`,
  rules: `durion-cost rules [--json]
    The rule catalog: what each rule flags, its strategy, severity and savings method; --json gives all
    metadata (parameters with defaults, IAM actions, Well-Architected reference).`,
  help: `durion-cost help
    This text. Any command with --help prints its own usage.`,
};

const HELP = `durion-cost: AWS cost anomalies and savings, priced in dollars a month

Usage:
${Object.values(USAGE)
  .map((u) => `  ${u.replaceAll('\n', '\n  ')}`)
  .join('\n')}

Configuration is read from environment variables (see README.md).`;

type Command = (args: string[]) => Promise<string>;

// Each command loads what it needs when it runs (dynamic imports: the bundle splits there), so that `detect` or
// `help` does not load every AWS client and the whole rule catalog first.
const jobs = () => import('../jobs/daily');
const awsFor = () => import('./aws');

/**
 * A folder the run may write into, checked before any AWS call: an existing folder, or one that can be made (its
 * nearest existing ancestor is a folder we may write). A file in its place is a usage error, not a late EEXIST.
 */
function writableDir(path: string, flag: string): void {
  let at = resolve(path);
  while (!existsSync(at)) {
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (!statSync(at).isDirectory()) {
    throw new UsageError(`${flag} ${path}: ${at === resolve(path) ? 'is' : `${at} is`} a file, not a folder`);
  }
  try {
    accessSync(at, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${path}: ${at} is not writable`);
  }
}

/** Control characters (a binary file's bytes quoted in an error) written as \xNN, so a terminal never runs them. */
const printable = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for.
  text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

const runCommand: Command = async (args) => {
  const { values } = parseArgs({
    args,
    options: {
      sample: { type: 'boolean', default: false },
      cassette: { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string', default: 'out' },
      store: { type: 'string', default: '.durion-cost' },
      seed: { type: 'string', default: '1' },
      'sample-accounts': { type: 'string' },
    },
    strict: true,
  });
  if (values.sample && values.cassette) throw new UsageError('choose one of --sample and --cassette DIR');
  const sampleAccounts = values['sample-accounts'] === undefined ? undefined : Number(values['sample-accounts']);
  if (
    sampleAccounts !== undefined &&
    (!values.sample || !Number.isInteger(sampleAccounts) || sampleAccounts < 3 || sampleAccounts > 5000)
  )
    throw new UsageError(
      `--sample-accounts takes a whole number from 3 to 5000, with --sample; got "${values['sample-accounts']}"`,
    );
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number; got "${values.seed}"`);
  writableDir(values.out, '--out');
  writableDir(values.store, '--store');
  const config = loadConfig();
  const mode = values.sample ? 'sample' : values.cassette ? 'cassette' : 'live';
  const [{ runDaily, CASSETTE_META }, { cliAws }] = await Promise.all([jobs(), awsFor()]);
  const meta = values.cassette ? cassetteMeta(values.cassette, CASSETTE_META) : {};
  const asOf = parseAsOf(values['as-of'] ?? meta.asOf, new Date(), mode === 'live' ? 'live' : 'offline');
  // A cassette of an organization replays the accounts it recorded, unless DURION_ACCOUNTS says otherwise.
  if (meta.accounts && !config.accounts.scope) config.accounts.scope = meta.accounts;
  const aws = cliAws({ mode, homeRegion: config.homeRegion, asOf, seed, sampleAccounts, cassetteDir: values.cassette });
  const result = await runDaily({
    aws,
    asOf,
    outDir: values.out,
    storeDir: values.store,
    config,
    slackBotToken: config.slack.botToken,
    chartFiles: true,
  });
  const { report } = result;
  return [
    result.digestText.trimEnd(),
    '',
    `Wrote ${result.files.join(', ')}`,
    `Cost Explorer requests: ${report.costExplorerRequests} (${usdCents(report.costExplorerRequests * CE_REQUEST_USD)}); ` +
      `findings: ${report.findings.total} (${report.findings.new} new); alerts: ${report.alerts.built}; ` +
      `digests: ${report.digests.map((d) => `${d.channel} ${d.reason}`).join(', ')}`,
  ].join('\n');
};

const recordCommand: Command = async (args) => {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, 'as-of': { type: 'string' } } });
  if (!values.out) throw new UsageError('record needs --out DIR, the folder to write the cassette to');
  writableDir(values.out, '--out');
  const asOf = parseAsOf(values['as-of'], new Date(), 'live');
  const config = loadConfig();
  const [{ recordCassette }, { cliAws }] = await Promise.all([jobs(), awsFor()]);
  const aws = cliAws({ mode: 'record', homeRegion: config.homeRegion, asOf });
  const files = await recordCassette({ aws, asOf, dir: values.out, config });
  return `Recorded ${files} operations for ${asOf} to ${values.out}; replay with: durion-cost run --cassette ${values.out}`;
};

/** A cassette replays for the day it was recorded unless --as-of says otherwise. */
function cassetteMeta(dir: string, file: string): Partial<CassetteMeta> {
  const meta = join(dir, file);
  if (!existsSync(meta)) return {};
  try {
    return JSON.parse(readFileSync(meta, 'utf8')) as Partial<CassetteMeta>;
  } catch (err) {
    throw new CassetteError(`${meta} is not JSON: ${(err as Error).message}`, { cause: err });
  }
}

const slashCli: Command = async (args) => {
  const { values, positionals } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      channel: { type: 'string' },
      store: { type: 'string', default: '.durion-cost' },
    },
    allowPositionals: true,
  });
  const [{ slashCommand }, { cliAws }] = await Promise.all([import('../slack/router'), awsFor()]);
  const { homeRegion } = loadConfig();
  return slashCommand(positionals.join(' '), {
    user: values.user,
    channel: values.channel,
    store: values.store,
    // A sample store's schedules go to the sample account, on its day; any other store's to live AWS.
    aws: (snap) =>
      snap?.sample
        ? cliAws({ mode: 'sample', homeRegion, asOf: snap.asOf })
        : cliAws({ mode: 'live', homeRegion, asOf: todayUtc() }),
  });
};

const reportCli: Command = async (args) => {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'as-of': { type: 'string' },
      out: { type: 'string', default: 'out' },
      store: { type: 'string', default: '.durion-cost' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [kind, ...extra] = positionals;
  if (!REPORT_KINDS.includes(kind as ReportKind) || extra.length > 0) {
    throw new UsageError(`report takes one of ${REPORT_KINDS.join(', ')}; got "${positionals.join(' ')}"`);
  }
  writableDir(values.out, '--out');
  const asOf = values['as-of'] === undefined ? undefined : parseAsOf(values['as-of'], new Date());
  const config = loadConfig();
  const options = { kind: kind as ReportKind, storeDir: values.store, outDir: values.out, config };
  const { storedReport } = await import('../jobs/report-command');
  const { text, files } = await storedReport({ ...options, ...(asOf ? { asOf } : {}) });
  return [text.trimEnd(), '', `Wrote ${files.join(', ')}`].join('\n');
};

const COMMANDS: Record<string, Command> = {
  run: runCommand,
  report: reportCli,
  record: recordCommand,
  slash: slashCli,
  detect: async (args) => (await import('./detect')).detectCommand(args),
  rules: async (args) => {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
    return (await import('./rules')).rulesCommand(values.json);
  },
  help: async () => HELP,
};

/** Run the CLI with argv (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = COMMANDS[name === '--help' || name === '-h' ? 'help' : name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(`Usage: ${USAGE[name]}\n`);
      return 0;
    }
    process.stdout.write(`${await command(args)}\n`);
    return 0;
  } catch (err) {
    // parseArgs reports unknown flags with a code; they are usage errors too.
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`durion-cost: ${printable((err as Error).message)}\n\n${HELP}\n`);
      return 2;
    }
    if (err instanceof DurionError) {
      process.stderr.write(`durion-cost: ${printable(err.message)} [${err.code}]\n`);
      return err.exitCode;
    }
    process.stderr.write(`durion-cost: unexpected error: ${printable((err as Error).stack ?? String(err))}\n`);
    return 1;
  }
}
