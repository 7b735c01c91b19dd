/** The Keep modal's submission: a reason is required, and the finding is kept once however often Slack retries. */
import type { App } from '@slack/bolt';
import { KEEP_VIEW } from '../../notify/buttons';
import { refuseChannel, refuseWorkspace, resolveCaller } from '../access';
import { changeState } from '../findings';
import { readFormMetadata } from '../interactions';
import type { ListenerDeps } from './deps';

export const registerKeepView = (app: App, { cfg, store, now, safeMembers, once }: ListenerDeps) => {
  app.view(KEEP_VIEW, async ({ ack, body, view, client }) => {
    const meta = readFormMetadata(view.private_metadata);
    const reason = view.state.values.reason?.reason?.value?.trim() ?? '';
    const refused =
      refuseWorkspace(cfg, body.team?.id, body.api_app_id) ??
      (meta ? refuseChannel(cfg, meta.channelId) : 'This form is not one durion-cost opened.');
    if (refused) return void (await ack({ response_action: 'errors', errors: { reason: refused } }));
    if (!reason)
      return void (await ack({ response_action: 'errors', errors: { reason: 'Say why the resource is kept.' } }));
    await ack();
    // A modal is submitted once: its view id keys the claim against retries.
    if (!meta || !(await once(`view:${view.id}`)())) return;
    const caller = await resolveCaller(cfg, body.user.id, meta.channelId, safeMembers);
    const result = await changeState(store, caller, meta.findingId, { state: 'kept', reason }, now());
    await client.chat.postEphemeral({
      channel: meta.channelId,
      user: body.user.id,
      text: result.answer.text,
      blocks: result.answer.blocks,
    });
  });
};
