/** What the daily run leaves in the store for the Slack bot and the next run. */

import type { MonthCloseMark } from '../analyze/periods';
import type { Checklist } from '../analyze/recommend/checklist';
import type { SpendSummary } from '../analyze/summary';
import type { CommitmentData, MonthCommitmentRead } from '../collect/commitments';
import type { DataTransferRead } from '../collect/transfer';
import type { AnomalyState } from '../domain/anomaly';
import type { CreatorLookup } from '../domain/creator';
import type { Claim, Finding, FindingState } from '../domain/finding';
import type { Note } from '../domain/note';
import type { SchedulableResource, ScheduleFailure, ScheduleRecord } from '../domain/schedule';
import type { SpendData } from '../domain/spend';
import type { RegionalUnitPrices } from '../pricing';
import type { RealizedFigures } from './realized';

/**
 * Where the last month-close stands (analyze/periods.ts's mark): waiting for the month to settle, or built, with what
 * the run that built it read for it, so the month's later runs neither read nor post it again.
 */
export interface MonthCloseRead extends MonthCloseMark {
  /** The month's coverage and utilization, read by the run that built it. */
  commitments?: MonthCommitmentRead;
  /** What those reads could not get. */
  notes?: Note[];
}

/** What one run did: written to run.json and kept in the snapshot for `/durion-cost status`. */
export interface RunReport {
  asOf: string;
  startedAt: string;
  durationMs: number;
  mode: 'live' | 'sample' | 'cassette' | 'record';
  /** AWS calls by `service:Operation`. */
  calls: Record<string, number>;
  /** The same by account: member accounts by id, the running account's own as "(own)". */
  callsByAccount: Record<string, Record<string, number>>;
  /** Cost Explorer requests this run (each billed $0.01). */
  costExplorerRequests: number;
  notes: Note[];
  findings: { total: number; alarm: number; new: number; resolved: number };
  alerts: { built: number; published: number; duplicates: number };
  /** Realized savings after this run (ledger/realized.ts): claimed, verified against the bill, settling. */
  realized: RealizedFigures;
  /** Cost Explorer requests of all runs this calendar month, this one included. */
  costExplorerRequestsMonth: number;
  /** One entry per channel the digest was meant for: the main channel and the owners' channels. */
  digests: DigestStatus[];
  /** The files this run shared for the digests (their charts), by outbox key; absent in snapshots older than uploads. */
  uploads?: PostStatus[];
  /** The weekly and month-close reports' messages and files this run recorded (or could not), by outbox key. */
  reports?: PostStatus[];
  /**
   * The outbox after the run: the keys of the messages it recorded, messages of earlier runs it sent, and how many
   * are still unsent (sent by the next run). Absent in snapshots older than the outbox.
   */
  outbox?: { keys: string[]; earlierSent: number; unsent: number };
  /** The invocation (the schedule's event id) this run was; a retry of it resumes from the snapshot. */
  invocationId?: string;
  /** When a retry of the invocation finished sending what the first attempt had not (ISO). */
  resumed?: string;
}

/** Whether one channel got its digest, and why not. */
export interface DigestStatus {
  channel: string;
  posted: boolean;
  reason: string;
}

/** Whether one message or file, by its outbox key, went out, and why not. */
export interface PostStatus {
  key: string;
  posted: boolean;
  reason: string;
}

/** The latest run, as the Slack bot reads it: it never calls Cost Explorer itself. */
export interface Snapshot {
  asOf: string;
  sample: boolean;
  summary: SpendSummary;
  /** The last 92 days of spend, for `top ... [days]` answers. */
  spend: SpendData;
  report: RunReport;
  /** What the commands and the next run read back beyond spend: each analyzer's data, typed. */
  extra: SnapshotExtra;
}

/** The analyzers' data kept with the run. Each is absent when its collector or analyzer did not run. */
export interface SnapshotExtra {
  /** Savings Plans and Reserved Instances; the next run reuses their weekly Cost Explorer reads. */
  commitments?: CommitmentData;
  checklist?: Checklist;
  /** Anomalies and what was alerted, handed to the next run. */
  anomalies?: AnomalyState;
  /** Unit prices of other regions read from the Price List API, reused for 30 days (jobs/prices.ts). */
  prices?: RegionalUnitPrices;
  /** The bill's data transfer of the last settled month; the next runs reuse it until another month settles. */
  dataTransfer?: DataTransferRead;
  /** CloudTrail's creators of unowned resources, by creatorKey: each resource is looked up once while unowned. */
  creators?: Record<string, CreatorLookup>;
  /** The month-close of the month before: waiting for it to settle, or built (and what was read for it). */
  monthClose?: MonthCloseRead;
  /** The resources a schedule can act on, with their hourly prices, for `/durion-cost schedule`. */
  schedulable?: SchedulableResource[];
  /** Failed invocations of durion-cost's schedules the run read from their dead-letter queues. */
  scheduleFailures?: ScheduleFailure[];
}

/** Where a message is on its way out: recorded, handed to the service (outcome unknown until marked), or sent. */
export type OutboxState = 'pending' | 'sending' | 'sent';

/** One message of the outbox (notify/outbox.ts): a channel's digest for a day, a report, files, or one alert. */
export interface OutboxEntry {
  /**
   * `digest#<asOf>#<channel>`, `files#<asOf>#<channel>#<what>` (a digest's files), `report#<kind>#<period>#<channel>`
   * (and its files, `...#csv` and `...#charts`) or `alert#<alert key>`.
   */
  key: string;
  transport: 'slack' | 'slack-files' | 'sns';
  state: OutboxState;
  /** What is sent, exactly as recorded the first time (a rerun sends this, not what it built itself). */
  payload: unknown;
  /** When it was first recorded (ISO); Slack's channel history is searched from here. */
  createdAt: string;
  /** Times it was handed to the service. */
  attempts: number;
  /** When its state last changed (ISO). */
  updatedAt?: string;
  /** Slack's message ts or SNS's MessageId, once sent. */
  sentId?: string;
}

/** A state change asked for from Slack or the CLI. */
export interface StateRequest {
  state: Extract<FindingState, 'open' | 'acknowledged' | 'snoozed' | 'kept' | 'scheduled'>;
  by: string;
  reason?: string;
  until?: string;
  /** For scheduled: the saving the schedule claims (the hours it stops at the resource's price). */
  claim?: Claim;
}

/** The store: one DynamoDB table in AWS, the same code on dynalite locally. */
export interface Store {
  /** Daily spend kept from earlier runs, so settled days are not read from Cost Explorer again. */
  getSpend(key: string): Promise<SpendData | undefined>;
  putSpend(key: string, spend: SpendData): Promise<void>;
  /** Every finding the ledger holds, any state. */
  listFindings(): Promise<Finding[]>;
  getFinding(id: string): Promise<Finding | undefined>;
  putFindings(findings: Finding[]): Promise<void>;
  /** Apply a state change with its history entry; undefined when the id is unknown. */
  setState(id: string, change: StateRequest, now: Date): Promise<Finding | undefined>;
  putSnapshot(snapshot: Snapshot): Promise<void>;
  latestSnapshot(): Promise<Snapshot | undefined>;
  /** Once-only: true the first time a key is claimed (a Slack request by its trigger id). */
  claim(key: string, expiresAt: Date): Promise<boolean>;
  release(key: string): Promise<void>;
  /** Record a message as pending unless its key is in the outbox already; the entry as the outbox now holds it. */
  enqueue(
    entry: Pick<OutboxEntry, 'key' | 'transport' | 'payload' | 'createdAt'>,
    expiresAt: Date,
  ): Promise<OutboxEntry>;
  /** Move an entry from `from` to `to` at `at` (counting an attempt on 'sending'); false when it was not in `from`. */
  markOutbox(key: string, from: OutboxState, to: OutboxState, at: Date, sentId?: string): Promise<boolean>;
  /** Every entry not marked sent, oldest first. */
  unsent(): Promise<OutboxEntry[]>;
  getOutbox(key: string): Promise<OutboxEntry | undefined>;
  /** Every schedule record, active and deleted (their history stays). */
  listSchedules(): Promise<ScheduleRecord[]>;
  /**
   * Write a schedule record if the stored one still has `historyLength` changes (0: none stored yet); false when it
   * changed meanwhile (someone else scheduled or unscheduled the resource at the same moment).
   */
  putSchedule(record: ScheduleRecord, historyLength: number): Promise<boolean>;
  close(): Promise<void>;
}
