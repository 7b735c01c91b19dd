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

  it('ignores the stack resource settings under serverless-offline, so dev uses the local store and env secrets', () => {
    const env = { DURION_TABLE: '[object Object]', SLACK_SIGNING_SECRET_PARAM: '/p', DURION_STORE_DIR: '/tmp/s' };
    expect(loadConfig(env)).toMatchObject({ tableName: '[object Object]', slack: { signingSecretParam: '/p' } });
    const offline = loadConfig({ ...env, IS_OFFLINE: 'true' });
    expect(offline.tableName).toBeUndefined();
    expect(offline.slack.signingSecretParam).toBeUndefined();
    expect(offline.storeDir).toBe('/tmp/s');
  });
});
