/**
 * Sections other analyzers leave in `snapshot.extra` (anomalies, commitments, checklist). The contract the bot reads:
 * `extra[name] = { title: string, lines: string[] }`, lines in Slack mrkdwn with AWS text already escaped.
 */
import type { Snapshot } from '../ledger/types';
import type { Finding, FindingSource } from '../model';
import { type Answer, answer, type Block, capBlocks, context, header, section } from './blocks';
import { findingActions } from './buttons';
import { NO_SNAPSHOT } from './command';
import { findingLine } from './findings';

export interface ExtraSection {
  title: string;
  lines: string[];
}

const isSection = (v: unknown): v is ExtraSection =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ExtraSection).title === 'string' &&
  Array.isArray((v as ExtraSection).lines) &&
  (v as ExtraSection).lines.every((l) => typeof l === 'string');

/** The section `name` of the snapshot, when an analyzer wrote one of the expected shape. */
export const extraSection = (snap: Snapshot | undefined, name: string): ExtraSection | undefined => {
  const value = snap?.extra[name];
  return isSection(value) ? value : undefined;
};

/**
 * An answer from the analyzer's section and its findings, saying plainly when neither exists yet
 * (`missing` names the analyzer that has not run).
 */
export function sourceAnswer(
  title: string,
  snap: Snapshot | undefined,
  name: string,
  findings: Finding[],
  source: FindingSource,
  now: Date,
  missing: string,
): Answer {
  if (!snap) return answer(title, [NO_SNAPSHOT]);
  const extra = extraSection(snap, name);
  const mine = findings.filter((f) => f.source === source || f.sources?.includes(source));
  if (!extra && mine.length === 0) return answer(title, [`Not available yet: ${missing}`]);
  const blocks: Block[] = [header(title)];
  if (extra) blocks.push(section(`*${extra.title}*\n${extra.lines.join('\n')}`));
  for (const f of mine.slice(0, 10)) blocks.push(section(findingLine(f, now)), findingActions(f));
  if (mine.length > 10) blocks.push(context(`${mine.length - 10} more findings not shown.`));
  blocks.push(context(`From the run of ${snap.asOf}. \`explain ID\` shows the evidence.`));
  return { text: title, blocks: capBlocks(blocks) };
}
