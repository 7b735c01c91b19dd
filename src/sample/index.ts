/**
 * The sample account: a mid-size Durion ERP estate (production, staging and development behind one payer), answered
 * through the same SDK middleware as a cassette. Deterministic for a seed and an as-of date.
 * Each file of this folder answers the operations of its part of the estate; this index routes calls to them.
 */
import { type AwsCall, awsError, type Responder } from '../aws/replay';
import { anomalyHandlers } from './anomalies';
import { commitmentHandlers } from './commitments';
import { inventoryHandlers } from './inventory';
import { optimizerHandlers } from './optimizer';
import { spendHandlers } from './spend';

export interface SampleOptions {
  /** YYYY-MM-DD: "today" for the sample (the run's as-of date). */
  asOf: string;
  seed: number;
}

/** Answers one operation; `service:Operation` keys. */
export type SampleHandler = (call: AwsCall, options: SampleOptions) => unknown;

const HANDLERS: Record<string, SampleHandler> = {
  ...spendHandlers,
  ...inventoryHandlers,
  ...optimizerHandlers,
  ...commitmentHandlers,
  ...anomalyHandlers,
  'sts:GetCallerIdentity': () => ({
    Account: '111111111111',
    Arn: 'arn:aws:sts::111111111111:assumed-role/durion-cost-sample/durion-cost',
    UserId: 'AROAEXAMPLESAMPLEUSER:durion-cost',
  }),
};

/** The responder for sample mode. An operation the sample does not model fails like a cassette miss. */
export function sampleResponder(options: SampleOptions): Responder {
  return (call) => {
    const handler = HANDLERS[`${call.service}:${call.operation}`];
    if (!handler)
      throw awsError('UnsupportedOperation', `the sample account does not answer ${call.service} ${call.operation}`);
    return handler(call, options);
  };
}
