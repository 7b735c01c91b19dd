import { isSizing } from '../../domain/finding';
import type { Command } from '../command';
import { actionable, findingList } from '../findings';

/** `rightsizing`: the sizing findings the digest's Rightsizing section counts, with the same total. */
export const rightsizing: Command = {
  name: 'rightsizing',
  usage: '',
  summary: 'oversized resources (rules, Compute Optimizer, Cost Optimization Hub)',
  async run({ store, now }) {
    return findingList(
      'Rightsizing',
      actionable(await store.listFindings(), now, ['alarm', 'info']).filter(isSizing),
      now,
      'No rightsizing findings yet: they come from the rules, Compute Optimizer and Cost Optimization Hub once those have run.',
    );
  },
};
