import type { Command } from '../command';
import { sourceAnswer } from '../extra';

export const checklist: Command = {
  name: 'checklist',
  usage: '',
  summary: 'the Well-Architected cost checklist, measured on this account',
  async run({ store, snapshot, now }) {
    const [snap, findings] = await Promise.all([snapshot(), store.listFindings()]);
    return sourceAnswer(
      'Well-Architected cost checklist',
      snap,
      'checklist',
      findings,
      'checklist',
      now,
      'the checklist has not been measured in the stored run (the checklist collector adds it).',
    );
  },
};
