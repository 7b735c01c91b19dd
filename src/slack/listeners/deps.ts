/** What every Slack listener is given, and the replies they share. */
import type { Config } from '../../config';
import type { Store } from '../../ledger/types';
import type { GroupMembers } from '../access';
import { type Answer, answer } from '../blocks';
import type { SendFeedback } from '../interactions';
import type { SchedulingContext } from '../scheduler';

export interface ListenerDeps {
  cfg: Config['slack'];
  store: Store;
  now: () => Date;
  /** A user group's members; a group that cannot be resolved has none. */
  safeMembers: GroupMembers;
  /** Claims a Slack request (its trigger id) so a retried delivery does not act again. */
  once: (triggerId: string) => () => Promise<boolean>;
  sendFeedback: SendFeedback;
  /** EventBridge Scheduler for the Schedule form; absent when scheduling is off. */
  scheduling?: SchedulingContext;
}

export const ephemeral = (a: Answer) => ({ response_type: 'ephemeral' as const, text: a.text, blocks: a.blocks });
export const refusal = (text: string) => ephemeral(answer('Not here', [text]));
export const STORE_DOWN =
  'durion-cost could not reach its store just now; nothing changed. Please try again in a minute.';
