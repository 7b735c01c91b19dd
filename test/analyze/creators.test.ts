import { describe, expect, it } from 'vitest';
import { teamOf } from '../../src/analyze/creators';
import type { Creator } from '../../src/domain/creator';

const SSO = 'AWSReservedSSO_PaymentsDev_0a1b2c3d4e5f6a7b';
const sso = (session: string): Creator => ({
  name: `${session} (SSO PaymentsDev)`,
  names: [
    `arn:aws:sts::111111111111:assumed-role/${SSO}/${session}`,
    `AROAEXAMPLE:${session}`,
    SSO,
    session,
    `arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/${SSO}`,
  ],
  person: session,
  event: 'RunInstances',
  at: '2026-11-01T00:00:00.000Z',
});
const ciRole: Creator = {
  name: 'role ci-deploy (session gh-42)',
  names: ['arn:aws:sts::111111111111:assumed-role/ci-deploy/gh-42', 'ci-deploy', 'gh-42'],
  person: 'gh-42',
  event: 'CreateVolume',
  at: '2026-11-01T00:00:00.000Z',
};
const known = new Map([
  ['alice', 'alice'],
  ['data', 'data'],
]);

describe('teamOf: the team of the identity that created a resource', () => {
  it('takes the first DURION_TEAM_MAP creator pattern that matches one of its names, whatever the case', () => {
    const teams = [
      { pattern: '*@PAYMENTS.example.com', owner: 'payments' },
      { pattern: 'AWSReservedSSO_PaymentsDev_*', owner: 'payments-dev' },
      { pattern: 'ci-deploy', owner: 'platform' },
    ];
    expect(teamOf(sso('bob@payments.example.com'), teams, known)).toBe('payments');
    expect(teamOf(sso('carol@example.com'), teams, known)).toBe('payments-dev');
    expect(teamOf(ciRole, teams, known)).toBe('platform');
  });

  it('matches a whole name: a pattern is no substring search, and its dots are dots', () => {
    expect(teamOf(ciRole, [{ pattern: 'ci', owner: 'x' }], new Map())).toBeUndefined();
    expect(teamOf(sso('alice@exampleXcom'), [{ pattern: 'alice@example.com', owner: 'x' }], new Map())).toBeUndefined();
  });

  it('else takes an owner value on tagged resources that its person-like name is, or its email local part', () => {
    expect(teamOf(sso('alice@example.com'), [], known)).toBe('alice');
    expect(teamOf({ ...ciRole, person: 'Alice' }, [], known)).toBe('alice');
  });

  it('maps a service, a shared CI session or an unknown person to no team', () => {
    expect(teamOf(ciRole, [], known)).toBeUndefined();
    expect(teamOf(sso('mallory@example.com'), [], known)).toBeUndefined();
    const { person: _, ...service } = { ...ciRole, name: 'autoscaling.amazonaws.com', names: [] };
    expect(teamOf(service, [], known)).toBeUndefined();
  });
});
