/** The buttons under a finding (digest and command answers) and the ids the interactivity handlers route on. */
import type { types } from '@slack/bolt';
import type { Finding } from '../model';

export const ACTION = {
  ack: 'durion:ack',
  snooze: 'durion:snooze-7d',
  keep: 'durion:keep',
  console: 'durion:console',
  accurate: 'durion:anomaly-accurate',
  falsePositive: 'durion:anomaly-false-positive',
  planned: 'durion:anomaly-planned',
} as const;
export type ActionId = (typeof ACTION)[keyof typeof ACTION];

/** The modal that asks why a finding is kept; its private_metadata is the finding id. */
export const KEEP_VIEW = 'durion:keep-reason';

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

const button = (text: string, action_id: ActionId, value: string, style?: 'primary' | 'danger'): types.Button => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id,
  value,
  ...(style ? { style } : {}),
});

/**
 * The actions block for one finding: Acknowledge, Snooze 7 days, Keep (asks the reason) and the console link; an
 * anomaly gets Accurate, False positive and Planned instead, which also go back to AWS when AWS found it.
 */
export function findingActions(f: Finding): types.ActionsBlock {
  const link: types.Button = {
    type: 'button',
    text: { type: 'plain_text', text: 'Open in AWS console' },
    action_id: ACTION.console,
    url: consoleUrl(f),
  };
  const elements =
    f.source === 'anomaly'
      ? [
          button('Accurate', ACTION.accurate, f.id, 'primary'),
          button('False positive', ACTION.falsePositive, f.id),
          button('Planned', ACTION.planned, f.id),
        ]
      : [
          button('Acknowledge', ACTION.ack, f.id, 'primary'),
          button('Snooze 7 days', ACTION.snooze, f.id),
          button('Keep…', ACTION.keep, f.id),
        ];
  return { type: 'actions', block_id: `durion:finding:${f.id}`, elements: [...elements, link] };
}
