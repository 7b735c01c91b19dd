import type { Command } from '../command';
import { sourceAnswer } from '../extra';
import { actionable } from '../findings';

export const commitments: Command = {
  name: 'commitments',
  usage: '',
  summary: 'Savings Plans and Reserved Instances: coverage, utilization, purchases recommended',
  async run({ store, snapshot, now }) {
    const [snap, findings] = await Promise.all([snapshot(), store.listFindings()]);
    return sourceAnswer(
      'Commitments',
      snap,
      'commitments',
      actionable(findings, now, ['alarm', 'info']),
      'commitments',
      now,
      'no Savings Plans or Reserved Instance data in the stored run (the commitments collector adds it).',
    );
  },
};
