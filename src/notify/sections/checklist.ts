/** The digest's weekly Well-Architected cost checklist: each item's status and the number behind it. */
import { type Checklist, type CheckStatus, isChecklistDay } from '../../recommend/checklist';
import { escapeMrkdwn } from '../blocks';
import { type DigestSection, listSection } from '../digest';

const MARK: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: 'n/a' };

/** The checklist section on the weekly checklist day; undefined on the other days. */
export function checklistSection(checklist: Checklist): DigestSection | undefined {
  if (!isChecklistDay(checklist.asOf)) return undefined;
  const items = checklist.items.map((i) => ({
    mrkdwn: `*${MARK[i.status]}* · ${escapeMrkdwn(i.title)}: ${escapeMrkdwn(i.detail)}`,
    text: `${MARK[i.status]} · ${i.title}: ${i.detail} [${i.wellArchitected}]`,
  }));
  const failing = checklist.items.filter((i) => i.status === 'fail' || i.status === 'warn').length;
  return listSection(
    'checklist',
    'Well-Architected cost checklist (weekly)',
    items,
    `${failing} of ${checklist.items.length} items need attention. Measured from this run's data.`,
  );
}
