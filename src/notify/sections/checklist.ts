/** The digest's weekly Well-Architected cost checklist: each item's status and the number behind it. */
import {
  type Checklist,
  type ChecklistItem,
  type CheckStatus,
  isChecklistDay,
} from '../../analyze/recommend/checklist';
import type { DigestSection, Entry } from '../section';

const MARK: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: 'n/a' };

/** An item as one line: its status, what it checks, the number behind it and its Well-Architected practice. */
export const checklistEntry = (i: ChecklistItem): Entry => ({
  lines: [[{ strong: MARK[i.status] }, ` · ${i.title}: ${i.detail} (${i.wellArchitected})`]],
});

/**
 * The checklist section on the weekly checklist day; undefined on the other days. The items share one block (about
 * 175 characters each, well within a section's 3,000), so the checklist costs the digest two blocks, not ten.
 */
export function checklistSection(checklist: Checklist): DigestSection | undefined {
  if (!isChecklistDay(checklist.asOf)) return undefined;
  const failing = checklist.items.filter((i) => i.status === 'fail' || i.status === 'warn').length;
  return {
    id: 'checklist',
    title: 'Well-Architected cost checklist (weekly)',
    caption: `${failing} of ${checklist.items.length} items need attention. Measured from this run's data.`,
    blocks: [{ entries: checklist.items.map(checklistEntry) }],
  };
}
