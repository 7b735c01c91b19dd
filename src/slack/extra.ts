/**
 * Answers for the analyzers that add to the daily run (anomalies, commitments, checklist): the digest's section built
 * from what the run kept in `snapshot.extra` (typed per analyzer), then that source's open findings with their buttons, or a plain
 * "not available yet" when the stored run has neither.
 */

import type { Finding, FindingSource } from '../domain/finding';
import type { Snapshot } from '../ledger/types';
import { type Block, context, header } from '../notify/blocks';
import { type DigestSection, sectionToBlocks } from '../notify/section';
import { type Answer, answer, capBlocks } from './blocks';
import { NO_SNAPSHOT } from './command';
import { findingBlocks } from './findings';

/** Findings listed under a section, at most. */
const MAX_FINDINGS = 10;

export interface SourceAnswer {
  title: string;
  snap: Snapshot | undefined;
  /** The digest's section for this analyzer, when the stored run has its data. */
  section?: DigestSection;
  /** Open findings (any source); those of `source` are listed. */
  findings: Finding[];
  source: FindingSource;
  now: Date;
  /** What has not run, said when there is neither a section nor a finding. */
  missing: string;
}

/** The section and the source's findings with buttons, or a plain "not available yet". */
export function sourceAnswer(a: SourceAnswer): Answer {
  if (!a.snap) return answer(a.title, [NO_SNAPSHOT]);
  const mine = a.findings.filter((f) => f.source === a.source || f.sources?.includes(a.source));
  if (!a.section && mine.length === 0) return answer(a.title, [`Not available yet: ${a.missing}`]);
  const blocks: Block[] = [
    header(a.title),
    ...(a.section ? sectionToBlocks(a.section) : []),
    ...findingBlocks(mine.slice(0, MAX_FINDINGS), a.now),
  ];
  if (mine.length > MAX_FINDINGS) blocks.push(context(`${mine.length - MAX_FINDINGS} more findings not shown.`));
  blocks.push(context(`From the run of ${a.snap.asOf}. \`explain ID\` shows the evidence.`));
  return { text: a.title, blocks: capBlocks(blocks) };
}
