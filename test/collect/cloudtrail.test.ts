import { CloudTrailClient, type Event, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { type CreatorTarget, creatorOf, creatorTarget, lookupCreators } from '../../src/collect/cloudtrail';
import type { Note } from '../../src/domain/note';
import { address, instance, loadBalancer, volume } from '../analyze/rules/fixtures';

const trail = mockClient(CloudTrailClient);
afterEach(() => trail.reset());

const AS_OF = '2026-11-20';
const ACCOUNT = '111111111111';
const SSO = 'AWSReservedSSO_PowerUserAccess_0a1b2c3d4e5f6a7b';
const aliceIdentity = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:alice@example.com',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${SSO}/alice@example.com`,
  accountId: ACCOUNT,
  sessionContext: { sessionIssuer: { arn: `arn:aws:iam::${ACCOUNT}:role/${SSO}`, userName: SSO } },
};
const event = (name: string, at: string, identity: object = aliceIdentity, extra: object = {}): Event => ({
  EventName: name,
  EventTime: new Date(at),
  CloudTrailEvent: JSON.stringify({ userIdentity: identity, eventName: name, ...extra }),
});

const target = (o: Partial<CreatorTarget> = {}): CreatorTarget => ({
  key: `${ACCOUNT}|us-east-1|vol-1`,
  accountId: ACCOUNT,
  region: 'us-east-1',
  id: 'vol-1',
  name: 'vol-1',
  events: ['CreateVolume'],
  ...o,
});

function lookupRun(budget = 10) {
  const aws = createAws({ mode: 'live', homeRegion: 'us-east-1' });
  const notes: Note[] = [];
  return { notes, run: { asOf: AS_OF, budget, gapMs: 0, awsOf: async () => aws, notes } };
}

const inputs = () => trail.commandCalls(LookupEventsCommand).map((c) => c.args[0].input);

describe('lookupCreators', () => {
  it('pages a resource-name lookup around its creation time until the create event, and names the SSO user', async () => {
    trail
      .on(LookupEventsCommand)
      .resolvesOnce({ Events: [event('CreateTags', '2026-09-21T09:32:00Z')], NextToken: 'p2' })
      .resolvesOnce({ Events: [event('CreateVolume', '2026-09-21T09:30:00Z')] });
    const { run, notes } = lookupRun();

    const result = await lookupCreators([target({ created: '2026-09-21T09:30:00.000Z' })], run);

    expect(result.found[`${ACCOUNT}|us-east-1|vol-1`]).toEqual({
      asOf: AS_OF,
      creator: {
        name: 'alice@example.com (SSO PowerUserAccess)',
        names: [
          aliceIdentity.arn,
          aliceIdentity.principalId,
          SSO,
          'alice@example.com',
          `arn:aws:iam::${ACCOUNT}:role/${SSO}`,
        ],
        person: 'alice@example.com',
        event: 'CreateVolume',
        at: '2026-09-21T09:30:00.000Z',
      },
    });
    expect(inputs()).toEqual([
      {
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'vol-1' }],
        StartTime: new Date('2026-09-21T08:30:00.000Z'),
        EndTime: new Date('2026-09-21T10:30:00.000Z'),
        MaxResults: 50,
      },
      expect.objectContaining({ NextToken: 'p2' }),
    ]);
    expect(result).toMatchObject({ calls: 2, left: [] });
    expect(notes).toEqual([]);
  });

  it('falls back to the create event in those hours and keeps the record that holds the id', async () => {
    trail.on(LookupEventsCommand).callsFake((input) =>
      input.LookupAttributes[0].AttributeKey === 'ResourceName'
        ? { Events: [] }
        : {
            Events: [
              event('CreateVolume', '2026-09-21T09:31:00Z', aliceIdentity, { responseElements: { volumeId: 'vol-2' } }),
              event(
                'CreateVolume',
                '2026-09-21T09:30:00Z',
                { type: 'IAMUser', userName: 'bob', arn: 'arn:aws:iam::1:user/bob' },
                { responseElements: { volumeId: 'vol-1' } },
              ),
            ],
          },
    );
    const { run } = lookupRun();

    const result = await lookupCreators([target({ created: '2026-09-21T09:30:00.000Z' })], run);

    expect(inputs().map((i) => i.LookupAttributes)).toEqual([
      [{ AttributeKey: 'ResourceName', AttributeValue: 'vol-1' }],
      [{ AttributeKey: 'EventName', AttributeValue: 'CreateVolume' }],
    ]);
    expect(Object.values(result.found)[0]?.creator).toMatchObject({ name: 'IAM user bob', person: 'bob' });
  });

  it('says when no create event names a resource, and reads 90 days for one whose creation time is unknown', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: [event('DisassociateAddress', '2026-11-01T00:00:00Z')] });
    const { run } = lookupRun();

    const result = await lookupCreators(
      [target({ id: 'eipalloc-1', name: 'eipalloc-1', events: ['AllocateAddress'] })],
      run,
    );

    expect(Object.values(result.found)).toEqual([
      { asOf: AS_OF, missing: "no create event in CloudTrail's 90 days names it" },
    ]);
    expect(inputs()).toEqual([
      {
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'eipalloc-1' }],
        StartTime: new Date('2026-08-23T00:00:00.000Z'),
        MaxResults: 50,
      },
    ]);
  });

  it('asks nothing about a resource created before the 90 days', async () => {
    const { run } = lookupRun();
    const result = await lookupCreators([target({ created: '2026-07-01T09:30:00.000Z' })], run);
    expect(Object.values(result.found)).toEqual([
      { asOf: AS_OF, missing: "created 2026-07-01, before CloudTrail's 90 days of event history" },
    ]);
    expect(result.calls).toBe(0);
  });

  it('spends at most its budget, most expensive first, and returns the rest', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: [event('CreateVolume', '2026-11-01T00:00:00Z')] });
    const { run } = lookupRun(2);
    const targets = ['vol-a', 'vol-b', 'vol-c'].map((id) => target({ id, name: id, key: id }));

    const result = await lookupCreators(targets, run);

    expect(Object.keys(result.found)).toEqual(['vol-a', 'vol-b']);
    expect(result.left.map((t) => t.id)).toEqual(['vol-c']);
    expect(result.calls).toBe(2);
  });

  it('on throttling: a note, that region not asked again, the rest answered', async () => {
    trail.on(LookupEventsCommand).callsFake((input) => {
      if (input.LookupAttributes[0].AttributeValue === 'vol-east-1')
        throw awsError('ThrottlingException', 'Rate exceeded');
      return { Events: [event('CreateVolume', '2026-11-01T00:00:00Z')] };
    });
    const { run, notes } = lookupRun();
    const targets = [
      target({ id: 'vol-east-1', name: 'vol-east-1', key: 'e1' }),
      target({ id: 'vol-east-2', name: 'vol-east-2', key: 'e2' }),
      target({ id: 'vol-west', name: 'vol-west', key: 'w', region: 'eu-west-1' }),
    ];

    const result = await lookupCreators(targets, run);

    expect(notes).toEqual([
      {
        kind: 'throttled',
        source: 'cloudtrail:LookupEvents',
        accountId: ACCOUNT,
        region: 'us-east-1',
        message: 'ThrottlingException: Rate exceeded',
      },
    ]);
    expect(result.left.map((t) => t.id)).toEqual(['vol-east-1', 'vol-east-2']);
    expect(Object.keys(result.found)).toEqual(['w']);
    expect(result.calls).toBe(2);
  });

  it('when denied: a note, and nothing found or kept for that account and region', async () => {
    trail
      .on(LookupEventsCommand)
      .rejects(awsError('AccessDeniedException', 'not authorized to perform cloudtrail:LookupEvents'));
    const { run, notes } = lookupRun();

    const result = await lookupCreators([target()], run);

    expect(notes.map((n) => n.kind)).toEqual(['denied']);
    expect(result).toMatchObject({ found: {}, left: [target()] });
  });

  it('asks nothing in an account whose role could not be assumed', async () => {
    const { run } = lookupRun();
    const result = await lookupCreators([target()], { ...run, awsOf: async () => undefined });
    expect(result).toMatchObject({ found: {}, calls: 0 });
    expect(result.left).toHaveLength(1);
    expect(inputs()).toEqual([]);
  });
});

describe('creatorOf', () => {
  const of = (identity: object, extra: Partial<Event> = {}) =>
    creatorOf({ ...event('RunInstances', '2026-11-01T00:00:00Z', identity), ...extra });

  it.each([
    [
      { type: 'IAMUser', userName: 'legacy-admin', arn: 'arn:aws:iam::1:user/ops/legacy-admin' },
      'IAM user legacy-admin',
    ],
    [{ type: 'Root', accountId: '111111111111', arn: 'arn:aws:iam::111111111111:root' }, 'root of 111111111111'],
    [
      {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::1:assumed-role/ci-deploy/gh-42',
        invokedBy: 'cloudformation.amazonaws.com',
      },
      'role ci-deploy (session gh-42) via cloudformation.amazonaws.com',
    ],
    [{ type: 'AWSService', invokedBy: 'autoscaling.amazonaws.com' }, 'autoscaling.amazonaws.com'],
  ])('names %o as %s', (identity, name) => {
    expect(of(identity).name).toBe(name);
  });

  it('reads an unparsable record as an unnamed identity rather than failing', () => {
    expect(creatorOf({ EventName: 'CreateVolume', CloudTrailEvent: '{not json' })).toMatchObject({
      name: 'an unnamed identity',
      names: [],
      event: 'CreateVolume',
    });
  });
});

describe('creatorTarget', () => {
  it('asks by id, an ALB by its ARN, and bounds an instance by its launch time', () => {
    expect(creatorTarget('volumes', volume({ id: 'vol-1', createTime: '2026-10-01T00:00:00Z' }))).toMatchObject({
      name: 'vol-1',
      events: ['CreateVolume'],
      created: '2026-10-01T00:00:00Z',
    });
    const alb = loadBalancer({
      id: 'app/web/abc',
      arn: 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/abc',
    });
    expect(creatorTarget('loadBalancers', alb)?.name).toBe(alb.arn);
    const i = creatorTarget('instances', instance({ launchTime: '2026-11-02T00:00:00Z' }));
    expect(i).toMatchObject({ events: ['RunInstances'], notAfter: '2026-11-02T00:00:00Z' });
    expect(i?.created).toBeUndefined();
    expect(creatorTarget('addresses', address())?.events).toEqual(['AllocateAddress']);
    expect(creatorTarget('logGroups', volume())).toBeUndefined();
  });
});
