/**
 * Slack secrets: from SSM Parameter Store (SecureString) in AWS, through Powertools Parameters, each value kept for
 * SECRET_TTL_S so a rotated signing secret or bot token is read again within minutes, without a cold start; from the
 * environment locally. A parameter that is missing or cannot be read is a ConfigError naming it and how to create it.
 */

import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from '../domain/errors';

/** What reading a secret sends: Powertools' SSMProvider calls GetParameter (WithDecryption), not our own code. */
export const SECRETS_IAM_ACTIONS = ['ssm:GetParameter'] as const;

/** How long a read value is used before it is read again, in seconds. */
export const SECRET_TTL_S = 300;

let provider: SSMProvider | undefined;

/** Read through this SSM client (tests); the cache starts empty. */
export const setSsmClient = (client: SSMClient): void => {
  provider = new SSMProvider({ awsSdkV3Client: client });
};

/** The plain value when set, else the SecureString parameter's value; undefined when neither is configured. */
export async function secret(
  plain: string | undefined,
  parameterName: string | undefined,
): Promise<string | undefined> {
  if (plain) return plain;
  if (!parameterName) return undefined;
  provider ??= new SSMProvider();
  let value: string | undefined;
  try {
    value = await provider.get(parameterName, { decrypt: true, maxAge: SECRET_TTL_S });
  } catch (cause) {
    const why = ((cause as Error).cause as Error | undefined) ?? (cause as Error);
    throw new ConfigError(
      `SSM parameter ${parameterName} could not be read (${why.name}: ${why.message}); create it with ` +
        `\`aws ssm put-parameter --type SecureString --name ${parameterName} --value ...\``,
      { cause },
    );
  }
  if (!value) throw new ConfigError(`SSM parameter ${parameterName} has no value`);
  return value;
}
