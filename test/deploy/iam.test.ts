/**
 * serverless.yml grants each function's role the AWS actions its code sends, and no others.
 * - DailyRole: CollectorReads is exactly the union of the lists the collectors declare (rule catalog and inventory,
 *   spend, anomalies, optimization), and each list is exactly the SDK commands its collector modules import.
 * - IntradayRole: the intraday path is one straight line (identity, hourly spend, claim, publish, release when the
 *   publish fails), so the test runs it (sample account with a runaway, table and topic mocked at the client, the
 *   publish refused) and compares what it sent with what the role grants.
 * - SlackRole: the Slack app reaches AWS only through what functions/slack.ts hands it, so its actions are the SDK
 *   commands imported by the handler's own imports and by src/slack, plus the DynamoDB actions of the Store methods
 *   called there (STORE_IAM_ACTIONS in the store; each method is checked here against what it sends on dynalite).
 * Statements that are not calls in the code (log streams, dead letters, KMS behind SecureString) are checked for
 * presence. sts:GetCallerIdentity needs no permission, so it is never granted.
 */
import { randomBytes } from 'node:crypto';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, vi } from 'vitest';
import { inventoryIamActions } from '../../src/analyze/rules';
import type { AwsCall } from '../../src/aws/replay';
import { SECRETS_IAM_ACTIONS } from '../../src/aws/secrets';
import { ACCOUNTS_IAM_ACTIONS } from '../../src/collect/accounts';
import { ANOMALY_IAM_ACTIONS } from '../../src/collect/anomalies';
import { CLOUDTRAIL_IAM_ACTIONS } from '../../src/collect/cloudtrail';
import { OPTIMIZATION_IAM_ACTIONS } from '../../src/collect/optimization';
import { ORGANIZATION_IAM_ACTIONS } from '../../src/collect/organization';
import { SCHEDULE_FAILURE_IAM_ACTIONS } from '../../src/collect/schedule-failures';
import { SLICE_STORE_IAM_ACTIONS } from '../../src/collect/slices';
import { SPEND_IAM_ACTIONS } from '../../src/collect/spend';
import { TRANSFER_IAM_ACTIONS } from '../../src/collect/transfer';
import { loadConfig } from '../../src/config';
import type { Finding } from '../../src/domain/finding';
import type { ScheduleRecord } from '../../src/domain/schedule';
import type { SpendData } from '../../src/domain/spend';
import { runIntraday } from '../../src/jobs/intraday';
import { openStore, STORE_IAM_ACTIONS } from '../../src/ledger/store';
import type { Snapshot, Store } from '../../src/ledger/types';
import { SCHEDULE_ROLE_ACTIONS } from '../../src/slack/scheduler';
import { withRunaway } from '../analyze/anomaly/runaway';
import { respondingAws } from '../helpers/sample-aws';
import { tempDir } from '../ledger/helpers';
import { callsIn, callsOf, filesUnder, iamActions, read } from './calls';

const YML = read('serverless.yml');

/**
 * The statements of one role in serverless.yml, by Sid, with their actions (a small reader for the styles used:
 * a block list, a flow list, a single action).
 */
function roleStatements(role: string): Map<string, string[]> {
  const lines = YML.split('\n').map((l) => l.replace(/\s#.*$/, ''));
  const start = lines.indexOf(`    ${role}:`);
  if (start < 0) throw new Error(`serverless.yml has no resource ${role}`);
  const end = lines.findIndex((l, i) => i > start && /^ {0,4}\S/.test(l));
  const block = lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
  const statements = new Map<string, string[]>();
  for (const chunk of block.split(/^\s*- Sid: /m).slice(1)) {
    const sid = chunk.split('\n')[0]?.trim() ?? '';
    const action = chunk.match(/^\s*Action:([\s\S]*?)^\s*(?:Resource|Condition|Effect):/m)?.[1] ?? '';
    statements.set(
      sid,
      [...action.matchAll(/[a-z0-9-]+:[A-Za-z0-9]+/g)].map((m) => m[0]),
    );
  }
  return statements;
}

/** Every action a role grants, over all its statements, sorted. */
const granted = (statements: Map<string, string[]>, except: string[] = []) =>
  [...new Set([...statements].filter(([sid]) => !except.includes(sid)).flatMap(([, actions]) => actions))].sort();

/** Each collector's declared actions, with the modules that send them. */
const COLLECTORS = [
  {
    name: 'inventory and rules',
    files: [...filesUnder('src/collect/inventory'), 'src/collect/prices.ts'],
    declared: inventoryIamActions(),
  },
  // Both read GetCostAndUsage through the shared pager in pages.ts.
  { name: 'spend', files: ['src/collect/spend.ts', 'src/collect/pages.ts'], declared: [...SPEND_IAM_ACTIONS] },
  {
    name: 'anomalies',
    files: ['src/collect/anomalies.ts', 'src/collect/pages.ts'],
    declared: [...ANOMALY_IAM_ACTIONS],
  },
  // The data-transfer rules' bill, read once in the running account (the rules declare it too).
  {
    name: 'data transfer',
    files: ['src/collect/transfer.ts', 'src/collect/pages.ts'],
    declared: [...TRANSFER_IAM_ACTIONS],
  },
  // The creators of unowned resources, in the running account and through the member role.
  { name: 'cloudtrail', files: ['src/collect/cloudtrail.ts'], declared: [...CLOUDTRAIL_IAM_ACTIONS] },
  // Only with DURION_ACCOUNTS=organization, from the management account or a delegated administrator.
  { name: 'accounts', files: ['src/collect/accounts.ts'], declared: [...ACCOUNTS_IAM_ACTIONS] },
  {
    name: 'optimization',
    files: [
      'src/collect/optimization.ts',
      'src/collect/optimizer.ts',
      'src/collect/hub.ts',
      'src/collect/commitments.ts',
      'src/collect/budgets.ts',
      'src/collect/allocation-tags.ts',
      'src/collect/trusted-advisor.ts',
    ],
    declared: [...OPTIMIZATION_IAM_ACTIONS],
  },
];

describe('IAM of the daily function', () => {
  const daily = roleStatements('DailyRole');

  it('grants exactly the reads the collectors declare', () => {
    const declared = [...new Set(COLLECTORS.flatMap((c) => c.declared))].sort();
    expect([...(daily.get('CollectorReads') ?? [])].sort()).toEqual(declared);
  });

  it.each(COLLECTORS)('$name: the declared actions are the calls its modules send', ({ files, declared }) => {
    expect(callsOf(files)).toEqual([...new Set(declared)].sort());
  });

  it('may assume the member role in other accounts, and no other role', () => {
    expect(daily.get('MemberRoles')).toEqual([...ORGANIZATION_IAM_ACTIONS]);
    expect(callsOf(['src/collect/organization.ts'])).toEqual([...ORGANIZATION_IAM_ACTIONS]);
    const statement = YML.slice(YML.indexOf('- Sid: MemberRoles'), YML.indexOf('- Sid: Store'));
    expect(statement).toContain(
      ['Resource: !Sub arn:$', '{AWS::Partition}:iam::*:role/$', '{param:memberRole}'].join(''),
    );
  });

  it('may keep and read the state machine slices in its bucket, and no other', () => {
    expect(daily.get('Slices')).toEqual([...SLICE_STORE_IAM_ACTIONS]);
    expect(callsOf(['src/collect/slices.ts'])).toEqual([...SLICE_STORE_IAM_ACTIONS].sort());
    const statement = YML.slice(YML.indexOf('- Sid: Slices'), YML.indexOf('- Sid: MemberRoles'));
    expect(statement).toContain(['Resource: !Sub $', '{SliceBucket.Arn}/runs/*'].join(''));
  });

  it('leaves no collector module out', () => {
    const covered = new Set([
      ...COLLECTORS.flatMap((c) => c.files),
      'src/collect/organization.ts',
      'src/collect/slices.ts',
      'src/collect/schedule-failures.ts',
    ]);
    const sending = filesUnder('src/collect').filter((f) => callsIn(read(f)).length > 0);
    expect(sending.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('grants its own logs, table, topic, bot token and dead-letter queue', () => {
    expect(daily.get('Logs')).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(daily.get('Store')).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    expect(daily.get('Alerts')).toEqual(['sns:Publish']);
    expect(daily.get('SlackToken')).toEqual(['ssm:GetParameter']);
    expect(daily.get('DeadLetters')).toEqual(['sqs:SendMessage']);
  });

  it('reads the statements it checks', () => {
    expect(daily.get('CollectorReads')?.length).toBeGreaterThan(20);
    expect(roleStatements('SlackRole').get('SecureStringDecrypt')).toEqual(['kms:Decrypt']);
    expect(callsIn("import { DescribeVolumesCommand, paginateDescribeSnapshots } from '@aws-sdk/client-ec2';")).toEqual(
      ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'],
    );
  });
});

/** lib-dynamodb document commands to the DynamoDB operations they send. */
const DOC_OPERATION: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Delete: 'DeleteItem',
  Update: 'UpdateItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
};
const dynamoAction = (command: object) => `dynamodb:${DOC_OPERATION[command.constructor.name.replace(/Command$/, '')]}`;

describe('IAM of the intraday function', () => {
  const intraday = roleStatements('IntradayRole');

  it('grants exactly what a run sends: hourly spend, the outbox, publish', async () => {
    const table = mockClient(DynamoDBDocumentClient);
    const sns = mockClient(SNSClient);
    try {
      table.on(PutCommand).resolves({});
      table.on(UpdateCommand).resolves({});
      const refused = { name: 'AuthorizationError', $metadata: { httpStatusCode: 403 } };
      sns.on(PublishCommand).rejects(Object.assign(new Error('not authorized'), refused));
      const sent: string[] = [];
      const runaway = withRunaway('2026-11-20');
      const responder = (call: AwsCall) => {
        sent.push(`${call.service}:${call.operation}`);
        return runaway(call);
      };
      const config = loadConfig({
        DURION_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:alerts',
        DURION_TABLE: 'durion-cost-table',
      });
      const now = new Date('2026-11-20T10:30:00Z');
      const result = await runIntraday({ aws: respondingAws(responder), now, config, storeDir: '/nonexistent' });
      expect(result.alerts).toHaveLength(1);
      expect(result.published).toBe(0);
      sent.push(
        ...table.calls().map((c) => dynamoAction(c.args[0])),
        ...sns.calls().map((c) => `sns:${c.args[0].constructor.name.replace(/Command$/, '')}`),
      );
      // Recording a key already there reads it back (GetItem): the same method, on a later run.
      const outbox = [...STORE_IAM_ACTIONS.enqueue, ...STORE_IAM_ACTIONS.markOutbox];
      expect(granted(intraday, ['Logs', 'DeadLetters', 'AlertKey'])).toEqual(iamActions([...sent, ...outbox]));
      expect(iamActions(sent)).toContain('dynamodb:UpdateItem');
    } finally {
      table.restore();
      sns.restore();
    }
  });

  it('writes only its own log group and the dead-letter queue', () => {
    expect(intraday.get('Logs')).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(YML).toMatch(/log-group:\/aws\/lambda\/\$\{self:service\}-\$\{sls:stage\}-intraday:\*/);
    expect(intraday.get('DeadLetters')).toEqual(['sqs:SendMessage']);
  });
});

describe('IAM of the Slack function', () => {
  const slack = roleStatements('SlackRole');
  const scheduling = roleStatements('SlackSchedulingPolicy');

  it('grants exactly the calls of its modules and the Store methods they use, schedules in their own policy', () => {
    const handler = 'functions/slack.ts';
    const own = [...read(handler).matchAll(/from '\.\.\/(src\/[^']+)'/g)]
      .map((m) => m[1] ?? '')
      .filter((f) => f !== 'src/ledger/store')
      .map((f) => (filesUnder('src').includes(`${f}.ts`) ? `${f}.ts` : `${f}/index.ts`));
    const slackFiles = filesUnder('src/slack');
    const methods = new Set(
      [handler, ...slackFiles].flatMap((f) => [...read(f).matchAll(/\bstore\.(\w+)\(/g)].map((m) => m[1] ?? '')),
    );
    const storeActions = [...methods].flatMap((m) => {
      if (!(m in STORE_IAM_ACTIONS)) throw new Error(`store.${m} is not a Store method`);
      return STORE_IAM_ACTIONS[m as keyof Store];
    });
    const calls = callsOf([handler, ...own, ...slackFiles]);
    // Secrets are read through Powertools, so their call is declared beside the reader rather than imported.
    const secrets = own.includes('src/aws/secrets.ts') ? [...SECRETS_IAM_ACTIONS] : [];
    // Schedules in member accounts go through the member role, assumed by collect/organization.ts.
    const member = read('src/slack/scheduler.ts').includes("from '../collect/organization'")
      ? [...ORGANIZATION_IAM_ACTIONS]
      : [];
    const grants = [...granted(slack, ['Logs', 'SecureStringDecrypt']), ...granted(scheduling, ['PassScheduleRole'])];
    expect([...new Set(grants)].sort()).toEqual(iamActions([...calls, ...storeActions, ...secrets, ...member]));
    expect(methods).toContain('setState');
    expect(methods).toContain('putSchedule');
  });

  it('keeps every write of schedules out of its own role: a stack without scheduling=on grants none', () => {
    expect(granted(slack).filter((a) => /^(scheduler|iam|sts):/.test(a))).toEqual([]);
    for (const resource of [
      'SlackSchedulingPolicy',
      'DailySchedulingPolicy',
      'ScheduleTargetRole',
      'ScheduleFailureQueue',
    ]) {
      const chunk = YML.slice(YML.indexOf(`    ${resource}:`));
      expect(chunk.split('\n').slice(1, 3).join('\n')).toContain('Condition: SchedulingOn');
    }
    expect(YML).toMatch(/SchedulingOn: \{ "Fn::Equals": \["\$\{param:scheduling\}", "on"\] \}/);
    expect(YML).toMatch(/^ {4}scheduling: "off"$/m);
  });

  it("passes the schedule role and no other, to Scheduler only, and writes only durion-cost's own schedules", () => {
    expect(scheduling.get('PassScheduleRole')).toEqual(['iam:PassRole']);
    const pass = YML.slice(YML.indexOf('- Sid: PassScheduleRole'), YML.indexOf('- Sid: MemberSchedules'));
    expect(pass).toContain('Resource: !GetAtt ScheduleTargetRole.Arn');
    expect(pass).toContain('iam:PassedToService: scheduler.amazonaws.com');
    const writes = YML.slice(YML.indexOf('- Sid: ScheduleWrites'), YML.indexOf('- Sid: ScheduleList'));
    expect(writes).toContain(':schedule/default/durion-cost-*');
  });

  it('writes only its own log group', () => {
    expect(slack.get('Logs')).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(YML).toMatch(/log-group:\/aws\/lambda\/\$\{self:service\}-\$\{sls:stage\}-slack:\*/);
  });
});

describe('IAM of the schedules (scheduling=on)', () => {
  it('lets Scheduler call exactly the stop and start APIs of the targets, and send failures to the queue', () => {
    const role = roleStatements('ScheduleTargetRole');
    expect(role.get('ScheduleTargets')).toEqual([...SCHEDULE_ROLE_ACTIONS]);
    expect(role.get('DeadLetters')).toEqual(['sqs:SendMessage']);
    const trust = YML.slice(
      YML.indexOf('    ScheduleTargetRole:'),
      YML.indexOf('PolicyName: durion-cost-schedule-targets'),
    );
    expect(trust).toContain('Principal: { Service: scheduler.amazonaws.com }');
    expect(trust).toContain('aws:SourceAccount: !Ref AWS::AccountId');
  });

  it('lets the daily function read the failed invocations and nothing else of the queue', () => {
    expect(roleStatements('DailySchedulingPolicy').get('ScheduleFailures')).toEqual([...SCHEDULE_FAILURE_IAM_ACTIONS]);
    expect(callsOf(['src/collect/schedule-failures.ts'])).toEqual([...SCHEDULE_FAILURE_IAM_ACTIONS]);
    expect(granted(roleStatements('DailyRole')).filter((a) => a.startsWith('sqs:'))).toEqual(['sqs:SendMessage']);
  });
});

describe('the DynamoDB actions each Store method declares', () => {
  it('are what each method sends', async () => {
    const tmp = tempDir();
    const store = await openStore({ storeDir: tmp.dir });
    const send = vi.spyOn(DynamoDBDocumentClient.prototype, 'send');
    try {
      const sentBy = async (run: () => Promise<unknown>) => {
        send.mockClear();
        await run();
        return [...new Set(send.mock.calls.map((c) => dynamoAction(c[0] as object)))].sort();
      };
      // Over one item's size, so the blob continues in parts.
      const big = { noise: randomBytes(450_000).toString('base64') };
      // The store reads only a finding's id and history.
      const id = 'rule|ebs-unattached-volume|vol-0abc';
      const findings = [{ id, history: [] } as unknown as Finding];
      const runs: Record<keyof Store, () => Promise<unknown>> = {
        putSpend: () => store.putSpend('k', big as unknown as SpendData),
        getSpend: () => store.getSpend('k'),
        putFindings: () => store.putFindings(findings),
        listFindings: () => store.listFindings(),
        getFinding: () => store.getFinding(id),
        setState: () => store.setState(id, { state: 'acknowledged', by: 'U1' }, new Date()),
        putSnapshot: () => store.putSnapshot({ asOf: '2026-11-20', ...big } as unknown as Snapshot),
        latestSnapshot: () => store.latestSnapshot(),
        claim: () => store.claim('alert#k', new Date(Date.now() + 86_400_000)),
        release: () => store.release('alert#k'),
        // The second records nothing new and reads back what the first recorded.
        enqueue: async () => {
          const entry = { key: 'alert#k', transport: 'sns' as const, payload: {}, createdAt: '2026-11-20T07:00:00Z' };
          await store.enqueue(entry, new Date(Date.now() + 86_400_000));
          await store.enqueue(entry, new Date(Date.now() + 86_400_000));
        },
        markOutbox: () => store.markOutbox('alert#k', 'pending', 'sending', new Date()),
        unsent: () => store.unsent(),
        getOutbox: () => store.getOutbox('alert#k'),
        listSchedules: () => store.listSchedules(),
        // The second writes over the first, conditioned on its history.
        putSchedule: async () => {
          const record = { id: 'sch1', history: [] } as unknown as ScheduleRecord;
          await store.putSchedule(record, 0);
          await store.putSchedule({ ...record, history: [{ action: 'deleted' }] } as unknown as ScheduleRecord, 0);
        },
        close: () => store.close(),
      };
      for (const [method, run] of Object.entries(runs)) {
        const declared = [...new Set<string>(STORE_IAM_ACTIONS[method as keyof Store])].sort();
        expect({ method, sent: await sentBy(run) }).toEqual({ method, sent: declared });
      }
    } finally {
      send.mockRestore();
      await store.close();
      tmp.cleanup();
    }
  });
});
