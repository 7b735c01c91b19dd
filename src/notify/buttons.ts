/** The buttons under a finding (digest and command answers) and the ids the interactivity handlers route on. */
import type { Finding } from '../domain/finding';
import { type ActionsBlock, actions, button } from './blocks';

export const ACTION = {
  ack: 'durion:ack',
  snooze: 'durion:snooze-7d',
  keep: 'durion:keep',
  console: 'durion:console',
  accurate: 'durion:anomaly-accurate',
  falsePositive: 'durion:anomaly-false-positive',
  planned: 'durion:anomaly-planned',
  schedule: 'durion:schedule',
} as const;

/** The modal that asks why a finding is kept; its private_metadata is the finding id. */
export const KEEP_VIEW = 'durion:keep-reason';
/** The modal that asks for a schedule's on-hours (the `schedule` command's form). */
export const SCHEDULE_VIEW = 'durion:schedule-form';

/**
 * The rules whose findings a schedule answers: non-production capacity kept on around the clock. (rds-multi-az-nonprod
 * is not one: its saving is the standby, which stopping out of hours would not remove.)
 */
export const SCHEDULE_RULES = ['ec2-nonprod-always-on', 'asg-nonprod-always-on', 'ecs-nonprod-always-on'] as const;

/**
 * Whether a finding offers a Schedule button: an alarm of a schedule rule, alone or merged with AWS's own proposal,
 * not scheduled already.
 */
export const offersSchedule = (f: Pick<Finding, 'status' | 'state' | 'ruleId' | 'evidence'>): boolean =>
  f.status === 'alarm' &&
  f.state !== 'scheduled' &&
  SCHEDULE_RULES.some((r) => f.ruleId === r || `rule:${r}` in f.evidence);

/** Where in the AWS console the finding's resource is (a console link, never an API call). */
export function consoleUrl(f: Pick<Finding, 'source' | 'region' | 'resourceId' | 'resourceArn'>): string {
  const region = f.region && f.region !== 'global' ? f.region : 'us-east-1';
  const home = `https://${region}.console.aws.amazon.com`;
  if (f.source === 'anomaly') return 'https://console.aws.amazon.com/cost-management/home#/anomaly-detection/overview';
  if (f.resourceId.startsWith('i-'))
    return `${home}/ec2/home?region=${region}#InstanceDetails:instanceId=${f.resourceId}`;
  if (f.resourceId.startsWith('vol-'))
    return `${home}/ec2/home?region=${region}#VolumeDetails:volumeId=${f.resourceId}`;
  if (f.resourceArn) return `https://console.aws.amazon.com/go/view?arn=${encodeURIComponent(f.resourceArn)}`;
  return `${home}/console/home?region=${region}`;
}

/**
 * The actions block for one finding: Acknowledge, Snooze 7 days, Keep (asks the reason), Schedule (asks the on-hours,
 * on non-production capacity kept on around the clock) and the console link; an anomaly gets Accurate, False positive
 * and Planned instead, which also go back to AWS when AWS found it.
 */
export function findingActions(f: Finding): ActionsBlock {
  const link = button('Open in AWS console', ACTION.console, { url: consoleUrl(f) });
  const elements =
    f.source === 'anomaly'
      ? [
          button('Accurate', ACTION.accurate, { value: f.id, style: 'primary' }),
          button('False positive', ACTION.falsePositive, { value: f.id }),
          button('Planned', ACTION.planned, { value: f.id }),
        ]
      : [
          button('Acknowledge', ACTION.ack, { value: f.id, style: 'primary' }),
          button('Snooze 7 days', ACTION.snooze, { value: f.id }),
          button('Keep…', ACTION.keep, { value: f.id }),
          ...(offersSchedule(f) ? [button('Schedule…', ACTION.schedule, { value: f.id })] : []),
        ];
  return actions([...elements, link], `durion:finding:${f.id}`);
}
