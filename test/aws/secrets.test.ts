import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awsError } from '../../src/aws/replay';
import { SECRET_TTL_S, secret, setSsmClient } from '../../src/aws/secrets';

const NAME = '/durion-cost/test/slack-signing-secret';
const ssm = mockClient(SSMClient);

describe('secrets from SSM', () => {
  beforeEach(() => {
    ssm.reset();
    setSsmClient(new SSMClient({ region: 'us-east-1' }));
  });
  afterEach(() => vi.useRealTimers());

  it('prefers the plain value, and reads a SecureString decrypted otherwise', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'from-ssm' } });
    expect(await secret('plain', NAME)).toBe('plain');
    expect(await secret(undefined, NAME)).toBe('from-ssm');
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({ Name: NAME, WithDecryption: true });
    expect(await secret(undefined, undefined)).toBeUndefined();
  });

  it('reads a rotated value again once its time to live is over, not before', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T07:00:00Z'), toFake: ['Date'] });
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: 'old' } })
      .resolves({ Parameter: { Value: 'new' } });
    expect(await secret(undefined, NAME)).toBe('old');
    vi.setSystemTime(new Date(Date.now() + (SECRET_TTL_S - 10) * 1000));
    expect(await secret(undefined, NAME)).toBe('old');
    vi.setSystemTime(new Date(Date.now() + 20_000));
    expect(await secret(undefined, NAME)).toBe('new');
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  it('names a missing parameter and how to create it, as a configuration error', async () => {
    ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound', 'Parameter not found'));
    await expect(secret(undefined, NAME)).rejects.toMatchObject({
      code: 'E_CONFIG',
      message: expect.stringMatching(
        /^SSM parameter \/durion-cost\/test\/slack-signing-secret could not be read \(ParameterNotFound: .*aws ssm put-parameter --type SecureString --name \/durion-cost\/test\/slack-signing-secret/,
      ),
    });
  });
});
