import { type Command, oneFindingId } from '../command';
import { changeState } from '../findings';

export const ack: Command = {
  name: 'ack',
  changesState: true,
  usage: 'ID',
  summary: 'acknowledge a finding (seen, someone is on it)',
  async run({ args, store, caller, now }) {
    const id = oneFindingId('ack', args);
    return (await changeState(store, caller, id, { state: 'acknowledged' }, now)).answer;
  },
};
