/** Who a run is: the account its credentials belong to. */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Aws } from '../aws';
import { CredentialsError } from '../domain/errors';

/** Who we are: the account the credentials belong to. No credentials is a usage error that points at --sample. */
export async function identify(aws: Aws): Promise<string> {
  try {
    const id = await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
    return id.Account ?? 'unknown';
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'CredentialsProviderError' || /credential/i.test((err as Error).message)) {
      throw new CredentialsError(
        'no AWS credentials found (default credential chain: environment, profile, SSO, instance role). ' +
          'Set AWS_PROFILE or run `durion-cost run --sample` to try the bundled sample account.',
        { cause: err },
      );
    }
    if (REFUSED.test(name)) {
      throw new CredentialsError(
        `AWS refused the credentials (sts:GetCallerIdentity: ${name}: ${(err as Error).message}). ` +
          (/Expired/i.test(name)
            ? 'They have expired: refresh them (aws sso login, or a new session token) and run again.'
            : 'Check AWS_PROFILE, the access key and the session token, or run with --sample.'),
        { cause: err },
      );
    }
    throw err;
  }
}

/** What STS answers for credentials it does not accept: expired, unknown, badly signed, or denied outright. */
const REFUSED =
  /ExpiredToken|RequestExpired|AccessDenied|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|InvalidSignature|AuthFailure/i;
