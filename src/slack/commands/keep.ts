import { UsageError } from '../../domain/errors';
import type { Command } from '../command';
import { changeState } from '../findings';

export const keep: Command = {
  name: 'keep',
  changesState: true,
  usage: 'ID REASON',
  summary: 'keep a resource on purpose, with the reason (the finding stops being reported)',
  async run({ args, store, caller, now }) {
    const [id, ...words] = args;
    if (!id || words.length === 0) throw new UsageError('keep needs a finding id and a reason');
    return (await changeState(store, caller, id, { state: 'kept', reason: words.join(' ') }, now)).answer;
  },
};
