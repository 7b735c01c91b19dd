/**
 * The digest's budgets: each team with spend this month against its AWS Budget (src/analyze/budgets.ts), over or
 * forecast over first, the teams that have none, and the accounts no cost budget covers. Absent when there is none of
 * these.
 */
import { budgetLine, type TeamBudget } from '../../analyze/budgets';
import { usd } from '../../domain/money';
import type { DigestSection } from '../section';

/** At most this many teams are listed; the rest are counted. */
const SHOWN = 8;

export function budgetsSection(
  teams: TeamBudget[],
  tagKey: string,
  unbudgeted: string[] = [],
): DigestSection | undefined {
  if (teams.length === 0 && unbudgeted.length === 0) return undefined;
  const without = teams.filter((t) => !t.budget).length;
  const shown = teams.slice(0, SHOWN).map((t) => ({ lines: [[{ strong: t.team }, `: ${budgetLine(t, usd)}`]] }));
  const more = teams.length > SHOWN ? [{ lines: [[`and ${teams.length - SHOWN} more team(s)`]] }] : [];
  const accounts = unbudgeted.length
    ? [{ lines: [[`Accounts with spend this month and no account-wide budget: ${unbudgeted.join(', ')}`]] }]
    : [];
  return {
    id: 'budgets',
    title: 'Budgets',
    caption:
      `Teams by the \`${tagKey}\` tag: AWS Budgets' actual and forecast for this month where a monthly cost budget is ` +
      `filtered to the team; Cost Explorer month to date where none is (${without} of ${teams.length} team(s)).`,
    blocks: [{ entries: [...shown, ...more, ...accounts] }],
  };
}
