import type { Command } from '../command';
import { actionable, findingList } from '../findings';

/** Findings whose owner is one of the caller's team's owner values, or in one of its accounts (DURION_TEAM_MAP). */
export const mine: Command = {
  name: 'mine',
  usage: '',
  summary:
    'open findings owned by your team (DURION_TEAM_MAP maps you or your user group to owner values or account ids)',
  async run({ store, caller, now }) {
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
    return findingList(`Findings for ${caller.owners.join(', ')}`, found, now, 'No open findings for your team.');
  },
};
