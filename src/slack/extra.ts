/**
 * Sections other analyzers add to the digest (anomalies, commitments, checklist), as the run keeps them in the
 * snapshot: `snapshot.extra[section.id] = section` (a DigestSection). The commands show the same section the digest
 * did, with the findings of that source and their buttons.
 */
import type { Snapshot } from '../ledger/types';
import type { Finding, FindingSource } from '../model';
import type { DigestSection } from '../notify/digest';
import { type Answer, answer, type Block, capBlocks, context, header, section } from './blocks';
import { findingActions } from './buttons';
import { NO_SNAPSHOT } from './command';
import { findingLine } from './findings';

/** Findings listed under a section, at most. */
const MAX_FINDINGS = 10;

const isSection = (v: unknown): v is DigestSection =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as DigestSection).title === 'string' &&
  Array.isArray((v as DigestSection).blocks) &&
  Array.isArray((v as DigestSection).lines);

/** The section `id` of the snapshot, when the run kept one of the expected shape. */
export const extraSection = (snap: Snapshot | undefined, id: string): DigestSection | undefined => {
  const value = snap?.extra[id];
  return isSection(value) ? value : undefined;
};

/**
 * An answer from the analyzer's section and its findings, saying plainly when neither exists yet
 * (`missing` names what has not run).
 */
export function sourceAnswer(
  title: string,
  snap: Snapshot | undefined,
  id: string,
  findings: Finding[],
  source: FindingSource,
  now: Date,
  missing: string,
): Answer {
  if (!snap) return answer(title, [NO_SNAPSHOT]);
  const extra = extraSection(snap, id);
  const mine = findings.filter((f) => f.source === source || f.sources?.includes(source));
  if (!extra && mine.length === 0) return answer(title, [`Not available yet: ${missing}`]);
  const blocks: Block[] = [header(title), ...(extra?.blocks ?? [])];
  for (const f of mine.slice(0, MAX_FINDINGS)) blocks.push(section(findingLine(f, now)), findingActions(f));
  if (mine.length > MAX_FINDINGS) blocks.push(context(`${mine.length - MAX_FINDINGS} more findings not shown.`));
  blocks.push(context(`From the run of ${snap.asOf}. \`explain ID\` shows the evidence.`));
  return { text: title, blocks: capBlocks(blocks) };
}
