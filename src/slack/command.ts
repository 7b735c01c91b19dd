/** The contract every `/durion-cost` command implements, and what it is given to answer with. */
import { UsageError } from '../domain/errors';
import type { Snapshot, Store } from '../ledger/types';
import type { Answer } from './blocks';
import type { SchedulingContext } from './scheduler';

/** Who asked, as the Slack layer (or the CLI) established it. */
export interface Caller {
  userId: string;
  channelId: string;
  /** May change a finding's state (allowed user or member of an allowed group). */
  canChange: boolean;
  /** Owner values that are the caller's team (from DURION_TEAM_MAP), for `mine`. */
  owners: string[];
}

export interface CommandContext {
  /** The words after the command name; user text, already length-bounded. */
  args: string[];
  store: Store;
  caller: Caller;
  now: Date;
  /** The latest snapshot, read once per request. */
  snapshot(): Promise<Snapshot | undefined>;
  /** EventBridge Scheduler through the bot's clients; absent when scheduling is off (a read-only install). */
  scheduling?: SchedulingContext;
}

export interface Command {
  name: string;
  /** Arguments as the help shows them, e.g. "ID DURATION [reason]". */
  usage: string;
  /** One line for the help. */
  summary: string;
  /** Writes to the ledger: refused to callers who may not, and done once however often Slack retries. */
  changesState?: true;
  run(ctx: CommandContext): Promise<Answer>;
}

/** The one finding id a command takes; a UsageError naming the command otherwise. */
export function oneFindingId(command: string, args: string[]): string {
  const [id] = args;
  if (!id || args.length > 1) throw new UsageError(`${command} takes one finding id`);
  return id;
}

/** Commands that read the snapshot say so plainly when no run has filled the store yet. */
export const NO_SNAPSHOT = 'No daily run has been stored yet: run `durion-cost run` (or wait for the daily schedule).';
