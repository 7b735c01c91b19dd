/** The digest's buttons: Keep and Schedule open their modals, the others act once and answer the clicker alone. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION } from '../../notify/buttons';
import { refuseChannel, refuseWorkspace, resolveCaller } from '../access';
import { changeRefusal, nothingChanged, unknownId } from '../findings';
import { keepModal, pressButton, scheduleModal } from '../interactions';
import { SCHEDULING_OFF } from '../schedules';
import { ephemeral, type ListenerDeps, refusal, STORE_DOWN } from './deps';

export const registerButtons = (
  app: App,
  { cfg, store, now, safeMembers, once, sendFeedback, scheduling }: ListenerDeps,
) => {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: /^durion:/ },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      // The console button is a link: Slack still reports the click, and there is nothing to do.
      if (action.action_id === ACTION.console) return;
      const channelId = body.channel?.id;
      const refused = refuseWorkspace(cfg, body.team?.id, body.api_app_id) ?? refuseChannel(cfg, channelId);
      if (refused) return void (await respond({ ...refusal(refused), replace_original: false }));
      const caller = await resolveCaller(cfg, body.user.id, channelId ?? '', safeMembers);
      const findingId = action.value ?? '';
      // Keep and Schedule ask first, in a form; the form's submission acts (listeners/*-view.ts).
      if (action.action_id === ACTION.keep || action.action_id === ACTION.schedule) {
        const form = action.action_id === ACTION.keep ? keepModal : scheduleModal;
        const off = form === scheduleModal && !scheduling ? SCHEDULING_OFF : undefined;
        const cannot = changeRefusal(caller, findingId) ?? off;
        const finding = cannot ? undefined : await store.getFinding(findingId);
        if (!finding) {
          return void (await respond({
            ...ephemeral(nothingChanged(cannot ?? unknownId(findingId))),
            replace_original: false,
          }));
        }
        await client.views.open({ trigger_id: body.trigger_id, view: form(finding, channelId ?? '') });
        return;
      }
      if (!(await once(body.trigger_id)())) return;
      try {
        const reply = await pressButton(action.action_id, findingId, { store, caller, now: now(), sendFeedback });
        await respond({ ...ephemeral(reply), replace_original: false });
      } catch (err) {
        await store.release(`slack:${body.trigger_id}`).catch(() => {});
        app.logger.error(`button ${action.action_id} failed: ${(err as Error).message}`);
        await respond({ ...refusal(STORE_DOWN), replace_original: false });
      }
    },
  );
};
