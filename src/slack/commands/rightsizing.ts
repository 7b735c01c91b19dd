import type { Command } from '../command';
import { actionable, findingList } from '../findings';

const STRATEGIES = new Set(['right-sizing', 'compute-optimization', 'database-optimization']);

export const rightsizing: Command = {
  name: 'rightsizing',
  usage: '',
  summary: 'oversized resources (rules, Compute Optimizer, Cost Optimization Hub)',
  async run({ store, now }) {
    const found = actionable(await store.listFindings(), now).filter(
      (f) => f.action === 'rightsize' || f.action === 'modernize' || STRATEGIES.has(f.strategy),
    );
    return findingList(
      'Rightsizing',
      found,
      now,
      'No rightsizing findings yet: they come from the rules, Compute Optimizer and Cost Optimization Hub once those have run.',
    );
  },
};
