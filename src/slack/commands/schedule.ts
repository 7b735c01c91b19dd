import { UsageError } from '../../domain/errors';
import type { Command } from '../command';
import { listScheduleAnswer, parseScheduleArgs, scheduleResources, unscheduleResource } from '../schedules';

/** `schedule TARGET DAYS WINDOW ZONE [force] [reason]`: stop the target outside its on-hours (admins only). */
export const schedule: Command = {
  name: 'schedule',
  changesState: true,
  usage: 'ID|tag:KEY=VALUE weekdays 07:00-19:00 Europe/Berlin [force] [reason]',
  summary: 'stop a resource (or every one with a tag) outside its working hours, with EventBridge Scheduler',
  run: (ctx) => scheduleResources(ctx, parseScheduleArgs(ctx.args)),
};

/** `schedules`: the active schedules and the failures the last run read. */
export const schedules: Command = {
  name: 'schedules',
  usage: '',
  summary: 'the active schedules: what they stop, when, who made them, what they save, what failed',
  run: (ctx) => listScheduleAnswer(ctx),
};

/** `unschedule ID [reason]`: remove a resource's schedules and reopen its finding. */
export const unschedule: Command = {
  name: 'unschedule',
  changesState: true,
  usage: 'ID [reason]',
  summary: 'remove the schedules of a resource (by schedule id, finding id or resource); its finding reopens',
  run: (ctx) => {
    const [id, ...words] = ctx.args;
    if (!id) throw new UsageError('unschedule needs a schedule id, a finding id or a resource id');
    return unscheduleResource(ctx, id, words.join(' ') || undefined);
  },
};
