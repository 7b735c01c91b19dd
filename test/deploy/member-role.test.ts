/**
 * deploy/member-role.yml grants the member role exactly what durion-cost sends in a member account: the inventory
 * collectors' and Compute Optimizer's SDK commands and CloudTrail's LookupEvents for the creators of unowned resources
 * (the Price List API is read once, in the running account), and its
 * trust admits only the collector role, narrowed by the organization or an ExternalId.
 */
import { describe, expect, it } from 'vitest';
import { inventoryIamActions } from '../../src/analyze/rules';
import { CLOUDTRAIL_IAM_ACTIONS } from '../../src/collect/cloudtrail';
import { OPTIMIZATION_IAM_ACTIONS } from '../../src/collect/optimization';
import { SCHEDULE_FAILURE_IAM_ACTIONS } from '../../src/collect/schedule-failures';
import { SCHEDULE_ROLE_ACTIONS } from '../../src/slack/scheduler';
import { callsOf, filesUnder, iamActions, read } from './calls';

const TEMPLATE = read('deploy/member-role.yml');

/** The actions listed under one statement Sid of the template. */
function actionsOf(sid: string): string[] {
  const chunk = TEMPLATE.slice(TEMPLATE.indexOf(`- Sid: ${sid}`));
  const block = chunk.slice(chunk.indexOf('Action:'), chunk.indexOf('Resource:'));
  return [...block.matchAll(/^\s*- ([a-z0-9-]+:[A-Za-z0-9]+)\s*$/gm)].map((m) => m[1] ?? '');
}

/** What a slice sends in a member account: its modules' SDK commands. */
const SENT_IN_MEMBERS = callsOf([
  ...filesUnder('src/collect/inventory'),
  'src/collect/optimizer.ts',
  'src/collect/cloudtrail.ts',
]);

describe('the member role template', () => {
  it('grants exactly the calls a slice sends in a member account, sorted', () => {
    expect(actionsOf('MemberReads')).toEqual(SENT_IN_MEMBERS);
  });

  it('matches what the collectors declare, less what only the running account reads', () => {
    const compute = OPTIMIZATION_IAM_ACTIONS.filter((a) => a.startsWith('compute-optimizer:'));
    const inventory = inventoryIamActions().filter((a) => a !== 'pricing:GetProducts');
    const declared = [...inventory, ...compute, ...CLOUDTRAIL_IAM_ACTIONS].sort();
    expect(actionsOf('MemberReads')).toEqual(declared);
  });

  it('writes nothing and reads no bill', () => {
    const actions = actionsOf('MemberReads');
    // API Gateway authorizes reads by HTTP method: apigateway:GET reads, never writes.
    // CloudTrail's LookupEvents reads the event history.
    expect(actions.filter((a) => !/:(Describe|List|Get|Lookup)/.test(a) && a !== 'apigateway:GET')).toEqual([]);
    expect(actions.filter((a) => /^(ce|cur|budgets|organizations|sts):/.test(a))).toEqual([]);
  });

  it('trusts only the collector role (and with Scheduling=on the scheduler), with the organization id or an ExternalId', () => {
    const trust = TEMPLATE.slice(TEMPLATE.indexOf('AssumeRolePolicyDocument:'), TEMPLATE.indexOf('Policies:'));
    expect(trust).toContain(
      'AWS: !If [SchedulingOn, [!Ref CollectorRoleArn, !Ref SchedulerRoleArn], !Ref CollectorRoleArn]',
    );
    expect(trust).toContain('aws:PrincipalOrgID: !Ref OrganizationId');
    expect(trust).toContain('sts:ExternalId: !Ref ExternalId');
    expect(TEMPLATE).toMatch(/TrustIsNarrowed:[\s\S]*Assert: !Or/);
    expect(actionsOf('MemberReads').length).toBeGreaterThan(30);
  });
});

describe('the member role template with Scheduling=on', () => {
  /** A resource's block: from its name to the next resource. */
  const resource = (name: string) => {
    const from = TEMPLATE.indexOf(`\n  ${name}:`);
    const next = TEMPLATE.slice(from + 1).search(/\n {2}\w+:|\n\w/);
    return TEMPLATE.slice(from, next < 0 ? undefined : from + 1 + next);
  };

  it('makes the schedules, their role and queue only when asked, defaulting to off', () => {
    expect(TEMPLATE).toMatch(/Scheduling:\n\s+Type: String\n\s+Default: "off"/);
    expect(TEMPLATE).toContain('SchedulingOn: !Equals [!Ref Scheduling, "on"]');
    for (const name of ['MemberSchedulingPolicy', 'ScheduleTargetRole', 'ScheduleFailureQueue']) {
      expect(resource(name)).toContain('Condition: SchedulingOn');
    }
    expect(TEMPLATE).toMatch(/SchedulerIsNamed:[\s\S]*RuleCondition: !Equals \[!Ref Scheduling, "on"\]/);
  });

  it('grants the member role what the Slack function sends there, and the daily run the failures', () => {
    const scheduler = callsOf(['src/slack/scheduler.ts']).filter((c) => c.startsWith('scheduler:'));
    const member = [...actionsOf('MemberSchedules'), ...actionsOf('MemberScheduleList')];
    expect(member.sort()).toEqual(iamActions(scheduler));
    expect(actionsOf('MemberPassScheduleRole')).toEqual(['iam:PassRole']);
    expect(resource('MemberSchedulingPolicy')).toContain('Resource: !GetAtt ScheduleTargetRole.Arn');
    expect(actionsOf('MemberScheduleFailures')).toEqual([...SCHEDULE_FAILURE_IAM_ACTIONS]);
  });

  it('lets Scheduler call exactly the targets’ stop and start APIs here, as the bot’s own account does', () => {
    expect(actionsOf('ScheduleTargets')).toEqual([...SCHEDULE_ROLE_ACTIONS]);
    expect(actionsOf('ScheduleDeadLetters')).toEqual(['sqs:SendMessage']);
    expect(resource('ScheduleTargetRole')).toContain('aws:SourceAccount: !Ref AWS::AccountId');
  });
});
