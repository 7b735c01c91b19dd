import type { Command } from '../command';
import { actionable, findingList } from '../findings';

export const unused: Command = {
  name: 'unused',
  usage: '',
  summary: 'idle and unattached resources to delete or stop, biggest savings first',
  async run({ store, now }) {
    const found = actionable(await store.listFindings(), now).filter((f) => f.strategy === 'unused-resources');
    return findingList('Unused resources', found, now, 'No open unused-resource findings.');
  },
};
