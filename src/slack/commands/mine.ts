import { budgetLine, teamBudgets } from '../../analyze/budgets';
import { usd } from '../../domain/money';
import { context } from '../../notify/blocks';
import { escapeText } from '../blocks';
import type { Command } from '../command';
import { actionable, findingList } from '../findings';

/**
 * Findings whose owner is one of the caller's team's owner values, or in one of its accounts (DURION_TEAM_MAP), and
 * the team's spend this month against its AWS Budget (the digest's Budgets figures, from the latest run).
 */
export const mine: Command = {
  name: 'mine',
  usage: '',
  summary:
    'open findings owned by your team and its spend against its budget (DURION_TEAM_MAP maps you or your user group to owner values or account ids)',
  async run({ store, caller, now, snapshot }) {
    if (caller.owners.length === 0) {
      return findingList(
        'Your findings',
        [],
        now,
        'You are not mapped to a team: add your user or user group to DURION_TEAM_MAP.',
      );
    }
    const owners = new Set(caller.owners.map((o) => o.toLowerCase()));
    // An owner value that is an account id stands for every finding in that account.
    const found = actionable(await store.listFindings(), now).filter(
      (f) => (f.owner && owners.has(f.owner.toLowerCase())) || owners.has(f.accountId),
    );
    const list = findingList(`Findings for ${caller.owners.join(', ')}`, found, now, 'No open findings for your team.');
    const latest = await snapshot();
    const budgets = latest
      ? teamBudgets(latest.spend, latest.extra.commitments?.budgets?.value, latest.asOf).filter((t) =>
          owners.has(t.team.toLowerCase()),
        )
      : [];
    const lines = budgets.map((t) => `*${escapeText(t.team)}*: ${escapeText(budgetLine(t, usd))}`);
    return lines.length ? { ...list, blocks: [...list.blocks, context(lines.join('\n'))] } : list;
  },
};
