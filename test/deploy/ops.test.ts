/**
 * What a deployer hears: the topics' key, where alarms go, and the alarms for a failed, dead-lettered or missed run,
 * read from serverless.yml as CloudFormation (its intrinsic tags kept as { Ref }, { GetAtt }, { Sub }).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type Tags } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const tag = (name: string, key: string) => ({ tag: `!${name}`, resolve: (value: unknown) => ({ [key]: value }) });
const cfnTags: Tags = [
  tag('Ref', 'Ref'),
  tag('Sub', 'Fn::Sub'),
  tag('If', 'Fn::If'),
  tag('Equals', 'Fn::Equals'),
  tag('Or', 'Fn::Or'),
  tag('Not', 'Fn::Not'),
  tag('Join', 'Fn::Join'),
  { tag: '!GetAtt', resolve: (value: string) => ({ 'Fn::GetAtt': value.split('.') }) },
];
const template = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { customTags: cfnTags });
/** A Framework or Fn::Sub variable as written in the file: $ then {name}. */
const variable = (name: string) => `$${'{'}${name}}`;
type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = template.resources.Resources as Record<string, Resource>;
const env = template.provider.environment as Record<string, string>;

describe('the alert topics and their key', () => {
  it('encrypt both topics with the stack key, not the AWS-managed one CloudWatch cannot use', () => {
    for (const topic of ['AlertTopic', 'OpsTopic']) {
      expect(resources[topic]?.Properties.KmsMasterKeyId).toEqual({ Ref: 'AlertKey' });
    }
    expect(JSON.stringify(template)).not.toContain('alias/aws/sns');
  });

  it('lets the account administer the key and CloudWatch and EventBridge publish with it, in this account only', () => {
    const key = resources.AlertKey as Resource;
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const statements = (key.Properties.KeyPolicy as { Statement: Record<string, unknown>[] }).Statement;
    const services = statements.find((s) => s.Sid === 'ServicesPublish') as Record<string, unknown>;
    expect(services.Principal).toEqual({ Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] });
    expect(services.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(services.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
    const admin = statements.find((s) => s.Sid === 'AccountAdministers') as Record<string, unknown>;
    expect(admin.Principal).toEqual({
      AWS: { 'Fn::Sub': ['arn:$', '{AWS::Partition}:iam::$', '{AWS::AccountId}:root'].join('') },
    });
  });

  it('lets the functions that publish use the key, and the services publish to the operations topic', () => {
    for (const role of ['DailyRole', 'IntradayRole']) {
      const policies = (resources[role] as Resource).Properties.Policies as {
        PolicyDocument: { Statement: unknown[] };
      }[];
      const policy = policies[0];
      expect(policy?.PolicyDocument.Statement).toContainEqual({
        Sid: 'AlertKey',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: { 'Fn::GetAtt': ['AlertKey', 'Arn'] },
      });
    }
    const topicPolicy = resources.OpsTopicPolicy?.Properties.PolicyDocument as { Statement: Record<string, unknown>[] };
    expect(topicPolicy.Statement[0]).toMatchObject({
      Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
      Action: 'sns:Publish',
      Resource: { Ref: 'OpsTopic' },
    });
  });
});

describe('the alarms', () => {
  const alarms = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm');

  it('all go to the operations topic, which no kind/severity filter policy drops', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(6);
    for (const [name, alarm] of alarms)
      expect([name, alarm.Properties.AlarmActions]).toEqual([name, [{ Ref: 'OpsTopic' }]]);
  });

  it('say when a message reaches the dead-letter queue', () => {
    expect(resources.DeadLetterAlarm?.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['DeadLetterQueue', 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('say when a day passes with no finished run, silence counting as the failure', () => {
    const missed = resources.MissedRunAlarm?.Properties as Record<string, unknown>;
    expect(missed).toMatchObject({
      Namespace: env.POWERTOOLS_METRICS_NAMESPACE,
      MetricName: 'RunsCompleted',
      Dimensions: [{ Name: 'service', Value: env.POWERTOOLS_SERVICE_NAME }],
      Period: 86400,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
    // Both ways a daily run can finish count it: the daily Lambda and the organization's aggregate step.
    for (const file of ['functions/daily.ts', 'functions/organization.ts']) {
      expect(readFileSync(join(ROOT, file), 'utf8')).toMatch(/addMetric\('RunsCompleted', MetricUnit\.Count, 1\)/);
    }
  });
});

describe('operations settings', () => {
  it('never schedules a run under `npm run dev`: the local stage turns every schedule off', () => {
    expect(template.params.local.schedules).toBe('off');
    expect(template.custom.fanOut.off).toEqual({
      lambda: { daily: false, stateMachine: 'DISABLED' },
      stepfunctions: { daily: false, stateMachine: 'DISABLED' },
    });
    expect(template.functions.daily.events[0].schedule.enabled).toBe(
      variable(`self:custom.fanOut.${variable('param:schedules')}.${variable('param:fanOut')}.daily`),
    );
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.dev).toMatch(/--stage local/);
  });

  it('throttles the Slack endpoint at the API and sets the log level from a deploy parameter', () => {
    expect(template.resources.extensions.HttpApiStage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: variable('param:slackRateLimit'),
      ThrottlingBurstLimit: variable('param:slackBurstLimit'),
    });
    expect(template.params.default.slackRateLimit).toBeGreaterThan(0);
    expect(env.POWERTOOLS_LOG_LEVEL).toBe(variable('param:logLevel'));
    expect(template.params.default.logLevel).toBe('INFO');
  });

  it('leaves the Slack workspace and app without a default, so a deploy without them fails naming them', () => {
    const slackEnv = template.functions.slack.environment as Record<string, string>;
    expect(slackEnv.SLACK_TEAM_ID).toBe(variable('param:slackTeamId, env:SLACK_TEAM_ID'));
    expect(slackEnv.SLACK_APP_ID).toBe(variable('param:slackAppId, env:SLACK_APP_ID'));
    expect(template.params.default).not.toHaveProperty('slackTeamId');
    expect(template.params.default).not.toHaveProperty('slackAppId');
    // Only the stages that are packaged and never deployed name none.
    const stages = Object.keys(template.params).filter((s) => 'slackTeamId' in template.params[s]);
    expect(stages.sort()).toEqual(['bench', 'ci']);
  });
});
