import { listSection } from '../../notify/digest';
import { escapeText } from '../blocks';
import type { Command } from '../command';
import { sourceAnswer } from '../extra';
import { actionable } from '../findings';

/** The checklist as measured by the last run, every day (the digest shows it weekly). */
export const checklist: Command = {
  name: 'checklist',
  usage: '',
  summary: 'the Well-Architected cost checklist, measured on this account',
  async run({ store, snapshot, now }) {
    const [snap, findings] = await Promise.all([snapshot(), store.listFindings()]);
    const data = snap?.extra.checklist;
    const items = (data?.items ?? []).map((i) => ({
      mrkdwn: `*${i.status.toUpperCase()}* · ${escapeText(i.title)}: ${escapeText(i.detail)} (${escapeText(i.wellArchitected)})`,
      text: `${i.status.toUpperCase()} · ${i.title}: ${i.detail} (${i.wellArchitected})`,
    }));
    return sourceAnswer({
      title: 'Well-Architected cost checklist',
      snap,
      section: data
        ? listSection('checklist', 'Checklist', items, `Measured from the run of ${data.asOf}.`)
        : undefined,
      findings: actionable(findings, now, ['alarm', 'info']),
      source: 'checklist',
      now,
      missing: 'the checklist has not been measured in the stored run (the checklist collector adds it).',
    });
  },
};
