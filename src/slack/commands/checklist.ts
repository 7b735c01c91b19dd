import { checklistEntry } from '../../notify/sections/checklist';
import type { Command } from '../command';
import { sourceAnswer } from '../extra';
import { actionable } from '../findings';

/** The checklist as measured by the last run, every day (the digest shows it weekly), an item a block. */
export const checklist: Command = {
  name: 'checklist',
  usage: '',
  summary: 'the Well-Architected cost checklist, measured on this account',
  async run({ store, snapshot, now }) {
    const [snap, findings] = await Promise.all([snapshot(), store.listFindings()]);
    const data = snap?.extra.checklist;
    return sourceAnswer({
      title: 'Well-Architected cost checklist',
      snap,
      section: data
        ? {
            id: 'checklist',
            title: 'Checklist',
            caption: `Measured from the run of ${data.asOf}.`,
            blocks: data.items.map((i) => ({ entries: [checklistEntry(i)] })),
          }
        : undefined,
      findings: actionable(findings, now, ['alarm', 'info']),
      source: 'checklist',
      now,
      missing: 'the checklist has not been measured in the stored run (the checklist collector adds it).',
    });
  },
};
