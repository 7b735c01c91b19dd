import { UsageError } from '../../errors';
import type { Command } from '../command';
import { changeState } from '../findings';

export const reopen: Command = {
  name: 'reopen',
  changesState: true,
  usage: 'ID',
  summary: 'reopen an acknowledged, snoozed or kept finding',
  async run({ args, store, caller, now }) {
    const [id] = args;
    if (!id || args.length > 1) throw new UsageError('reopen takes one finding id');
    return (await changeState(store, caller, id, { state: 'open' }, now)).answer;
  },
};
