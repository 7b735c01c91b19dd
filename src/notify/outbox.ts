/**
 * Delivery as an outbox. Every message a run sends (each channel's digest for the day, each alert) is first recorded
 * in the store as pending with its payload; then marked 'sending' and handed to the service; then marked 'sent'. A
 * rerun, or the next run, sends what is still pending, the payload as first recorded. One left 'sending' (the process
 * died mid-send, or the service's answer never came) is looked for before it is sent again where the service can tell:
 * Slack keeps the key in the message's metadata, and the channel's recent history is searched for it. SNS cannot
 * tell, so an alert whose Publish went out but was never marked is published again: alerts are at least once, and
 * carry their key (`alertKey` attribute) so a subscriber can drop the repeat.
 */
import { noteKind } from '../collect/guard';
import { addDays } from '../domain/dates';
import type { Note } from '../domain/note';
import type { OutboxEntry, Store } from '../ledger/types';

/** Outbox entries outlive the day they are for by this long (DynamoDB TTL deletes them after). */
const KEEP_DAYS = 45;

/**
 * A message marked 'sending' this recently may still be in flight in another process (a send is bounded well below
 * this: Slack's client timeout and one rate-limit wait, SNS's request timeout): it is left to that process.
 */
export const IN_FLIGHT_MS = 60_000;

/** The outbox key of an alert: `alert#<alert key>` (the alert key is the event's, shared by daily and intraday). */
export const ALERT_PREFIX = 'alert#';
export const alertOutboxKey = (alertKey: string) => `${ALERT_PREFIX}${alertKey}`;

/** The outbox key of a channel's digest for a day. */
export const DIGEST_PREFIX = 'digest#';
export const digestKey = (asOf: string, channel: string) => `${DIGEST_PREFIX}${asOf}#${channel}`;

/** The outbox key of a digest's files: `files#<day>#<channel>#<what>`, e.g. the daily charts' `...#charts`. */
export const FILES_PREFIX = 'files#';
export const filesKey = (day: string, channel: string, what: string) => `${FILES_PREFIX}${day}#${channel}#${what}`;

/**
 * The outbox key of a report posted to a channel: by its kind and period (the week's Monday, the month), never by the
 * run's day, so the report of one period is posted once whichever run builds it. Its files go under `<key>#csv`
 * and `<key>#charts`.
 */
export const REPORT_PREFIX = 'report#';
export const reportKey = (kind: string, period: string, channel: string) =>
  `${REPORT_PREFIX}${kind}#${period}#${channel}`;

/** When entries recorded on `asOf` lapse. */
export const outboxUntil = (asOf: string): Date => new Date(`${addDays(asOf, KEEP_DAYS)}T00:00:00Z`);

/**
 * What a transport throws: `refused` when the service answered no (nothing was sent, or the history cannot be read),
 * `unknown` when no answer came (it may have been sent).
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly outcome: 'refused' | 'unknown',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SendError';
  }
}

/** One way out. `find` says whether a message sent with `key` since `since` arrived (its id), where it can tell. */
export interface Transport {
  name: OutboxEntry['transport'];
  /** Where notes about it come from, e.g. "slack:chat.postMessage". */
  source: string;
  send(payload: unknown, key: string): Promise<string>;
  find?(payload: unknown, key: string, since: string): Promise<string | undefined>;
}

export interface Outbox {
  store: Store;
  notes: Note[];
  now: () => Date;
}

/**
 * How a message went: sent now; found already delivered after an unknown outcome; sent before this run; refused
 * (pending again, sent next time); unknown (no answer: looked for before the next send); left to another process.
 */
export type Delivery = 'sent' | 'found' | 'already-sent' | 'refused' | 'unknown' | 'in-flight';

export interface Delivered {
  key: string;
  delivery: Delivery;
  reason: string;
}

/** A message to record: its key, the transport it takes and what it sends. */
export interface Message {
  key: string;
  transport: OutboxEntry['transport'];
  payload: unknown;
}

/** Record each message as pending (or read back what an earlier run recorded under its key). */
export async function record(outbox: Outbox, messages: Message[], until: Date): Promise<OutboxEntry[]> {
  const createdAt = outbox.now().toISOString();
  const entries: OutboxEntry[] = [];
  for (const m of messages) entries.push(await outbox.store.enqueue({ ...m, createdAt }, until));
  return entries;
}

/** Whether a message left 'sending' arrived: its id, undefined when not, 'unknown' when it cannot be told now. */
async function look(outbox: Outbox, transport: Transport, entry: OutboxEntry): Promise<string | undefined | 'unknown'> {
  if (!transport.find) return undefined;
  try {
    return await transport.find(entry.payload, entry.key, entry.createdAt);
  } catch (err) {
    const e = err instanceof SendError ? err : new SendError((err as Error).message, 'unknown');
    if (e.outcome === 'unknown') return 'unknown';
    outbox.notes.push({
      kind: 'error',
      source: transport.source,
      message: `${entry.key}: its outcome was unknown and it could not be looked for (${e.message}); sent again, so it may show twice`,
    });
    return undefined;
  }
}

/** Send one entry as the outbox holds it, and mark how it went. */
export async function sendEntry(outbox: Outbox, transport: Transport, entry: OutboxEntry): Promise<Delivered> {
  const { store } = outbox;
  const { key } = entry;
  if (entry.state === 'sent') return { key, delivery: 'already-sent', reason: 'sent by an earlier run' };
  if (entry.state === 'sending') {
    if (outbox.now().getTime() - Date.parse(entry.updatedAt ?? entry.createdAt) < IN_FLIGHT_MS) {
      return { key, delivery: 'in-flight', reason: 'being sent by another run' };
    }
    const found = await look(outbox, transport, entry);
    if (found === 'unknown') return { key, delivery: 'unknown', reason: 'outcome unknown and not yet found' };
    if (found !== undefined) {
      await store.markOutbox(key, 'sending', 'sent', outbox.now(), found);
      return { key, delivery: 'found', reason: 'already delivered (found after an unknown outcome)' };
    }
  }
  if (!(await store.markOutbox(key, entry.state, 'sending', outbox.now()))) {
    return { key, delivery: 'in-flight', reason: 'being sent by another run' };
  }
  let id: string;
  try {
    id = await transport.send(entry.payload, key);
  } catch (err) {
    const e = err instanceof SendError ? err : new SendError((err as Error).message, 'unknown', { cause: err });
    if (e.outcome === 'refused') await store.markOutbox(key, 'sending', 'pending', outbox.now());
    const next = e.outcome === 'refused' ? 'the next run sends it' : 'the next run looks for it before sending again';
    const kind = noteKind((e.cause as Error | undefined)?.name ?? '');
    outbox.notes.push({ kind, source: transport.source, message: `${key}: ${e.message}; ${next}` });
    return { key, delivery: e.outcome, reason: e.message };
  }
  await store.markOutbox(key, 'sending', 'sent', outbox.now(), id);
  return { key, delivery: 'sent', reason: 'sent' };
}

/** Send every entry given, in order, each by its own transport; an entry whose transport is not configured waits. */
export async function sendAll(
  outbox: Outbox,
  transports: Partial<Record<OutboxEntry['transport'], Transport>>,
  entries: OutboxEntry[],
): Promise<Delivered[]> {
  const out: Delivered[] = [];
  for (const entry of entries) {
    const transport = transports[entry.transport];
    if (transport) out.push(await sendEntry(outbox, transport, entry));
  }
  return out;
}

/** Record the messages, then send each as the outbox holds it (what an earlier run recorded under a key wins). */
export async function recordAndSend(
  outbox: Outbox,
  transports: Partial<Record<OutboxEntry['transport'], Transport>>,
  messages: Message[],
  until: Date,
): Promise<Delivered[]> {
  return sendAll(outbox, transports, await record(outbox, messages, until));
}

/** Alerts delivered (sent now, or found delivered) and ones an earlier run had already sent. */
export function tally(delivered: readonly Delivered[]): { published: number; duplicates: number } {
  return {
    published: delivered.filter((d) => d.delivery === 'sent' || d.delivery === 'found').length,
    duplicates: delivered.filter((d) => d.delivery === 'already-sent').length,
  };
}
