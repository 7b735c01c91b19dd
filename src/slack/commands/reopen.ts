import { type Command, oneFindingId } from '../command';
import { changeState } from '../findings';

export const reopen: Command = {
  name: 'reopen',
  changesState: true,
  usage: 'ID',
  summary: 'reopen an acknowledged, snoozed or kept finding',
  async run({ args, store, caller, now }) {
    const id = oneFindingId('reopen', args);
    return (await changeState(store, caller, id, { state: 'open' }, now)).answer;
  },
};
