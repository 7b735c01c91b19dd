/**
 * Failed invocations of durion-cost's schedules: EventBridge Scheduler sends an invocation that failed after its
 * retries (a start refused for insufficient capacity, a resource gone, a role denied) to the dead-letter queue of the
 * schedule's account, with the error the target answered in message attributes. The run reads each queue where a
 * schedule is active and keeps what was sent since the previous run. Reading does not delete: a message comes back
 * after its visibility timeout and ages out with the queue's retention, so a retried run reads the same failures.
 */
import { type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Aws } from '../aws';
import type { Note } from '../domain/note';
import type { ScheduleFailure } from '../domain/schedule';
import { guard } from './guard';
import { type MemberRole, memberAws, reachOf } from './organization';

/** The IAM action this collector sends, on the schedules' dead-letter queues only. */
export const SCHEDULE_FAILURE_IAM_ACTIONS = ['sqs:ReceiveMessage'] as const;

/** Receives a run makes of one queue at most (10 messages each): more failures than that is its own news. */
const MAX_RECEIVES = 10;
/** Seconds a received message stays hidden, so one run does not read it twice. */
const HIDDEN_S = 60;

export interface FailureQueues {
  /** The accounts with an active schedule. */
  accounts: string[];
  /** The running account, and the role into the others. */
  self: string;
  memberRole: MemberRole;
  region: string;
  queueName: string;
  /** Failures sent before this moment (ISO) were reported by an earlier run. */
  since: string;
  /** The ids of the failures the previous run reported (a message is read again until it ages out). */
  reported: readonly string[];
}

const attribute = (m: Message, name: string): string | undefined => m.MessageAttributes?.[name]?.StringValue;

/** One dead-letter message as a failure; what Scheduler did not say is said to be unknown. */
function failureOf(m: Message, accountId: string): ScheduleFailure {
  const sent = Number(m.Attributes?.SentTimestamp);
  const arn = attribute(m, 'SCHEDULE_ARN') ?? '';
  return {
    id: m.MessageId ?? '',
    accountId,
    at: Number.isFinite(sent) ? new Date(sent).toISOString() : '',
    scheduleName: arn.split('/').pop() || 'unknown schedule',
    errorCode: attribute(m, 'ERROR_CODE') ?? 'unknown error',
    message: (attribute(m, 'ERROR_MESSAGE') ?? m.Body ?? '').slice(0, 300),
  };
}

/** Every message of one queue this run can see, once each. */
async function receiveAll(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const seen = new Map<string, Message>();
  for (let i = 0; i < MAX_RECEIVES; i++) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: HIDDEN_S,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp'],
      }),
    );
    const fresh = (out.Messages ?? []).filter((m) => !seen.has(m.MessageId ?? ''));
    for (const m of fresh) seen.set(m.MessageId ?? String(seen.size), m);
    if (fresh.length === 0) break;
  }
  return [...seen.values()];
}

/**
 * The failures sent since the previous run's day that it did not report, newest first; a queue that cannot be read is
 * a note naming its account.
 */
export async function collectScheduleFailures(aws: Aws, q: FailureQueues, notes: Note[]): Promise<ScheduleFailure[]> {
  const reach = reachOf(q.self, q.memberRole);
  const failures: ScheduleFailure[] = [];
  for (const accountId of q.accounts) {
    const account = await memberAws(aws, reach, accountId, notes);
    if (!account) continue;
    const url = `https://sqs.${q.region}.amazonaws.com/${accountId}/${q.queueName}`;
    const where = { source: 'sqs:ReceiveMessage', region: q.region, accountId };
    const messages = await guard(notes, where, () => receiveAll(account.client(SQSClient, q.region), url));
    const fresh = (f: ScheduleFailure) => f.at >= q.since && !q.reported.includes(f.id);
    failures.push(...(messages ?? []).map((m) => failureOf(m, accountId)).filter(fresh));
  }
  return failures.sort((a, b) => b.at.localeCompare(a.at));
}
