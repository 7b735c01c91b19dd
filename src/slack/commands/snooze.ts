import { UsageError } from '../../domain/errors';
import type { Command } from '../command';
import { snoozeUntil } from '../duration';
import { changeState } from '../findings';

export const snooze: Command = {
  name: 'snooze',
  changesState: true,
  usage: 'ID DURATION [reason]',
  summary: 'hide a finding until a date (7d, 2w, 1m or 2026-12-31); it reopens by itself after',
  async run({ args, store, caller, now }) {
    const [id, duration, ...words] = args;
    if (!id || !duration) throw new UsageError('snooze needs a finding id and a duration such as 7d, 2w, 1m or a date');
    const until = snoozeUntil(duration, now);
    const reason = words.join(' ') || undefined;
    return (await changeState(store, caller, id, { state: 'snoozed', until, reason }, now)).answer;
  },
};
