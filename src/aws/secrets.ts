/** Slack secrets: from SSM Parameter Store (SecureString) in AWS, from the environment locally. Cached per cold start. */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from '../domain/errors';

const cache = new Map<string, Promise<string>>();
let ssm: SSMClient | undefined;

/** Use another SSM client (tests). */
export const setSsmClient = (client: SSMClient): void => {
  ssm = client;
  cache.clear();
};

/** The plain value when set, else the SecureString parameter's value; undefined when neither is configured. */
export async function secret(
  plain: string | undefined,
  parameterName: string | undefined,
): Promise<string | undefined> {
  if (plain) return plain;
  if (!parameterName) return undefined;
  let value = cache.get(parameterName);
  if (!value) {
    ssm ??= new SSMClient({});
    value = ssm.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true })).then((out) => {
      if (!out.Parameter?.Value) throw new ConfigError(`SSM parameter ${parameterName} has no value`);
      return out.Parameter.Value;
    });
    // A failed read is not cached: the next invocation tries again.
    value.catch(() => cache.delete(parameterName));
    cache.set(parameterName, value);
  }
  return value;
}
