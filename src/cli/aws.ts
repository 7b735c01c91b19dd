/**
 * The CLI decides where AWS answers from: live credentials, the bundled sample account (fixtures/, never in a Lambda
 * bundle), a cassette, or live with recording. Jobs take the Aws built here and never know the mode's source.
 */
import { sampleResponder } from '../../fixtures/sample';
import { type Aws, type AwsMode, createAws } from '../aws';
import type { Responder } from '../aws/replay';

export interface CliAwsOptions {
  mode: AwsMode;
  homeRegion: string;
  /** The day the sample account is built for. */
  asOf: string;
  seed?: number;
  /** The sample organization's size: accounts past the estate's 3 are generated copies of staging. */
  sampleAccounts?: number;
  cassetteDir?: string;
  /** What answers in sample mode instead of the bundled sample account (tests record through it). */
  responder?: Responder;
}

export function cliAws(options: CliAwsOptions): Aws {
  const { mode, homeRegion, asOf } = options;
  const responder =
    mode === 'sample'
      ? (options.responder ??
        sampleResponder({
          asOf,
          seed: options.seed ?? 1,
          ...(options.sampleAccounts ? { accounts: options.sampleAccounts } : {}),
        }))
      : undefined;
  return createAws({ mode, homeRegion, responder, cassetteDir: options.cassetteDir });
}
