/**
 * The Schedule form's submission: the on-hours are checked as the `schedule` command checks them (a wrong field is
 * marked in the form), then the finding's resource is scheduled once however often Slack retries, and the result
 * goes to the submitter alone.
 */
import type { App } from '@slack/bolt';
import { checkOnHours } from '../../domain/schedule';
import { SCHEDULE_VIEW } from '../../notify/buttons';
import { refuseChannel, refuseWorkspace, resolveCaller } from '../access';
import type { Answer } from '../blocks';
import { nothingChanged } from '../findings';
import { readFormMetadata } from '../interactions';
import { scheduleResources } from '../schedules';
import { type ListenerDeps, STORE_DOWN } from './deps';

export const registerScheduleView = (app: App, deps: ListenerDeps) => {
  const { cfg, store, now, safeMembers, once, scheduling } = deps;
  app.view(SCHEDULE_VIEW, async ({ ack, body, view, client }) => {
    const meta = readFormMetadata(view.private_metadata);
    const value = (id: string) => view.state.values[id]?.[id]?.value?.trim() ?? '';
    const refused =
      refuseWorkspace(cfg, body.team?.id, body.api_app_id) ??
      (meta ? refuseChannel(cfg, meta.channelId) : 'This form is not one durion-cost opened.');
    if (refused) return void (await ack({ response_action: 'errors', errors: { days: refused } }));
    const checked = checkOnHours(value('days'), value('window'), value('zone'));
    if ('field' in checked) {
      return void (await ack({ response_action: 'errors', errors: { [checked.field]: checked.message } }));
    }
    await ack();
    // A modal is submitted once: its view id keys the claim against retries.
    if (!meta || !(await once(`view:${view.id}`)())) return;
    const caller = await resolveCaller(cfg, body.user.id, meta.channelId, safeMembers);
    const reason = value('reason');
    let reply: Answer;
    try {
      reply = await scheduleResources(
        { store, caller, now: now(), ...(scheduling ? { scheduling } : {}), snapshot: () => store.latestSnapshot() },
        { target: meta.findingId, onHours: checked, force: false, ...(reason ? { reason } : {}) },
      );
    } catch (err) {
      await store.release(`slack:view:${view.id}`).catch(() => {});
      app.logger.error(`schedule form failed: ${(err as Error).message}`);
      reply = nothingChanged(STORE_DOWN);
    }
    await client.chat.postEphemeral({
      channel: meta.channelId,
      user: body.user.id,
      text: reply.text,
      blocks: reply.blocks,
    });
  });
};
