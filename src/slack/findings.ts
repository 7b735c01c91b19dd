/** Findings as the bot shows them, and the state changes people make from commands and buttons alike. */

import { todayUtc } from '../domain/dates';
import { ChangedMeanwhileError } from '../domain/errors';
import { accountLabel, type Finding, type FindingState, SAVINGS_METHODS, type Status } from '../domain/finding';
import { usd } from '../domain/money';
import { effectiveState } from '../ledger/ledger';
import { savingsWaiting } from '../ledger/savings';
import type { StateRequest, Store } from '../ledger/types';
import { type Block, context, header, section } from '../notify/blocks';
import { findingActions } from '../notify/buttons';
import { type Answer, answer, capBlocks, escapeText, mention } from './blocks';
import type { Caller } from './command';

/** Finding ids are short base64url hashes; anything else is refused before the store is asked. */
const ID_PATTERN = /^[A-Za-z0-9_-]{4,40}$/;
export const isFindingId = (id: string): boolean => ID_PATTERN.test(id);

/** Reasons are kept in the ledger's history: bounded so one person cannot fill an item. */
export const MAX_REASON = 300;

/** The state as of today: a snooze whose day has come is open, whether or not a run reopened it yet. */
export const stateOf = (f: Finding, now: Date): FindingState => effectiveState(f, todayUtc(now));

/** The state as of today in words: "acknowledged", "snoozed until 2026-12-20". */
export function stateText(f: Finding, now: Date): string {
  const state = stateOf(f, now);
  return state === 'snoozed' ? `${state} until ${f.snoozedUntil}` : state;
}

/** Findings someone should look at: not snoozed, kept or resolved, of these statuses, biggest savings first. */
export function actionable(findings: Finding[], now: Date, statuses: readonly Status[] = ['alarm']): Finding[] {
  return findings
    .filter((f) => statuses.includes(f.status) && ['open', 'acknowledged'].includes(stateOf(f, now)))
    .sort((a, b) => b.monthlySavingsUsd - a.monthlySavingsUsd || b.score - a.score);
}

/** A finding's dollars and how they were estimated: a saving, an anomaly's impact, or no estimate. mrkdwn. */
export function moneyText(f: Finding): string {
  if (f.monthlyImpactUsd) {
    return `*+${usd(f.monthlyImpactUsd)}/mo extra spend* (${SAVINGS_METHODS['cost-explorer-actuals']}; ${escapeText(f.savingsBasis)})`;
  }
  if (f.savingsMethod === 'none') return 'no dollar estimate';
  return `*${usd(f.monthlySavingsUsd)}/mo* (${SAVINGS_METHODS[f.savingsMethod]}; ${escapeText(f.savingsBasis)})`;
}

/** One finding in a list: what, where, how much (and how estimated), its id and state. */
export function findingLine(f: Finding, now: Date): string {
  const money = moneyText(f);
  const where = `${escapeText(f.resourceId)} · ${escapeText(accountLabel(f))} · ${f.region}`;
  return `*${escapeText(f.title)}* — ${where}\n${money} · \`${f.id}\` · ${stateText(f, now)}`;
}

/** Findings as a list shows them: each one's line, then its buttons. */
export const findingBlocks = (findings: Finding[], now: Date): Block[] =>
  findings.flatMap((f) => [section(findingLine(f, now)), findingActions(f)]);

/** A list answer: each finding with its buttons, at most `limit`, and what was left out. */
export function findingList(title: string, findings: Finding[], now: Date, empty: string, limit = 10): Answer {
  if (findings.length === 0) return answer(title, [empty]);
  const shown = findings.slice(0, limit);
  const { totalUsd } = savingsWaiting(findings);
  const blocks: Block[] = [header(title), ...findingBlocks(shown, now)];
  const more = findings.length > shown.length ? ` ${findings.length - shown.length} more not shown.` : '';
  blocks.push(
    context(
      `${findings.length} finding(s); savings waiting ${usd(totalUsd)}/mo (the largest per resource where findings are alternatives).${more} \`explain ID\` shows the evidence.`,
    ),
  );
  return { text: title, blocks: capBlocks(blocks) };
}

export type ChangeResult = { ok: true; finding: Finding; answer: Answer } | { ok: false; answer: Answer };

/** An answer that says nothing changed, and why. */
export const nothingChanged = (text: string): Answer => answer('Nothing changed', [text]);

const refusal = (text: string): ChangeResult => ({ ok: false, answer: nothingChanged(text) });

/** Why this caller may not change this finding id, before the store is asked; undefined when they may. */
export function changeRefusal(caller: Caller, id: string): string | undefined {
  if (!caller.canChange) {
    return 'You are not allowed to change findings. An admin can add you to SLACK_ADMIN_USERS or to a group in SLACK_ADMIN_GROUPS.';
  }
  if (!isFindingId(id)) return `"${escapeText(id)}" is not a finding id: ids look like \`Ab3_x9-QzW\`.`;
  return undefined;
}

/** The answer for an id the ledger does not hold. */
export const unknownId = (id: string): string =>
  `No finding has the id \`${escapeText(id)}\`. \`unused\`, \`savings\` or \`mine\` list them.`;

const VERB: Record<StateRequest['state'], string> = {
  open: 'Reopened',
  acknowledged: 'Acknowledged',
  snoozed: 'Snoozed',
  kept: 'Kept',
  scheduled: 'Scheduled',
};

/** Apply a state change for a caller: checks the id and the caller's right, records who, when and why. */
export async function changeState(
  store: Store,
  caller: Caller,
  id: string,
  request: Omit<StateRequest, 'by'>,
  now: Date,
): Promise<ChangeResult> {
  const refused = changeRefusal(caller, id);
  if (refused) return refusal(refused);
  if ((request.reason?.length ?? 0) > MAX_REASON) return refusal(`A reason is at most ${MAX_REASON} characters.`);
  let finding: Finding | undefined;
  try {
    finding = await store.setState(id, { ...request, by: caller.userId }, now);
  } catch (err) {
    if (!(err instanceof ChangedMeanwhileError)) throw err;
    return refusal(`\`${id}\` was changed by someone else meanwhile; nothing was changed. Look at it again and retry.`);
  }
  if (!finding) return refusal(unknownId(id));
  const until = request.until ? ` until ${request.until}` : '';
  const why = request.reason ? ` — “${escapeText(request.reason)}”` : '';
  const line = `${VERB[request.state]} \`${finding.id}\` ${escapeText(finding.title)} (${escapeText(finding.resourceId)})${until}${why}, by ${mention(caller.userId)}.`;
  return { ok: true, finding, answer: answer(`${VERB[request.state]} ${finding.id}`, [line]) };
}
