/**
 * The `/durion-cost` router: text in, a Block Kit answer out, from the store alone. The Slack app and
 * `durion-cost slash` both go through `route`, so what the terminal shows is what Slack would.
 */
import type { Aws } from '../aws';
import { loadConfig } from '../config';
import { UsageError } from '../domain/errors';
import { openStore } from '../ledger/store';
import type { Snapshot, Store } from '../ledger/types';
import { type Answer, answer, escapeText, renderPlain } from './blocks';
import type { Caller, Command, CommandContext } from './command';
import { ack } from './commands/ack';
import { anomalies } from './commands/anomalies';
import { checklist } from './commands/checklist';
import { commitments } from './commands/commitments';
import { explain } from './commands/explain';
import { helpAnswer, helpCommand } from './commands/help';
import { keep } from './commands/keep';
import { mine } from './commands/mine';
import { reopen } from './commands/reopen';
import { rightsizing } from './commands/rightsizing';
import { savings } from './commands/savings';
import { schedule, schedules, unschedule } from './commands/schedule';
import { snooze } from './commands/snooze';
import { status } from './commands/status';
import { summary } from './commands/summary';
import { top } from './commands/top';
import { unused } from './commands/unused';
import { type SchedulingContext, schedulingContext } from './scheduler';

/** Slash command text longer than this is refused before it is parsed. */
export const MAX_TEXT = 500;
export const SHARE_FLAG = '--share';
const DEFAULT_SLASH = '/durion-cost';

const COMMANDS: Command[] = [
  summary,
  top,
  anomalies,
  savings,
  unused,
  rightsizing,
  commitments,
  checklist,
  explain,
  mine,
  ack,
  snooze,
  keep,
  reopen,
  schedule,
  schedules,
  unschedule,
  status,
];
const withHelp = (slash: string): Command[] => [helpCommand(() => withHelp(slash), slash), ...COMMANDS];

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The command nearest to what was typed, if it is near enough to be a typo. */
export function nearest(word: string, names: string[]): string | undefined {
  const scored = names.map((name) => ({
    name,
    d: name.startsWith(word) && word.length >= 2 ? 0 : distance(word, name),
  }));
  const best = scored.sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.name : undefined;
}

export interface RouteResult {
  answer: Answer;
  /** The caller asked for the answer to be posted in the channel (`--share`). */
  share: boolean;
}

export interface RouteOptions {
  store: Store;
  caller: Caller;
  now: Date;
  /** The slash command's name, for the help (default /durion-cost). */
  slash?: string;
  /** Claims this request once (Slack retries): a state change runs only when it returns true. */
  once?: () => Promise<boolean>;
  /** EventBridge Scheduler for `schedule` and `unschedule`; absent when scheduling is off. */
  scheduling?: SchedulingContext;
}

const ALREADY_DONE = answer('Already done', ['Slack sent this request again; it was carried out the first time.']);

/** Answer one slash command text. Usage mistakes answer with the help; store failures throw. */
export async function route(text: string, options: RouteOptions): Promise<RouteResult> {
  const slash = options.slash ?? DEFAULT_SLASH;
  const commands = withHelp(slash);
  if (text.length > MAX_TEXT) {
    return { share: false, answer: answer('Too long', [`Commands are at most ${MAX_TEXT} characters.`]) };
  }
  const words = text.trim().split(/\s+/).filter(Boolean);
  const share = words.includes(SHARE_FLAG);
  const [first = 'summary', ...args] = words.filter((w) => w !== SHARE_FLAG);
  const name = first.toLowerCase();
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const guess = nearest(
      name,
      commands.map((c) => c.name),
    );
    const note = `I do not know \`${escapeText(first.slice(0, 40))}\`.${guess ? ` Did you mean \`${slash} ${guess}\`?` : ''}`;
    return { share: false, answer: helpAnswer(commands, slash, note) };
  }
  let cached: Promise<Snapshot | undefined> | undefined;
  const ctx: CommandContext = {
    args,
    store: options.store,
    caller: options.caller,
    now: options.now,
    snapshot: () => {
      cached ??= options.store.latestSnapshot();
      return cached;
    },
    ...(options.scheduling ? { scheduling: options.scheduling } : {}),
  };
  try {
    if (command.changesState && options.once && !(await options.once())) return { share: false, answer: ALREADY_DONE };
    return { share, answer: await command.run(ctx) };
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    const usage = `\`${slash} ${command.name}${command.usage ? ` ${command.usage}` : ''}\``;
    return {
      share: false,
      answer: answer(`${slash} ${command.name}`, [`${escapeText(err.message)}.`, `Usage: ${usage}`]),
    };
  }
}

export interface SlashOptions {
  /** Slack user id to act as (default "cli"); its DURION_TEAM_MAP entry gives `mine`. */
  user?: string;
  channel?: string;
  /** Folder of the local store (default .durion-cost). */
  store?: string;
  now?: Date;
  /**
   * The AWS clients for the stored run (the CLI builds them: the sample account's for a sample store, else live), for
   * `schedule` and `unschedule`; without them scheduling is off.
   */
  aws?: (snapshot: Snapshot | undefined) => Aws;
}

/** `durion-cost slash "TEXT"`: what `/durion-cost TEXT` would answer, as plain text, from the local store. */
export async function slashCommand(text: string, options: SlashOptions = {}): Promise<string> {
  const config = loadConfig();
  const userId = options.user ?? 'cli';
  const store = await openStore({ tableName: config.tableName, storeDir: options.store ?? '.durion-cost' });
  try {
    // The terminal is the operator's own: state changes are allowed; user-group entries need Slack to resolve.
    const caller: Caller = {
      userId,
      channelId: options.channel ?? 'cli',
      canChange: true,
      owners: config.slack.teamMap[userId] ?? [],
    };
    // The sample account lives on its run's day (its bill and its schedules too), and may always be scheduled.
    const snap = await store.latestSnapshot();
    const sample = snap?.sample === true && snap;
    const now = options.now ?? (sample ? new Date(`${sample.asOf}T12:00:00Z`) : new Date());
    const scheduled = (sample || config.scheduling.enabled) && options.aws;
    const { answer: result } = await route(text, {
      store,
      caller,
      now,
      slash: config.slack.command,
      ...(scheduled ? { scheduling: schedulingContext(scheduled(snap), config) } : {}),
    });
    return renderPlain(result);
  } finally {
    await store.close();
  }
}
