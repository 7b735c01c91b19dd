/** The slash command: answered from the stored snapshot and ledger, in the channel only when shared. */
import type { App } from '@slack/bolt';
import { refuseChannel, refuseWorkspace, resolveCaller } from '../access';
import { route } from '../router';
import { ephemeral, type ListenerDeps, refusal, STORE_DOWN } from './deps';

export const registerCommand = (app: App, { cfg, store, now, safeMembers, once, scheduling }: ListenerDeps) => {
  app.command(cfg.command, async ({ command, ack }) => {
    const refused = refuseWorkspace(cfg, command.team_id, command.api_app_id) ?? refuseChannel(cfg, command.channel_id);
    if (refused) return ack(refusal(refused));
    const caller = await resolveCaller(cfg, command.user_id, command.channel_id, safeMembers);
    const claim = once(command.trigger_id);
    let claimed = false;
    try {
      const result = await route(command.text ?? '', {
        store,
        caller,
        now: now(),
        slash: cfg.command,
        ...(scheduling ? { scheduling } : {}),
        once: async () => {
          claimed = await claim();
          return claimed;
        },
      });
      const body = ephemeral(result.answer);
      await ack(result.share ? { ...body, response_type: 'in_channel' } : body);
    } catch (err) {
      // A state change that failed gives its claim back, so Slack's retry can run it; a read took none.
      if (claimed) await store.release(`slack:${command.trigger_id}`).catch(() => {});
      app.logger.error(`slash command failed: ${(err as Error).message}`);
      await ack(refusal(STORE_DOWN));
    }
  });
};
