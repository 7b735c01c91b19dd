/**
 * Sending what a run built, at most once: each alert and each channel's digest is claimed in the store before it is
 * sent, and the claim is released when sending fails, so a retried run sends what is missing and nothing twice.
 */
import type { PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { addDays } from '../domain/dates';
import type { Note } from '../domain/note';
import type { DigestStatus, Store } from '../ledger/types';
import type { Digest } from './digest';
import { postMessage } from './slack-post';
import { publishAlerts } from './sns';

/** Claims outlive the day they guard by this long (TTL deletes them after). */
const CLAIM_DAYS = 45;

/** When claims made on `asOf` lapse. */
export const claimsUntil = (asOf: string): Date => new Date(`${addDays(asOf, CLAIM_DAYS)}T00:00:00Z`);

export interface Claims {
  store: Store;
  /** When claims lapse (DynamoDB TTL deletes them after). */
  until: Date;
  notes: Note[];
}

export interface AlertOutcome {
  published: number;
  duplicates: number;
  /** Keys of the alerts published by this run. */
  publishedKeys: string[];
}

/** Publish each alert whose key was not claimed before; one SNS refuses is released for the next run. */
export async function deliverAlerts(
  claims: Claims,
  sns: SNSClient,
  alerts: { key: string; input: PublishCommandInput }[],
): Promise<AlertOutcome> {
  const claimed: typeof alerts = [];
  for (const alert of alerts) if (await claims.store.claim(`alert#${alert.key}`, claims.until)) claimed.push(alert);
  const failed = new Set(
    await publishAlerts(
      sns,
      claimed.map((a) => a.input),
      claims.notes,
    ),
  );
  const published = claimed.filter((a) => !failed.has(a.input));
  for (const alert of claimed) if (failed.has(alert.input)) await claims.store.release(`alert#${alert.key}`);
  return {
    published: published.length,
    duplicates: alerts.length - claimed.length,
    publishedKeys: published.map((a) => a.key),
  };
}

/** Post one channel's digest for the day unless it was posted already; a failed post is released and noted. */
export async function deliverDigest(
  claims: Claims,
  slack: { apiUrl: string; token: string },
  asOf: string,
  channel: string,
  digest: Digest,
): Promise<DigestStatus> {
  const key = `digest#${asOf}#${channel}`;
  if (!(await claims.store.claim(key, claims.until))) {
    return { channel, posted: false, reason: `already posted for ${asOf}` };
  }
  try {
    await postMessage({ ...slack, channel, text: digest.text, blocks: digest.blocks });
    return { channel, posted: true, reason: 'posted' };
  } catch (err) {
    await claims.store.release(key);
    const message = (err as Error).message;
    claims.notes.push({ kind: 'error', source: 'slack:chat.postMessage', message: `${channel}: ${message}` });
    return { channel, posted: false, reason: message };
  }
}
