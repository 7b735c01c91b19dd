import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';

describe('Slack settings', () => {
  it('reads access lists and the owner and team maps', () => {
    const { slack } = loadConfig({
      SLACK_ALLOWED_CHANNELS: 'C1, C2',
      SLACK_ALLOW_DM: 'true',
      SLACK_ADMIN_USERS: 'U1',
      DURION_OWNER_CHANNELS: '{"payments":"C9"}',
      DURION_TEAM_MAP: '{"S1":["payments","billing"]}',
    });
    expect(slack).toMatchObject({
      allowedChannels: ['C1', 'C2'],
      allowDm: true,
      adminUsers: ['U1'],
      adminGroups: [],
      ownerChannels: { payments: 'C9' },
      teamMap: { S1: ['payments', 'billing'] },
      command: '/durion-cost',
    });
  });

  it.each([
    ['DURION_TEAM_MAP', '{"S1":"payments"}'],
    ['DURION_OWNER_CHANNELS', '["C1"]'],
    ['DURION_OWNER_CHANNELS', '{nope'],
    ['SLACK_ALLOW_DM', 'yes'],
  ])('names %s when it is malformed', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(key);
  });

  it("takes DURION_TEAM_MAP's creator: patterns to the CloudTrail settings, each with its entry's first owner value", () => {
    const config = loadConfig({
      DURION_TEAM_MAP: JSON.stringify({
        S1: ['222222222222', 'payments', 'billing', 'creator:*@payments.example.com', 'creator: ci-payments'],
        U2: ['data'],
      }),
    });
    expect(config.slack.teamMap).toEqual({ S1: ['222222222222', 'payments', 'billing'], U2: ['data'] });
    expect(config.cloudTrail).toEqual({
      lookups: 40,
      creatorTeams: [
        { pattern: '*@payments.example.com', owner: 'payments' },
        { pattern: 'ci-payments', owner: 'payments' },
      ],
    });
  });

  it.each([
    ['an entry of creator patterns and an account only', { S1: ['222222222222', 'creator:alice@example.com'] }],
    ['an empty pattern', { S1: ['payments', 'creator:'] }],
  ])('refuses %s, naming DURION_TEAM_MAP', (_, map) => {
    expect(() => loadConfig({ DURION_TEAM_MAP: JSON.stringify(map) })).toThrow(/DURION_TEAM_MAP: S1 lists creator/);
  });

  it('reads the CloudTrail lookup budget, 0 for none', () => {
    expect(loadConfig({ DURION_CLOUDTRAIL_LOOKUPS: '0' }).cloudTrail.lookups).toBe(0);
    expect(() => loadConfig({ DURION_CLOUDTRAIL_LOOKUPS: '-1' })).toThrow('DURION_CLOUDTRAIL_LOOKUPS');
  });

  it('ignores the stack resource settings under serverless-offline, so dev uses the local store and env secrets', () => {
    const env = { DURION_TABLE: '[object Object]', SLACK_SIGNING_SECRET_PARAM: '/p', DURION_STORE_DIR: '/tmp/s' };
    expect(loadConfig(env)).toMatchObject({ tableName: '[object Object]', slack: { signingSecretParam: '/p' } });
    const offline = loadConfig({ ...env, IS_OFFLINE: 'true' });
    expect(offline.tableName).toBeUndefined();
    expect(offline.slack.signingSecretParam).toBeUndefined();
    expect(offline.storeDir).toBe('/tmp/s');
  });
});
