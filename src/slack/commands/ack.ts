import { UsageError } from '../../errors';
import type { Command } from '../command';
import { changeState } from '../findings';

export const ack: Command = {
  name: 'ack',
  changesState: true,
  usage: 'ID',
  summary: 'acknowledge a finding (seen, someone is on it)',
  async run({ args, store, caller, now }) {
    const [id] = args;
    if (!id || args.length > 1) throw new UsageError('ack takes one finding id');
    return (await changeState(store, caller, id, { state: 'acknowledged' }, now)).answer;
  },
};
