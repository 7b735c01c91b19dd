/**
 * What the buttons do, apart from Slack plumbing: Acknowledge, Snooze 7 days, Keep (after its modal), and the
 * anomaly verdicts, which also go back to AWS Cost Anomaly Detection when AWS found the anomaly.
 */

import type { types } from '@slack/bolt';
import { VERDICT_REASONS } from '../domain/anomaly';
import type { Finding } from '../domain/finding';
import type { Store } from '../ledger/types';
import { context, section } from '../notify/blocks';
import { ACTION, KEEP_VIEW, SCHEDULE_VIEW } from '../notify/buttons';
import { type Answer, answer, escapeText } from './blocks';
import type { Caller } from './command';
import { snoozeUntil } from './duration';
import { type ChangeResult, changeState, MAX_REASON } from './findings';

/** Cost Explorer's feedback values (ProvideAnomalyFeedback). */
export type AnomalyFeedback = 'YES' | 'NO' | 'PLANNED_ACTIVITY';
/** Sends a verdict on an AWS anomaly back to Cost Explorer (ce:ProvideAnomalyFeedback). */
export type SendFeedback = (anomalyId: string, feedback: AnomalyFeedback) => Promise<void>;

/** Anomaly verdicts: the ledger state they set, the reason recorded, and what AWS is told. */
const VERDICTS = {
  [ACTION.accurate]: { state: 'acknowledged', reason: 'accurate anomaly', feedback: 'YES' },
  [ACTION.falsePositive]: { state: 'kept', reason: VERDICT_REASONS['false-positive'], feedback: 'NO' },
  [ACTION.planned]: { state: 'kept', reason: VERDICT_REASONS.planned, feedback: 'PLANNED_ACTIVITY' },
} as const;

/**
 * The anomaly id AWS Cost Anomaly Detection gave, when the finding came from it. Contract with the anomaly
 * collector: `evidence.awsAnomalyId` holds the Cost Explorer AnomalyId.
 */
export const awsAnomalyId = (f: Finding): string | undefined =>
  typeof f.evidence.awsAnomalyId === 'string' ? f.evidence.awsAnomalyId : undefined;

export interface ButtonDeps {
  store: Store;
  caller: Caller;
  now: Date;
  sendFeedback: SendFeedback;
}

/** Apply a state button (not Keep, which asks first). Returns what to tell the presser. */
export async function pressButton(actionId: string, findingId: string, deps: ButtonDeps): Promise<Answer> {
  const { store, caller, now } = deps;
  if (actionId === ACTION.ack)
    return (await changeState(store, caller, findingId, { state: 'acknowledged' }, now)).answer;
  if (actionId === ACTION.snooze) {
    const until = snoozeUntil('7d', now);
    return (await changeState(store, caller, findingId, { state: 'snoozed', until, reason: 'snoozed 7 days' }, now))
      .answer;
  }
  const verdict = VERDICTS[actionId as keyof typeof VERDICTS];
  if (!verdict) return answer('Unknown button', [`durion-cost does not know the button "${escapeText(actionId)}".`]);
  const result: ChangeResult = await changeState(
    store,
    caller,
    findingId,
    { state: verdict.state, reason: verdict.reason },
    now,
  );
  if (!result.ok) return result.answer;
  const anomalyId = awsAnomalyId(result.finding);
  if (!anomalyId) return result.answer;
  try {
    await deps.sendFeedback(anomalyId, verdict.feedback);
    return withLine(result.answer, `Sent “${verdict.reason}” to AWS Cost Anomaly Detection.`);
  } catch (err) {
    return withLine(
      result.answer,
      `The verdict is recorded here, but AWS did not take the feedback: ${escapeText((err as Error).message)}`,
    );
  }
}

const withLine = (a: Answer, line: string): Answer => ({
  ...a,
  blocks: [...a.blocks, context(line)],
});

/** What the Keep and Schedule modals carry between the button and their submission. */
export interface FormMetadata {
  findingId: string;
  channelId: string;
}

/** The modal asking why a finding is kept. */
export function keepModal(finding: Pick<Finding, 'id' | 'title'>, channelId: string): types.ModalView {
  const metadata: FormMetadata = { findingId: finding.id, channelId };
  return {
    type: 'modal',
    callback_id: KEEP_VIEW,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Keep this resource' },
    submit: { type: 'plain_text', text: 'Keep' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`*${escapeText(finding.title)}* (\`${finding.id}\`)`),
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text', text: 'Why is it kept?' },
        element: { type: 'plain_text_input', action_id: 'reason', max_length: MAX_REASON, multiline: true },
      },
    ],
  };
}

/** Read a modal's metadata back; undefined when it is not ours. */
export function readFormMetadata(raw: string): FormMetadata | undefined {
  try {
    const value = JSON.parse(raw) as Partial<FormMetadata>;
    return typeof value.findingId === 'string' && typeof value.channelId === 'string'
      ? { findingId: value.findingId, channelId: value.channelId }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The Schedule form's fields, prefilled with the usual working hours; the zone is checked with Intl on submission. */
const SCHEDULE_FIELDS = [
  { id: 'days', label: 'Days it is on (weekdays, daily, mon-thu, mon,wed,fri)', initial: 'weekdays' },
  { id: 'window', label: 'Hours it is on, same day (HH:MM-HH:MM)', initial: '07:00-19:00' },
  { id: 'zone', label: 'Time zone (IANA name)', initial: 'Europe/Berlin' },
] as const;

/** The modal asking for a finding's schedule: the same on-hours the `schedule` command takes, and why. */
export function scheduleModal(
  finding: Pick<Finding, 'id' | 'title' | 'resourceId'>,
  channelId: string,
): types.ModalView {
  const metadata: FormMetadata = { findingId: finding.id, channelId };
  const text = (id: string, label: string, initial: string) => ({
    type: 'input' as const,
    block_id: id,
    label: { type: 'plain_text' as const, text: label },
    element: { type: 'plain_text_input' as const, action_id: id, initial_value: initial, max_length: 64 },
  });
  return {
    type: 'modal',
    callback_id: SCHEDULE_VIEW,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Schedule' },
    submit: { type: 'plain_text', text: 'Schedule' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(
        `*${escapeText(finding.title)}* (\`${finding.id}\`) on \`${escapeText(finding.resourceId)}\`: stopped outside these hours by EventBridge Scheduler.`,
      ),
      ...SCHEDULE_FIELDS.map((f) => text(f.id, f.label, f.initial)),
      {
        type: 'input',
        block_id: 'reason',
        optional: true,
        label: { type: 'plain_text', text: 'Why (kept in the ledger)' },
        element: { type: 'plain_text_input', action_id: 'reason', max_length: MAX_REASON },
      },
    ],
  };
}
