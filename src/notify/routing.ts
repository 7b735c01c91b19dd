/**
 * Which channel gets which findings: the channel mapped to the finding's owner, else the one mapped to its account,
 * else the main digest channel.
 */
import type { Finding } from '../domain/finding';

/**
 * Findings by channel. Owners match DURION_OWNER_CHANNELS without regard to case, accounts DURION_ACCOUNT_CHANNELS;
 * findings with neither mapped go to `mainChannel` (dropped when there is none). The caller posts one digest per channel per day.
 */
export function routeFindings(
  findings: Finding[],
  ownerChannels: Record<string, string>,
  mainChannel: string | undefined,
  accountChannels: Record<string, string> = {},
): Map<string, Finding[]> {
  const byOwner = new Map(Object.entries(ownerChannels).map(([owner, channel]) => [owner.toLowerCase(), channel]));
  const routed = new Map<string, Finding[]>();
  for (const f of findings) {
    const channel = (f.owner && byOwner.get(f.owner.toLowerCase())) || accountChannels[f.accountId] || mainChannel;
    if (!channel) continue;
    routed.set(channel, [...(routed.get(channel) ?? []), f]);
  }
  return routed;
}
