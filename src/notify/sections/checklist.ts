/** The digest's weekly Well-Architected cost checklist: each item's status and the number behind it. */
import { type Checklist, type CheckStatus, isChecklistDay } from '../../analyze/recommend/checklist';
import { context, escapeMrkdwn, section } from '../blocks';
import type { DigestSection } from '../digest';

const MARK: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: 'n/a' };

/**
 * The checklist section on the weekly checklist day; undefined on the other days. The items share one block (about
 * 150 characters each, well within a section's 3,000), so the checklist costs the digest two blocks, not ten.
 */
export function checklistSection(checklist: Checklist): DigestSection | undefined {
  if (!isChecklistDay(checklist.asOf)) return undefined;
  const failing = checklist.items.filter((i) => i.status === 'fail' || i.status === 'warn').length;
  const caption = `${failing} of ${checklist.items.length} items need attention. Measured from this run's data.`;
  return {
    id: 'checklist',
    title: 'Well-Architected cost checklist (weekly)',
    blocks: [
      context(escapeMrkdwn(caption)),
      section(
        checklist.items
          .map((i) => `*${MARK[i.status]}* · ${escapeMrkdwn(i.title)}: ${escapeMrkdwn(i.detail)}`)
          .join('\n'),
      ),
    ],
    lines: [
      caption,
      ...checklist.items.map((i) => `${MARK[i.status]} · ${i.title}: ${i.detail} [${i.wellArchitected}]`),
    ],
  };
}
