import { type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { collectScheduleFailures } from '../../src/collect/schedule-failures';
import type { Note } from '../../src/domain/note';
import { unreadBy } from '../../src/ledger/ledger';
import { storedFinding } from '../ledger/helpers';

const OWN = '111111111111';
const DEV = '333333333333';

const message = (id: string, sent: string, o: Partial<Message> = {}): Message => ({
  MessageId: id,
  Body: '{"InstanceIds":["i-0dev"]}',
  Attributes: { SentTimestamp: String(Date.parse(sent)) },
  MessageAttributes: {
    ERROR_CODE: { DataType: 'String', StringValue: 'InsufficientInstanceCapacity' },
    ERROR_MESSAGE: { DataType: 'String', StringValue: 'no m5.large capacity in us-east-1a' },
    SCHEDULE_ARN: {
      DataType: 'String',
      StringValue: `arn:aws:scheduler:us-east-1:${OWN}:schedule/default/durion-cost-abc-start`,
    },
  },
  ...o,
});

describe('failed invocations from the schedules’ dead-letter queues', () => {
  const sqs = mockClient(SQSClient);
  const sts = mockClient(STSClient);
  const queues = {
    self: OWN,
    memberRole: { name: 'durion-cost-member' },
    region: 'us-east-1',
    queueName: 'durion-cost-schedule-failures',
    since: '2026-11-23T00:00:00.000Z',
    reported: ['seen-yesterday'],
  };
  beforeEach(() => {
    sqs.reset();
    sts.reset();
  });
  afterEach(() => {
    sqs.reset();
    sts.reset();
  });

  it('reads each queue until nothing new comes, keeps what is new since the last run, and never deletes', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [message('m1', '2026-11-24T06:00:41Z'), message('seen-yesterday', '2026-11-23T06:00:00Z')],
      })
      .resolvesOnce({ Messages: [message('old', '2026-11-20T06:00:00Z'), message('m1', '2026-11-24T06:00:41Z')] })
      .resolves({ Messages: [] });
    const notes: Note[] = [];
    const failures = await collectScheduleFailures(
      createAws({ mode: 'live', homeRegion: 'us-east-1' }),
      { ...queues, accounts: [OWN] },
      notes,
    );
    expect(failures).toEqual([
      {
        id: 'm1',
        accountId: OWN,
        at: '2026-11-24T06:00:41.000Z',
        scheduleName: 'durion-cost-abc-start',
        errorCode: 'InsufficientInstanceCapacity',
        message: 'no m5.large capacity in us-east-1a',
      },
    ]);
    expect(sqs).toHaveReceivedCommandTimes(ReceiveMessageCommand, 3);
    expect(sqs).toHaveReceivedCommandWith(ReceiveMessageCommand, {
      QueueUrl: `https://sqs.us-east-1.amazonaws.com/${OWN}/durion-cost-schedule-failures`,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['SentTimestamp'],
    });
    expect(notes).toEqual([]);
  });

  it('says what Scheduler did not: an unknown error, the body as the message', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message('m2', '2026-11-24T07:00:00Z', { MessageAttributes: {} })] })
      .resolves({});
    const [failure] = await collectScheduleFailures(
      createAws({ mode: 'live', homeRegion: 'us-east-1' }),
      { ...queues, accounts: [OWN] },
      [],
    );
    expect(failure).toMatchObject({
      scheduleName: 'unknown schedule',
      errorCode: 'unknown error',
      message: '{"InstanceIds":["i-0dev"]}',
    });
  });

  it('makes a queue it cannot read a note naming the account, which hides no finding there', async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIA',
        SecretAccessKey: 'x',
        SessionToken: 't',
        Expiration: new Date(Date.now() + 3_600_000),
      },
    });
    sqs.on(ReceiveMessageCommand).rejects(awsError('AccessDenied', 'not authorized to perform: sqs:receivemessage'));
    const notes: Note[] = [];
    expect(
      await collectScheduleFailures(
        createAws({ mode: 'live', homeRegion: 'us-east-1' }),
        { ...queues, accounts: [DEV] },
        notes,
      ),
    ).toEqual([]);
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'denied', source: 'sqs:ReceiveMessage', accountId: DEV, region: 'us-east-1' }),
    ]);
    expect(unreadBy(notes)(storedFinding({ accountId: DEV, region: 'us-east-1' }))).toBe(false);
  });
});
