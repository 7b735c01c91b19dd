/**
 * SDK middleware that answers calls without the network (sample account, cassette replay) or records what AWS
 * answered. It sits at the initialize step, inside the real client, so collectors' paginators and parsing run as in
 * live mode.
 */
import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware } from '@smithy/types';

type Placement = InitializeHandlerOptions & AbsoluteLocation;

import { violation } from './constraints';
import { STRING_DATE_SERVICES, serviceName } from './services';

/** One AWS call as the middleware sees it. Operation has no "Command" suffix. */
export interface AwsCall {
  service: string;
  operation: string;
  region: string;
  /** The member account a call is made in through an assumed role; absent: the credentials' own account. */
  accountId?: string;
  input: Record<string, unknown>;
}

/** Answers a call with the output object, or throws an error shaped like the SDK's (name, message). */
export type Responder = (call: AwsCall) => unknown | Promise<unknown>;

/** An error as AWS would raise it: the name is what collectors branch on. */
export function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Turn ISO-8601 date-time strings into Dates, as the SDK parses timestamps (not for Cost Explorer's string dates). */
export function reviveDates(value: unknown): unknown {
  if (typeof value === 'string') return ISO_DATETIME.test(value) ? new Date(value) : value;
  if (Array.isArray(value)) return value.map(reviveDates);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveDates(v)]));
  }
  return value;
}

/** A value as JSON with object keys sorted at every level: two inputs that differ only in key order read the same. */
export function canonical(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object' && !(v instanceof Date)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sorted(value)) ?? 'undefined';
}

/** Dates as ISO strings, undefined keys dropped: the form inputs are stored and matched in. */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;

export interface CallSink {
  count(service: string, operation: string, accountId?: string): void;
}

const operationOf = (commandName: string) => commandName.replace(/Command$/, '');

/** The call a middleware sees, as responders and recorders take it. */
const callOf = (
  context: { clientName?: string; commandName?: string },
  input: unknown,
  region: string,
  accountId: string | undefined,
): AwsCall => ({
  service: serviceName(context.clientName ?? ''),
  operation: operationOf(context.commandName ?? ''),
  region,
  ...(accountId ? { accountId } : {}),
  input: plain(input as Record<string, unknown>),
});

/** Counts every call by service and operation, whatever answers it. */
export function countingMiddleware(
  sink: CallSink,
  accountId?: string,
): [InitializeMiddleware<object, object>, Placement] {
  return [
    (next, context) => async (args) => {
      sink.count(serviceName(context.clientName ?? ''), operationOf(context.commandName ?? ''), accountId);
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'durionCount' },
  ];
}

/** Answers from a responder instead of the network, refusing first what the service's request rules refuse. */
export function replayMiddleware(
  responder: Responder,
  region: string,
  accountId?: string,
): [InitializeMiddleware<object, object>, Placement] {
  return [
    (_next, context) => async (args) => {
      const service = serviceName(context.clientName ?? '');
      const call = callOf(context, args.input, region, accountId);
      const refused = violation(call);
      if (refused) throw awsError('ValidationException', refused);
      const answer = plain(await responder(call)) as Record<string, unknown>;
      const output = STRING_DATE_SERVICES.has(service) ? answer : (reviveDates(answer) as Record<string, unknown>);
      return { output: { ...output, $metadata: { httpStatusCode: 200 } }, response: {} };
    },
    { step: 'initialize', priority: 'low', name: 'durionReplay' },
  ];
}

/** Passes the call to AWS and hands what came back (or the error) to a recorder. */
export function recordMiddleware(
  record: (call: AwsCall, result: { output?: unknown; error?: { name: string; message: string } }) => void,
  region: string,
  accountId?: string,
): [InitializeMiddleware<object, object>, Placement] {
  return [
    (next, context) => async (args) => {
      const call = callOf(context, args.input, region, accountId);
      try {
        const result = await next(args);
        const { $metadata: _ignored, ...output } = result.output as Record<string, unknown>;
        record(call, { output: plain(output) });
        return result;
      } catch (err) {
        const e = err as Error;
        record(call, { error: { name: e.name, message: e.message } });
        throw err;
      }
    },
    { step: 'initialize', priority: 'low', name: 'durionRecord' },
  ];
}
