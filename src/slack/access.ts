/**
 * Who may ask what: only the configured workspace and app are served, commands answer only in allowed channels
 * (or direct messages, if allowed), and state changes are for allowed users or members of allowed user groups.
 */
import type { Config } from '../config';
import type { Caller } from './command';

type SlackConfig = Config['slack'];

/** Group membership lookups (usergroups.users.list) are cached this long per Lambda container. */
const GROUP_TTL_MS = 5 * 60_000;

/** A refusal the caller reads, or undefined when the request may go on. */
export function refuseWorkspace(cfg: SlackConfig, teamId: string | undefined, appId: string | undefined) {
  if (!cfg.teamId || !cfg.appId)
    return 'This durion-cost bot has no workspace configured (SLACK_TEAM_ID, SLACK_APP_ID).';
  if (teamId !== cfg.teamId || appId !== cfg.appId) return 'This durion-cost bot does not serve this workspace or app.';
  return undefined;
}

/** Channels a command may answer in: the configured list, else the digest channel and the owners' channels. */
export const allowedChannels = (cfg: SlackConfig): string[] =>
  cfg.allowedChannels ??
  [cfg.channel, ...Object.values(cfg.ownerChannels), ...Object.values(cfg.accountChannels)].filter((c): c is string =>
    Boolean(c),
  );

/** Direct messages with the bot have ids starting with D. */
const isDirect = (channelId: string) => channelId.startsWith('D');

export function refuseChannel(cfg: SlackConfig, channelId: string | undefined): string | undefined {
  if (!channelId) return 'durion-cost answers only in channels it is set up for.';
  if (isDirect(channelId)) {
    return cfg.allowDm ? undefined : 'durion-cost does not answer in direct messages here (SLACK_ALLOW_DM).';
  }
  return allowedChannels(cfg).includes(channelId)
    ? undefined
    : 'durion-cost does not answer in this channel: cost data stays in the channels it is set up for (SLACK_ALLOWED_CHANNELS).';
}

/** Lists the members of a user group (usergroups.users.list through the bot's WebClient). */
export type GroupMembers = (groupId: string) => Promise<string[]>;

const cache = new Map<string, { at: number; members: Promise<string[]> }>();

/** Group members, cached per container; a failed lookup is not cached (the next request asks again). */
export function cachedMembers(lookup: GroupMembers, now = Date.now()): GroupMembers {
  return (groupId) => {
    const hit = cache.get(groupId);
    if (hit && now - hit.at < GROUP_TTL_MS) return hit.members;
    const members = lookup(groupId);
    cache.set(groupId, { at: now, members });
    members.catch(() => cache.delete(groupId));
    return members;
  };
}

/** Forget cached group members (tests). */
export const clearGroupCache = () => cache.clear();

/** Group ids in the settings: admin groups and the user-group keys of the team map (Slack group ids start with S). */
const groupsOf = (cfg: SlackConfig) => [
  ...new Set([...cfg.adminGroups, ...Object.keys(cfg.teamMap).filter((k) => k.startsWith('S'))]),
];

/** The caller: may they change states, and which owner values are their team's. */
export async function resolveCaller(
  cfg: SlackConfig,
  userId: string,
  channelId: string,
  members: GroupMembers,
): Promise<Caller> {
  const all = groupsOf(cfg);
  const lists = await Promise.all(all.map((group) => members(group)));
  const groups = all.filter((_, i) => lists[i]?.includes(userId));
  const owners = [userId, ...groups].flatMap((key) => cfg.teamMap[key] ?? []);
  return {
    userId,
    channelId,
    canChange: cfg.adminUsers.includes(userId) || groups.some((g) => cfg.adminGroups.includes(g)),
    owners: [...new Set(owners)],
  };
}
