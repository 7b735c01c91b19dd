/**
 * One factory for every AWS client, in four modes: live (default credential chain, adaptive retries), sample and
 * cassette (answered by SDK middleware, no network), record (live, with every answer kept for a cassette).
 * Every call is counted by service and operation, and every listing is guarded against a page token returned twice.
 */
import type { Client } from '@smithy/smithy-client';
import type { AwsCredentialIdentity } from '@smithy/types';
import { loadCassette, Recorder } from './cassette';
import { pagingGuardMiddleware } from './paging';
import { countingMiddleware, type Responder, recordMiddleware, replayMiddleware } from './replay';

export type AwsMode = 'live' | 'sample' | 'cassette' | 'record';

// biome-ignore lint/suspicious/noExplicitAny: SDK clients differ in their input/output unions; the factory only needs the stack.
type AnyClient = Client<any, any, any, any>;
type ClientClass<C extends AnyClient> = new (config: {
  region: string;
  maxAttempts?: number;
  retryMode?: string;
  credentials?: AwsCredentialIdentity;
  requestHandler?: ClientLimits['requestHandler'];
}) => C;

/** Limits every client of a factory keeps (the Slack path: one attempt, a request timeout), over the defaults. */
export interface ClientLimits {
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}

/** The account's own calls, in CallLog.byAccount. */
const OWN_ACCOUNT = '(own)';

/** Calls made in a run, by `service:Operation`, and by account (member accounts by id, the caller's own as OWN_ACCOUNT). */
export class CallLog {
  readonly byOperation: Record<string, number> = {};
  readonly byAccount: Record<string, Record<string, number>> = {};
  count = (service: string, operation: string, accountId = OWN_ACCOUNT): void => {
    const key = `${service}:${operation}`;
    this.byOperation[key] = (this.byOperation[key] ?? 0) + 1;
    const account = this.byAccount[accountId] ?? {};
    account[key] = (account[key] ?? 0) + 1;
    this.byAccount[accountId] = account;
  };
  /** Requests to one service (Cost Explorer bills each at $0.01). */
  forService(service: string): number {
    return Object.entries(this.byOperation)
      .filter(([key]) => key.startsWith(`${service}:`))
      .reduce((sum, [, n]) => sum + n, 0);
  }
}

export interface AwsOptions {
  mode: AwsMode;
  homeRegion: string;
  /** Required in sample mode: what answers the calls. */
  responder?: Responder;
  /** Required in cassette mode. */
  cassetteDir?: string;
  /** Limits over the defaults (5 attempts, adaptive retries, no request timeout). */
  limits?: ClientLimits;
}

export interface Aws {
  readonly mode: AwsMode;
  readonly homeRegion: string;
  readonly calls: CallLog;
  /** The client of that class for a region (home region by default), created once and reused. */
  client<C extends AnyClient>(Client: ClientClass<C>, region?: string): C;
  /**
   * The same factory (mode, call log, recorder) acting in a member account with the credentials its role gave
   * (src/collect/organization.ts assumes it); its calls are counted and replayed under that account.
   */
  inAccount(accountId: string, credentials: AwsCredentialIdentity): Aws;
  /** In record mode, the recorder that holds what AWS answered. */
  readonly recorder?: Recorder;
}

export function createAws(options: AwsOptions): Aws {
  const responder: Responder | undefined =
    options.mode === 'cassette' ? loadCassette(options.cassetteDir ?? '') : options.responder;
  if ((options.mode === 'sample' || options.mode === 'cassette') && !responder) {
    throw new Error(`${options.mode} mode needs a responder`);
  }
  const recorder = options.mode === 'record' ? new Recorder() : undefined;
  return factory({ ...options, responder, recorder, calls: new CallLog() });
}

interface FactoryOptions extends AwsOptions {
  calls: CallLog;
  recorder?: Recorder;
  accountId?: string;
  credentials?: AwsCredentialIdentity;
}

function factory(options: FactoryOptions): Aws {
  const { calls, recorder, responder, accountId } = options;
  const cache = new Map<string, AnyClient>();
  const aws: Aws = {
    mode: options.mode,
    homeRegion: options.homeRegion,
    calls,
    recorder,
    client<C extends AnyClient>(Client: ClientClass<C>, region = options.homeRegion): C {
      const key = `${Client.name}@${region}`;
      let client = cache.get(key) as C | undefined;
      if (!client) {
        const credentials = options.credentials ? { credentials: options.credentials } : {};
        client = new Client({ region, maxAttempts: 5, retryMode: 'adaptive', ...credentials, ...options.limits });
        client.middlewareStack.add(...countingMiddleware(calls, accountId));
        client.middlewareStack.add(...pagingGuardMiddleware());
        if (responder) client.middlewareStack.add(...replayMiddleware(responder, region, accountId));
        if (recorder) client.middlewareStack.add(...recordMiddleware(recorder.record, region, accountId));
        cache.set(key, client);
      }
      return client;
    },
    inAccount(member, credentials) {
      return factory({ ...options, accountId: member, credentials });
    },
  };
  return aws;
}
