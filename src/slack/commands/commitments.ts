import { commitmentsSection } from '../../notify/sections/commitments';
import type { Command } from '../command';
import { sourceAnswer } from '../extra';
import { actionable } from '../findings';

export const commitments: Command = {
  name: 'commitments',
  usage: '',
  summary: 'Savings Plans and Reserved Instances: coverage, utilization, purchases recommended',
  async run({ store, snapshot, now }) {
    const [snap, findings] = await Promise.all([snapshot(), store.listFindings()]);
    const data = snap?.extra.commitments;
    return sourceAnswer({
      title: 'Commitments',
      snap,
      // Coverage and utilization from the digest's section; the findings follow with their buttons.
      section: commitmentsSection(data, []),
      findings: actionable(findings, now, ['alarm', 'info']),
      source: 'commitments',
      now,
      missing: 'no Savings Plans or Reserved Instance data in the stored run (the commitments collector adds it).',
    });
  },
};
